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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scope(
        Level level,
        String branchId,
        String regionId,
        @JsonIgnore List<String> branchIds,
        @JsonIgnore ZoneId zone) {

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
