package io.servicequality.complaint.webhook;

import java.util.UUID;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Webhook deliveries by event id; the deliveries API queries through the caller's scope. */
interface WebhookDeliveries extends MongoRepository<WebhookDelivery, UUID> {}
