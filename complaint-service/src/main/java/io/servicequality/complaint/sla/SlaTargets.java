package io.servicequality.complaint.sla;

import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deployment's default first-response and resolution targets per severity (SPEC §5), in business time,
 * overridable under {@code sqp.complaints.sla.<severity>.first-response|resolution}. A target left out keeps its
 * default. A tenant's {@link SlaPolicy} for a severity replaces them.
 */
@ConfigurationProperties("sqp.complaints.sla")
public record SlaTargets(Targets low, Targets medium, Targets high, Targets critical) {

    public static final SlaTargets DEFAULTS = new SlaTargets(null, null, null, null);

    public SlaTargets {
        low = Targets.orDefault(low, Duration.ofHours(24), Duration.ofHours(120));
        medium = Targets.orDefault(medium, Duration.ofHours(8), Duration.ofHours(72));
        high = Targets.orDefault(high, Duration.ofHours(4), Duration.ofHours(48));
        critical = Targets.orDefault(critical, Duration.ofHours(1), Duration.ofHours(24));
    }

    public Targets of(Severity severity) {
        return switch (severity) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
    }

    /** First-response and resolution targets, in business time. */
    public record Targets(Duration firstResponse, Duration resolution) {

        public Targets {
            requirePositive("first-response", firstResponse);
            requirePositive("resolution", resolution);
        }

        static Targets orDefault(Targets configured, Duration firstResponse, Duration resolution) {
            if (configured == null) {
                return new Targets(firstResponse, resolution);
            }
            return new Targets(
                    configured.firstResponse() != null ? configured.firstResponse() : firstResponse,
                    configured.resolution() != null ? configured.resolution() : resolution);
        }

        private static void requirePositive(String name, Duration target) {
            if (target != null && (target.isNegative() || target.isZero())) {
                throw new IllegalArgumentException(name + " target must be positive, was " + target);
            }
        }
    }
}
