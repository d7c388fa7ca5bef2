package io.servicequality.feedback.feedback;

import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Reads of the feedback projection; writes go through {@link FeedbackProjection}'s insert-once upsert. */
interface Feedbacks extends Repository<Feedback, String> {

    Optional<Feedback> findByTenantIdAndEventId(String tenantId, String eventId);
}
