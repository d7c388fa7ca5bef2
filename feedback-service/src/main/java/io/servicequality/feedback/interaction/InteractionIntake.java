package io.servicequality.feedback.interaction;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.ingest.Accepted;
import io.servicequality.feedback.ingest.Arrival;
import io.servicequality.feedback.ingest.BatchResult;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.security.CallerAccess;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/** Accepts interactions log-first: {@code InteractionRecorded} is acknowledged by the broker before the answer. */
@Service
class InteractionIntake {

    private final Intake intake;
    private final CallerAccess callers;

    InteractionIntake(Intake intake, CallerAccess callers) {
        this.intake = intake;
        this.callers = callers;
    }

    Accepted submit(SubmitInteractionRequest request, String idempotencyKey) {
        return intake.submit(Topics.INTERACTION_RECORDED, request, idempotencyKey, this::toEvent);
    }

    BatchResult submitBatch(byte[] body, MediaType contentType, String idempotencyKey) {
        return intake.submitBatch(
                Topics.INTERACTION_RECORDED,
                body,
                contentType,
                SubmitInteractionRequest.class,
                idempotencyKey,
                this::toEvent);
    }

    private InteractionRecorded toEvent(SubmitInteractionRequest request, Arrival arrival) {
        return new InteractionRecorded(
                arrival.eventId(),
                callers.tenantId(),
                request.branchId(),
                request.occurredAt(),
                InteractionRecorded.SCHEMA_VERSION,
                request.channel(),
                request.agentId(),
                request.offeredAt(),
                request.answered(),
                request.abandoned(),
                request.waitSeconds(),
                request.handleSeconds(),
                Boolean.TRUE.equals(request.resolvedFirstContact()),
                Boolean.TRUE.equals(request.complex()),
                arrival.receivedAt(),
                arrival.late());
    }
}
