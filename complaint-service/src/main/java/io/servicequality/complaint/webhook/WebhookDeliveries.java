package io.servicequality.complaint.webhook;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Webhook deliveries; every query names the tenant. */
interface WebhookDeliveries extends MongoRepository<WebhookDelivery, UUID> {

    Optional<WebhookDelivery> findByEventIdAndTenantId(UUID eventId, String tenantId);

    List<WebhookDelivery> findByTenantIdAndStatusOrderByLastAttemptAtDesc(
            String tenantId, WebhookDelivery.Status status, Limit limit);

    List<WebhookDelivery> findByTenantIdOrderByLastAttemptAtDesc(String tenantId, Limit limit);
}
