package io.servicequality.complaint.lifecycle;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.complaints.timers}: the SLA timer. The sweep interval is {@code sqp.complaints.timers.interval} (read
 * by the scheduler). A timer fires at most {@code interval} after its instant while an instance holds the lease, and
 * at most {@code leaseTimeout + interval} after it when the holder died without releasing it.
 *
 * @param leaseTimeout how long one instance holds the timer lease without renewing it
 * @param batchSize how many due complaints one sweep handles
 * @param recoveryInterval how often the lease holder also reads the due instants from the store (besides when it
 *     takes the lease): a due instant written by another instance is seen at most this long after it was written
 */
@Validated
@ConfigurationProperties("sqp.complaints.timers")
record TimerProperties(
        @DefaultValue("5s") @NotNull Duration interval,
        @DefaultValue("30s") @NotNull Duration leaseTimeout,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("1m") @NotNull Duration recoveryInterval) {}
