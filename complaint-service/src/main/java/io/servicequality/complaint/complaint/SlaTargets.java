package io.servicequality.complaint.complaint;

import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Default first-response and resolution targets per severity (SPEC §5), overridable under
 * {@code sqp.complaints.sla.<severity>.first-response|resolution}. A target left out keeps its default.
 *
 * <p>For now they run on a 24x7 clock from the opening instant; business calendars and per-tenant policies come
 * with the complaint lifecycle.
 */
@ConfigurationProperties("sqp.complaints.sla")
record SlaTargets(Targets low, Targets medium, Targets high, Targets critical) {

    static final SlaTargets DEFAULTS = new SlaTargets(null, null, null, null);

    SlaTargets {
        low = Targets.orDefault(low, Duration.ofHours(24), Duration.ofHours(120));
        medium = Targets.orDefault(medium, Duration.ofHours(8), Duration.ofHours(72));
        high = Targets.orDefault(high, Duration.ofHours(4), Duration.ofHours(48));
        critical = Targets.orDefault(critical, Duration.ofHours(1), Duration.ofHours(24));
    }

    Targets of(Severity severity) {
        return switch (severity) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
    }

    DueTimes dueTimes(Severity severity, Instant openedAt) {
        Targets targets = of(severity);
        return new DueTimes(openedAt.plus(targets.firstResponse()), openedAt.plus(targets.resolution()));
    }

    record Targets(Duration firstResponse, Duration resolution) {

        Targets {
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

    record DueTimes(Instant firstResponseDueAt, Instant resolutionDueAt) {}
}
