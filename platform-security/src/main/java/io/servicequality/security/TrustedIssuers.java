package io.servicequality.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Staff tokens of more than one issuer — an OIDC provider and the local key at once — each verified by its own
 * verifier, chosen by the token's {@code iss} as it reads before verification. The choice grants nothing: the chosen
 * verifier checks the signature with that issuer's keys only and {@code iss} again, so a token naming one issuer and
 * signed by another's key is refused like any forged one. A token naming no trusted issuer is refused before any
 * key is fetched.
 *
 * <p>Spring Security's {@code JwtIssuerAuthenticationManagerResolver} makes the same choice, but per request in front
 * of an authentication manager: it would read every token before the {@link VerifiedTokenCache}, and reporting-service
 * verifies dashboard sign-ins with the {@link JwtDecoder} bean itself. As a decoder, the choice sits behind the cache
 * and serves both.
 */
final class TrustedIssuers implements JwtDecoder {

    private final Map<String, JwtDecoder> verifiers;

    /** @param verifiers by the exact {@code iss} their tokens carry */
    TrustedIssuers(Map<String, JwtDecoder> verifiers) {
        this.verifiers = Map.copyOf(verifiers);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String issuer = unverifiedIssuer(token);
        JwtDecoder verifier = issuer == null ? null : verifiers.get(issuer);
        if (verifier == null) {
            // the 401 says only invalid_token (SecurityProblems): which issuers are trusted is not told
            throw new BadJwtException("The token's issuer is not trusted");
        }
        return verifier.decode(token);
    }

    private static String unverifiedIssuer(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            return claims == null ? null : claims.getIssuer();
        } catch (ParseException e) {
            throw new BadJwtException("Malformed token", e);
        }
    }
}
