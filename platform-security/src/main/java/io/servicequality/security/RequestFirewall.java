package io.servicequality.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules, decided without a regular expression when a
 * header or parameter is printable ASCII.
 *
 * <p>Why: the default checks every header name and value, and every parameter, with a Unicode-class regular
 * expression, character by character; a staff token is a header value of ~1 KB, so that check was ~30 % of
 * complaint-service's CPU samples in a JFR at 250 complaint openings per second (docs/benchmarks.md). Printable ASCII
 * (U+0020–U+007E) is assigned and not a control character, so it passes every default rule; anything else is
 * decided by the default predicate itself. The accepted set is therefore exactly the default one.
 */
final class RequestFirewall {

    private RequestFirewall() {}

    static StrictHttpFirewall create() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_VALUES));
        firewall.setAllowedParameterNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES));
        firewall.setAllowedParameterValues(printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES));
        return firewall;
    }

    static Predicate<String> printableAsciiOr(Predicate<String> rule) {
        return value -> isPrintableAscii(value) || rule.test(value);
    }

    static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
