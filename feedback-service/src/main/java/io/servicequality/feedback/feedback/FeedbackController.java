package io.servicequality.feedback.feedback;

import io.servicequality.feedback.problem.NotFoundException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    private final FeedbackIntake intake;
    private final FeedbackProjection projection;

    FeedbackController(FeedbackIntake intake, FeedbackProjection projection) {
        this.intake = intake;
        this.projection = projection;
    }

    /** 202 once the broker has acknowledged the event; 503 with Retry-After when it did not. */
    @PostMapping
    ResponseEntity<FeedbackAccepted> submit(@Valid @RequestBody SubmitFeedbackRequest request) {
        FeedbackAccepted accepted = intake.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/feedback/" + accepted.eventId()))
                .body(accepted);
    }

    /** Visible shortly after acceptance, once the projection has consumed the event. */
    @GetMapping("/{eventId}")
    FeedbackDetails get(@PathVariable UUID eventId) {
        return projection.find(eventId).orElseThrow(() -> new NotFoundException("feedback " + eventId));
    }
}
