package io.servicequality.feedback.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * @param name what the key is for, e.g. {@code kiosk SH-001}
 * @param branches the branches the key may write for; empty or absent: every branch of the tenant
 * @param scopes at least one of {@code feedback:write}, {@code interactions:write}, {@code complaints:write}
 */
record IssueApiKeyRequest(
        @NotBlank @Size(max = 128) String name,
        @Size(max = 100) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String> branches,

        @NotEmpty
        List<
                        @NotBlank
                        @Pattern(
                                regexp = "feedback:write|interactions:write|complaints:write",
                                message = "must be feedback:write, interactions:write or complaints:write")
                        String>
                scopes) {

    List<String> branchesOrNone() {
        return branches == null
                ? List.of()
                : branches.stream().distinct().sorted().toList();
    }

    List<String> distinctScopes() {
        return scopes.stream().distinct().sorted().toList();
    }
}
