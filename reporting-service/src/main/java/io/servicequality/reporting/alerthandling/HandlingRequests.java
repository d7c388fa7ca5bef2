package io.servicequality.reporting.alerthandling;

import io.servicequality.reporting.alerthandling.AlertHandlingService.Action;
import io.servicequality.reporting.alerthandling.AlertHandlingService.Command;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the handling actions under {@code /api/v1/alerts/{alertId}/…}. Each is the {@link Command} it asks for:
 * it applies itself to the record with the {@link Action} context (when, who, the escalation step).
 */
final class HandlingRequests {

    /** A corrective action's id as complaint-service gives it (a MongoDB ObjectId: 24 lower-case hex digits). */
    static final String CORRECTIVE_ACTION_ID = "[0-9a-f]{24}";

    private HandlingRequests() {}

    /** {@code acknowledge}: an optional note. */
    record Acknowledge(
            @Schema(description = "Optional, at most 1000 characters", example = "Looking into it with the team lead")
            @Size(max = 1000)
            String note)
            implements Command {

        static final Acknowledge WITHOUT_NOTE = new Acknowledge(null);

        @Override
        public void apply(AlertHandling handling, Action action) {
            handling.acknowledge(action.now(), action.actor(), note, action.escalateAfter());
        }
    }

    /** {@code assign}: who is responsible from now on. */
    record Assign(
            @Schema(description = "A staff user name, 1-128 characters", example = "manager.sh001")
            @NotBlank
            @Size(max = 128)
            String assignee)
            implements Command {

        @Override
        public void apply(AlertHandling handling, Action action) {
            handling.assign(action.now(), action.actor(), assignee.strip(), action.escalateAfter());
        }
    }

    /** {@code link}: a corrective action of complaint-service that addresses the alert. */
    record Link(
            @Schema(
                    description = "The id of a corrective action of complaint-service"
                            + " (/api/v1/corrective-actions/{actionId}): 24 lower-case hex digits",
                    example = "6750a1c2e4b0f1a2b3c4d5e6")
            @NotNull
            @Pattern(
                    regexp = CORRECTIVE_ACTION_ID,
                    message = "must be a corrective action id: 24 lower-case hex digits")
            String correctiveActionId)
            implements Command {

        @Override
        public void apply(AlertHandling handling, Action action) {
            handling.linkToAction(action.now(), action.actor(), correctiveActionId, action.escalateAfter());
        }
    }

    /** {@code resolve}: what was done. */
    record Resolve(
            @Schema(
                    description = "What was done about the alert, 1-2000 characters",
                    example = "Two extra counter staff at peak hours; CSAT back above 85 % the next day")
            @NotBlank
            @Size(max = 2000)
            String note)
            implements Command {

        @Override
        public void apply(AlertHandling handling, Action action) {
            handling.resolve(action.now(), action.actor(), note.strip(), action.escalateAfter());
        }
    }
}
