package io.servicequality.reporting.branch;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A branch as a client sends it.
 *
 * @param branchId only on create; the path names it on update
 * @param timeZone IANA id, e.g. {@code Europe/Berlin}; UTC when absent
 */
record BranchRequest(
        @Pattern(regexp = BranchRequest.ID, message = BranchRequest.ID_MESSAGE)
        String branchId,

        @NotBlank @Pattern(regexp = BranchRequest.ID, message = BranchRequest.ID_MESSAGE)
        String code,

        @NotBlank @Size(max = 200) String name,

        @NotBlank @Pattern(regexp = BranchRequest.ID, message = BranchRequest.ID_MESSAGE)
        String regionId,

        @Size(max = 64) String timeZone) {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
}
