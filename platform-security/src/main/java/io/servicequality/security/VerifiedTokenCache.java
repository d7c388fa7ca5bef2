package io.servicequality.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens already verified, until they expire: a client sends the same bearer token with every request, and
 * verifying its RS256 signature again each time was a fifth of feedback-service's CPU under load (JFR,
 * docs/benchmarks.md). Keyed by the whole token string, signature included, so only the very token that passed
 * verification is answered from memory; a token is dropped from memory when its {@code exp} passes (and is then
 * refused by verification, as before), and at most {@code maximumTokens} are kept. Tokens without {@code exp} are not
 * remembered.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, int maximumTokens, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        return untilExpiry(jwt);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return untilExpiry(jwt);
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private long untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return Math.max(0, Duration.between(clock.instant(), expiresAt).toNanos());
    }
}
