package io.servicequality.reporting.scope;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.ZoneId;
import java.util.List;

/**
 * The scope of a view as shown in responses ({@code {"level": "BRANCH", "branchId": "SH-001"}}).
 *
 * @param branchIds the branches summed; {@code null} for the tenant (every branch with data, listed or not)
 * @param zone where local days start: the branch's time zone, else the requested one, else UTC
 * @param limitedTo for a branch-bound caller (branch manager, agent, or a token with branch or region claims) the
 *     branches of the region or tenant it may see, which is all this view sums; {@code null} when not narrowed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scope(
        Level level,
        String branchId,
        String regionId,
        @JsonIgnore List<String> branchIds,
        @JsonIgnore ZoneId zone,
        List<String> limitedTo) {

    public Scope(Level level, String branchId, String regionId, List<String> branchIds, ZoneId zone) {
        this(level, branchId, regionId, branchIds, zone, null);
    }

    public enum Level {
        BRANCH,
        REGION,
        TENANT
    }

    /** A short label for file names and CSV rows. */
    public String label() {
        return switch (level) {
            case BRANCH -> "branch-" + branchId;
            case REGION -> "region-" + regionId;
            case TENANT -> "tenant";
        };
    }
}
