package io.servicequality.reporting.periodicreport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A report a tenant wants every period: its scope (a branch, a region or the tenant, with the time zone of a region's
 * or the tenant's local days), its period and its language. The schedule generates it once for every period that
 * ends while the definition exists (and, right after it is created, for the last period that has ended).
 */
@Document(ReportDefinition.COLLECTION)
record ReportDefinition(
        @Id String id,
        String tenantId,
        String name,
        String branchId,
        String regionId,
        String zone,
        ReportPeriod.Kind period,
        String language,
        List<String> emails,
        String webhookUrl,
        @JsonIgnore String webhookSecret,
        String createdBy,
        Instant createdAt) {

    static final String COLLECTION = "reportDefinitions";

    /** The e-mail recipients (none in definitions made before deliveries existed). */
    List<String> emailsOrNone() {
        return emails == null ? List.of() : emails;
    }

    boolean hasRecipients() {
        return !emailsOrNone().isEmpty() || webhookUrl != null;
    }

    /** The id of this definition's report of {@code period}: the same in every instance, so it is archived once. */
    String reportIdOf(ReportPeriod period) {
        return java.util
                .UUID
                .nameUUIDFromBytes(String.join(
                                "|",
                                tenantId,
                                id,
                                period.kind().name(),
                                period.start().toString())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
