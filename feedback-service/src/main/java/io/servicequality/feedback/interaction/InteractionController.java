package io.servicequality.feedback.interaction;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.audit.AuditQuery;
import io.servicequality.feedback.audit.EventAudit;
import io.servicequality.feedback.ingest.EventType;
import io.servicequality.feedback.ingest.IngestEndpoints;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.feedback.paging.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Service interactions: posted one at a time or in batches, read back one by one or as an audit list. */
@RestController
@RequestMapping("/api/v1/interactions")
class InteractionController extends IngestEndpoints<SubmitInteractionRequest, InteractionRecorded, InteractionDetails> {

    static final EventType<SubmitInteractionRequest, InteractionRecorded, InteractionDetails> INTERACTIONS =
            new EventType<>(
                    "interaction",
                    Topics.INTERACTION_RECORDED,
                    SubmitInteractionRequest.class,
                    SubmitInteractionRequest::toEvent,
                    InteractionDetails::of,
                    InteractionExamples.ALL);

    InteractionController(Intake intake, EventAudit audit) {
        super(INTERACTIONS, intake, audit);
    }

    /** For audit: stored interactions in event-time order, filtered, one page at a time. */
    @GetMapping
    Page<InteractionDetails> list(AuditQuery query) {
        return list(query, null);
    }
}
