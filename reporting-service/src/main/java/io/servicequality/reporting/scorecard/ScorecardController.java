package io.servicequality.reporting.scorecard;

import io.servicequality.reporting.problem.InvalidRequestParameterException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class ScorecardController {

    private final ScorecardService scorecards;

    ScorecardController(ScorecardService scorecards) {
        this.scorecards = scorecards;
    }

    @Operation(
            summary = "Scorecard of one branch",
            description = "Sums the branch's hour buckets whose start lies in [from, to) (ISO-8601 instants, from"
                    + " before to) and computes every metric from the sum; a metric without data is null.")
    @GetMapping("/scorecard")
    Scorecard scorecard(
            @RequestParam @NotBlank @Size(max = 100) String branchId,
            @RequestParam Instant from,
            @RequestParam Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestParameterException("to", "must be after from");
        }
        return scorecards.scorecardOf(branchId, from, to);
    }
}
