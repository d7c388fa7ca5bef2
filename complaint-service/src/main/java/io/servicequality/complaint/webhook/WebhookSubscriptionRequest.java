package io.servicequality.complaint.webhook;

import io.servicequality.web.problem.FieldProblem;
import io.servicequality.web.problem.Problems;
import io.servicequality.web.webhook.WebhookUrls;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/webhooks} and {@code PUT /api/v1/webhooks/{id}}: where to send, which event types (from {@link
 * WebhookEventType}), a description for people, and whether it is on ({@code true} when left out).
 */
record WebhookSubscriptionRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 20) List<@NotNull String> eventTypes,
        @Size(max = 500) String description,
        Boolean enabled) {

    /**
     * The URL and event types checked: an absolute {@code https} URL (plain {@code http} only to this machine, and only
     * where {@code allowHttpLocalhost} is set, for development), known event types. A validation problem otherwise.
     */
    Checked checked(boolean allowHttpLocalhost) {
        List<FieldProblem> errors = new ArrayList<>();
        String checkedUrl = url.strip();
        WebhookUrls.problemOf("url", checkedUrl, allowHttpLocalhost).ifPresent(errors::add);
        Set<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            if (WebhookEventType.ofWireName(type).isEmpty()) {
                errors.add(new FieldProblem(
                        "eventTypes", "unknown event type " + type + "; known: " + WebhookEventType.wireNames()));
            } else {
                types.add(type);
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validationFailed(errors);
        }
        return new Checked(checkedUrl, List.copyOf(types), description, enabled == null || enabled);
    }

    record Checked(String url, List<String> eventTypes, String description, boolean enabled) {}
}
