package io.servicequality.reporting.branch;

import io.servicequality.contracts.BranchChanged;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One branch of a tenant. The document is also its own outbox: {@code version} grows with every change and
 * {@code publishedVersion} says which version the broker has acknowledged, so a change is published at least once
 * even if the process dies right after the write.
 *
 * @param code unique per tenant among the branches (used in complaint numbers)
 * @param removed deleted from the directory; kept so the removal is published and the id can be re-created
 */
@Document("branches")
@CompoundIndexes({
    @CompoundIndex(name = "tenant_code", def = "{'tenantId': 1, 'code': 1}", unique = true),
    @CompoundIndex(name = "tenant_region", def = "{'tenantId': 1, 'regionId': 1}"),
    @CompoundIndex(name = "unpublished", def = "{'unpublished': 1}")
})
record Branch(
        @Id String id,
        String tenantId,
        String branchId,
        String code,
        String name,
        String regionId,
        String timeZone,
        boolean removed,
        long version,
        long publishedVersion,
        boolean unpublished,
        Instant changedAt) {

    static Branch created(String tenantId, String branchId, BranchDetails details, Instant now) {
        return new Branch(
                idOf(tenantId, branchId),
                tenantId,
                branchId,
                details.code(),
                details.name(),
                details.regionId(),
                details.timeZone(),
                false,
                1,
                0,
                true,
                now);
    }

    /** Re-creating a removed branch continues its version, so consumers of the compacted topic see it come back. */
    Branch recreated(BranchDetails details, Instant now) {
        return changed(details, false, now);
    }

    Branch updated(BranchDetails details, Instant now) {
        return changed(details, false, now);
    }

    /** A removed branch releases its code (by suffixing it) so that another branch may take it. */
    Branch removed(Instant now) {
        return new Branch(
                id,
                tenantId,
                branchId,
                code + "~removed~" + (version + 1),
                name,
                regionId,
                timeZone,
                true,
                version + 1,
                publishedVersion,
                true,
                now);
    }

    Branch published(long version) {
        return new Branch(
                id,
                tenantId,
                branchId,
                code,
                name,
                regionId,
                timeZone,
                removed,
                this.version,
                version,
                this.version > version,
                changedAt);
    }

    String publicCode() {
        return removed ? code.substring(0, code.indexOf("~removed~")) : code;
    }

    BranchChanged toEvent() {
        String name = String.join("|", tenantId, branchId, "" + version);
        return new BranchChanged(
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
                tenantId,
                branchId,
                changedAt,
                BranchChanged.SCHEMA_VERSION,
                publicCode(),
                this.name,
                regionId,
                timeZone,
                removed);
    }

    private Branch changed(BranchDetails details, boolean removed, Instant now) {
        return new Branch(
                id,
                tenantId,
                branchId,
                details.code(),
                details.name(),
                details.regionId(),
                details.timeZone(),
                removed,
                version + 1,
                publishedVersion,
                true,
                now);
    }

    static String idOf(String tenantId, String branchId) {
        return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(branchId, StandardCharsets.UTF_8);
    }
}
