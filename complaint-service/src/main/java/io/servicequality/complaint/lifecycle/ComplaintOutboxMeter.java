package io.servicequality.complaint.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.Topics;
import org.springframework.stereotype.Component;

/**
 * {@code sqp.outbox.backlog{outbox=sqp.complaint-changed.v1}}: the complaints whose events this process holds to
 * publish (claims queued for the next batch, and the retry backlog of what the broker did not acknowledge). It grows
 * while the broker is away and falls to zero when it is back.
 */
@Component
class ComplaintOutboxMeter {

    ComplaintOutboxMeter(ComplaintEventRelay relay, MeterRegistry registry) {
        Gauge.builder("sqp.outbox.backlog", relay, ComplaintEventRelay::waiting)
                .tag("outbox", Topics.COMPLAINT_CHANGED)
                .description("complaints whose events wait for the broker's acknowledgement")
                .register(registry);
    }
}
