package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final List<String> verified = new ArrayList<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Verifies "good-*" tokens expiring at 10:05 and "eternal" without expiry; refuses the rest. */
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (now.isAfter(NOW.plusSeconds(300)) || !(token.startsWith("good-") || token.equals("eternal"))) {
            throw new BadJwtException("refused");
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("alice");
        return (token.equals("eternal") ? jwt : jwt.expiresAt(NOW.plusSeconds(300))).build();
    };

    private final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, clock);

    @Test
    void aTokenIsVerifiedOnceUntilItExpiresThenRefusedAsBefore() {
        assertThat(cache.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(cache.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(verified).containsExactly("good-1");

        now = NOW.plusSeconds(301);
        assertThatThrownBy(() -> cache.decode("good-1")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("good-1", "good-1");
    }

    @Test
    void onlyTheVeryTokenThatPassedIsRememberedAndRefusalsAreNot() {
        cache.decode("good-1");
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        cache.decode("good-2");

        assertThat(verified).containsExactly("good-1", "forged", "forged", "good-2");
    }

    @Test
    void aTokenWithoutExpiryIsVerifiedEveryTime() {
        cache.decode("eternal");
        cache.decode("eternal");

        assertThat(verified).containsExactly("eternal", "eternal");
    }
}
