package io.servicequality.feedback.survey;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.audit.AuditQuery;
import io.servicequality.feedback.audit.EventAudit;
import io.servicequality.feedback.ingest.EventType;
import io.servicequality.feedback.ingest.IngestEndpoints;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.feedback.paging.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Survey responses: posted one at a time or in batches, read back one by one or as an audit list. */
@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController extends IngestEndpoints<SubmitFeedbackRequest, FeedbackSubmitted, FeedbackDetails> {

    static final EventType<SubmitFeedbackRequest, FeedbackSubmitted, FeedbackDetails> FEEDBACK = new EventType<>(
            "feedback",
            Topics.FEEDBACK_SUBMITTED,
            SubmitFeedbackRequest.class,
            SubmitFeedbackRequest::toEvent,
            FeedbackDetails::of,
            FeedbackExamples.ALL);

    FeedbackController(Intake intake, EventAudit audit) {
        super(FEEDBACK, intake, audit);
    }

    /**
     * For audit: stored feedback in event-time order, filtered, one page at a time.
     *
     * @param hasComment {@code true}: only feedback with a comment; {@code false}: only without; absent: all
     */
    @GetMapping
    Page<FeedbackDetails> list(AuditQuery query, @RequestParam(required = false) Boolean hasComment) {
        return list(query, hasComment == null ? null : where("event.comment").exists(hasComment));
    }
}
