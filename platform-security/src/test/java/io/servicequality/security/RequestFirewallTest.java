package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class RequestFirewallTest {

    private static final List<String> SAMPLES = List.of(
            "",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl",
            "application/json; charset=utf-8",
            "tab\there",
            "bell\u0007",
            "delete\u007f",
            "c1 control\u0085",
            "new\nline",
            "张三 投诉",
            "café",
            "unassigned \u0378",
            "emoji \uD83D\uDE00",
            "lone surrogate \uD83D",
            "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./");

    @Test
    void decidesEveryHeaderAndParameterExactlyAsSpringSecuritysDefaults() {
        List<String> values = new ArrayList<>(SAMPLES);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                // mostly ASCII and its edges, some Latin-1, CJK, unassigned and surrogate code units
                int kind = random.nextInt(10);
                value.append((char)
                        (kind < 6
                                ? random.nextInt(0x00, 0x80)
                                : kind < 8 ? random.nextInt(0x80, 0x400) : random.nextInt(0x0370, 0xFFFF)));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            assertSame(StrictHttpFirewall.ALLOWED_HEADER_NAMES, value);
            assertSame(StrictHttpFirewall.ALLOWED_HEADER_VALUES, value);
            assertSame(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES, value);
            assertSame(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES, value);
        }
    }

    @Test
    void controlCharactersAreStillRefusedAndTokensPassWithoutTheRegularExpression() {
        Predicate<String> headerValues = RequestFirewall.printableAsciiOr(value -> {
            throw new AssertionError("the default rule was consulted for " + value);
        });

        assertThat(headerValues.test(SAMPLES.get(1))).isTrue();
        assertThat(RequestFirewall.printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_VALUES)
                        .test("bell\u0007"))
                .isFalse();
    }

    private static void assertSame(Predicate<String> defaultRule, String value) {
        assertThat(RequestFirewall.printableAsciiOr(defaultRule).test(value))
                .as("%s", value.chars().mapToObj(Integer::toHexString).toList())
                .isEqualTo(defaultRule.test(value));
    }
}
