package io.servicequality.complaint.sla;

import io.servicequality.complaint.sla.SlaTargets.Targets;
import io.servicequality.contracts.ComplaintChanged.Severity;

/**
 * The targets in force for one severity, in business minutes; {@code source} is {@code TENANT} for a policy the
 * tenant set, {@code DEFAULT} for the deployment's defaults.
 */
record SlaPolicyResponse(Severity severity, long firstResponseMinutes, long resolutionMinutes, Source source) {

    enum Source {
        TENANT,
        DEFAULT
    }

    static SlaPolicyResponse of(Severity severity, Targets targets, boolean tenantPolicy) {
        return new SlaPolicyResponse(
                severity,
                targets.firstResponse().toMinutes(),
                targets.resolution().toMinutes(),
                tenantPolicy ? Source.TENANT : Source.DEFAULT);
    }
}
