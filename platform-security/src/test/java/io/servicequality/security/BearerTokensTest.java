package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {

    private static final String TOKEN_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/";

    private static final List<String> SAMPLES = List.of(
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl",
            "bearer abc",
            "BEARER abc==",
            "Bearer ",
            "Bearer",
            "Bearer ==",
            "Bearer a=b",
            "Bearer  abc",
            "Bearer abc ",
            "Bearer abc\n",
            "Bearer\tabc",
            "Basic dXNlcjpwYXNz",
            "Bearerabc",
            "Bearer abc,def",
            "Bearer 张三",
            "Bearer \u212Aelvin",
            "bearer",
            "");

    private final DefaultBearerTokenResolver defaults = new DefaultBearerTokenResolver();
    private final BearerTokens tokens = new BearerTokens();

    @Test
    void resolvesEveryAuthorizationHeaderExactlyAsSpringSecuritysDefault() {
        List<String> headers = new ArrayList<>(SAMPLES);
        SplittableRandom random = new SplittableRandom(11);
        String[] schemes = {"Bearer ", "bearer ", "BeArEr ", "Bearer", "Bearer  ", "Basic ", "Bear "};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(schemes[random.nextInt(schemes.length)]);
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                // mostly token characters, some padding, spaces, other ASCII and non-ASCII
                int kind = random.nextInt(20);
                header.append(
                        kind < 16
                                ? TOKEN_CHARACTERS.charAt(random.nextInt(TOKEN_CHARACTERS.length()))
                                : kind < 18
                                        ? '='
                                        : kind < 19
                                                ? (char) random.nextInt(0x20, 0x7F)
                                                : (char) random.nextInt(0x80, 0xFFFF));
            }
            headers.add(header.toString());
        }
        int tokensResolved = 0;
        int refused = 0;
        for (String header : headers) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/feedback");
            request.addHeader("Authorization", header);
            Outcome expected = outcome(() -> defaults.resolve(request));
            assertThat(outcome(() -> tokens.resolve(request))).as(header).isEqualTo(expected);
            tokensResolved += expected.token() != null ? 1 : 0;
            refused += expected.error() != null ? 1 : 0;
        }
        assertThat(tokensResolved).as("headers the default accepts").isGreaterThan(1_000);
        assertThat(refused).as("headers the default refuses as malformed").isGreaterThan(1_000);
    }

    @Test
    void aRequestWithoutTheHeaderOrWithTheTokenAsAParameterIsTheDefaultsToDecide() {
        MockHttpServletRequest none = new MockHttpServletRequest("GET", "/api/v1/reports");
        assertThat(tokens.resolve(none)).isNull();

        MockHttpServletRequest parameter = new MockHttpServletRequest("GET", "/api/v1/reports");
        parameter.setParameter("access_token", "abc");
        assertThat(outcome(() -> tokens.resolve(parameter))).isEqualTo(outcome(() -> defaults.resolve(parameter)));
    }

    @Test
    void aWellFormedHeaderIsDecidedWithoutTheDefault() {
        assertThat(BearerTokens.wellFormedToken("Bearer eyJ0.eyJ1.c2ln==")).isEqualTo("eyJ0.eyJ1.c2ln==");
        assertThat(BearerTokens.wellFormedToken("Bearer abc def")).isNull();
        assertThat(BearerTokens.wellFormedToken("Bearer ==")).isNull();
    }

    private static Outcome outcome(Supplier<String> resolution) {
        try {
            return new Outcome(resolution.get(), null);
        } catch (OAuth2AuthenticationException refused) {
            return new Outcome(null, refused.getError().getDescription());
        }
    }

    private record Outcome(String token, String error) {}
}
