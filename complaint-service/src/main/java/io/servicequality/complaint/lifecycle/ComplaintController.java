package io.servicequality.complaint.lifecycle;

import static org.springframework.http.HttpHeaders.IF_MATCH;

import io.servicequality.complaint.lifecycle.ActionRequests.Acknowledge;
import io.servicequality.complaint.lifecycle.ActionRequests.Assign;
import io.servicequality.complaint.lifecycle.ActionRequests.Escalate;
import io.servicequality.complaint.lifecycle.ActionRequests.FollowUp;
import io.servicequality.complaint.lifecycle.ActionRequests.Hold;
import io.servicequality.complaint.lifecycle.ActionRequests.Note;
import io.servicequality.complaint.lifecycle.ActionRequests.Reopen;
import io.servicequality.complaint.lifecycle.ActionRequests.Resolve;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints over HTTP: open, read (with history), the lifecycle actions, list with counts, CSV export.
 *
 * <p>Actions answer the complaint as it is afterwards with its {@code ETag} (the revision); sending it back in
 * {@code If-Match} makes the action fail with 412 if anyone changed the complaint in between. Who acts is the caller
 * of the credential (its subject), never a request header; it goes into the history and the events.
 */
@RestController
@RequestMapping(ComplaintController.PATH)
class ComplaintController {

    static final String PATH = "/api/v1/complaints";

    // the list's and the export's filters beyond status, severity, category, department, branch and overdue
    private static final String ASSIGNEE = "Only the complaints assigned to exactly this user name (as the assign"
            + " action gave it); with unassigned=true, also the ones nobody is assigned to. 1-128 characters.";
    private static final String UNASSIGNED = "true: only the complaints nobody is assigned to (with assignee: that"
            + " assignee's too); false: only assigned ones.";
    private static final String NUMBER =
            "Only the complaint with exactly this number," + " {branchId}-{yyyyMM}-{serial}; case-sensitive.";
    private static final String NUMBER_PATTERN = "[A-Za-z0-9._-]{1,64}-[0-9]{6}-[1-9][0-9]{0,9}";
    private static final String NUMBER_MESSAGE = "must be a complaint number such as N-01-202612-7";
    private static final String OPEN = "true: only complaints not yet resolved (OPEN, ACKNOWLEDGED, ASSIGNED,"
            + " ON_HOLD, REOPENED); false: only RESOLVED and CLOSED ones.";

    private static final Pattern REVISION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final ComplaintService complaints;
    private final ComplaintQueries queries;

    ComplaintController(ComplaintService complaints, ComplaintQueries queries) {
        this.complaints = complaints;
        this.queries = queries;
    }

    /**
     * 201 with the complaint. With an {@code Idempotency-Key}, sending the same opening again (after a timeout, a 503,
     * a lost answer) answers the complaint the first attempt opened, marked {@code Idempotent-Replayed: true}, and
     * opens nothing; the same key for another complaint is refused with 422.
     */
    @PostMapping
    ResponseEntity<ComplaintResponse> open(
            @Valid @RequestBody OpenComplaintRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ComplaintService.Opening opening =
                complaints.open(request.branchId(), request.occurredAt(), request.details(), idempotencyKey);
        Complaint complaint = opening.complaint();
        var answer =
                ResponseEntity.created(URI.create(PATH + "/" + complaint.id())).eTag(etag(complaint));
        if (opening.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(ComplaintResponse.of(complaint));
    }

    @GetMapping("/{complaintId}")
    ResponseEntity<ComplaintResponse> get(@PathVariable String complaintId) {
        return answer(complaints.get(complaintId));
    }

    @GetMapping("/{complaintId}/history")
    List<HistoryEntry> history(@PathVariable String complaintId) {
        return complaints.get(complaintId).history();
    }

    @PostMapping("/{complaintId}/acknowledge")
    ResponseEntity<ComplaintResponse> acknowledge(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) Acknowledge body) {
        return answer(complaints.act(complaintId, revision(ifMatch), body != null ? body : Acknowledge.AS_IS));
    }

    @PostMapping("/{complaintId}/assign")
    ResponseEntity<ComplaintResponse> assign(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Assign request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @PostMapping("/{complaintId}/hold")
    ResponseEntity<ComplaintResponse> hold(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Hold request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @PostMapping("/{complaintId}/resume")
    ResponseEntity<ComplaintResponse> resume(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) Note body) {
        return answer(complaints.act(complaintId, revision(ifMatch), (body != null ? body : Note.NONE).resume()));
    }

    @PostMapping("/{complaintId}/escalate")
    ResponseEntity<ComplaintResponse> escalate(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Escalate request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @PostMapping("/{complaintId}/resolve")
    ResponseEntity<ComplaintResponse> resolve(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Resolve request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @PostMapping("/{complaintId}/follow-up")
    ResponseEntity<ComplaintResponse> followUp(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody FollowUp request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @PostMapping("/{complaintId}/close")
    ResponseEntity<ComplaintResponse> close(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) Note body) {
        return answer(complaints.act(complaintId, revision(ifMatch), (body != null ? body : Note.NONE).close()));
    }

    @PostMapping("/{complaintId}/reopen")
    ResponseEntity<ComplaintResponse> reopen(
            @PathVariable String complaintId,
            @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Reopen request) {
        return answer(complaints.act(complaintId, revision(ifMatch), request));
    }

    @Operation(
            summary = "Complaints the caller may see, by filter, newest first, with counts by status and overdue",
            description = "Every filter is optional and they combine with \"and\"; assignee together with"
                    + " unassigned=true asks for the assignee's complaints or the unassigned ones (an agent's queue:"
                    + " assignee=alice&unassigned=true&open=true).")
    @GetMapping
    ComplaintResponse.Listing list(
            @RequestParam(required = false) ComplaintStatus status,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) ComplaintCategory category,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = ASSIGNEE, example = "agent.n01")
                    @RequestParam(required = false)
                    @Size(min = 1, max = 128)
                    String assignee,
            @Parameter(description = UNASSIGNED, example = "true") @RequestParam(required = false) Boolean unassigned,
            @Parameter(description = NUMBER, example = "N-01-202612-7")
                    @RequestParam(required = false)
                    @jakarta.validation.constraints.Pattern(regexp = NUMBER_PATTERN, message = NUMBER_MESSAGE)
                    String number,
            @Parameter(description = OPEN, example = "true") @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        ComplaintFilter filter = new ComplaintFilter(
                status, severity, category, department, branchId, overdue, assignee, unassigned, number, open);
        ComplaintQueries.Page result = queries.page(filter, page, size);
        return new ComplaintResponse.Listing(
                result.stream().map(ComplaintResponse::of).toList(),
                page,
                size,
                result.total(),
                new ComplaintResponse.Counts(result.byStatus(), result.overdue()));
    }

    /** The same filters as the listing, every matching complaint as CSV (RFC 4180), newest first. */
    @Operation(
            summary = "Every complaint of the listing's filters as CSV (RFC 4180), newest first",
            description = "The same filters as GET /api/v1/complaints, without paging.")
    @GetMapping(value = "/export.csv", produces = "text/csv")
    void export(
            @RequestParam(required = false) ComplaintStatus status,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) ComplaintCategory category,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = ASSIGNEE, example = "agent.n01")
                    @RequestParam(required = false)
                    @Size(min = 1, max = 128)
                    String assignee,
            @Parameter(description = UNASSIGNED, example = "true") @RequestParam(required = false) Boolean unassigned,
            @Parameter(description = NUMBER, example = "N-01-202612-7")
                    @RequestParam(required = false)
                    @jakarta.validation.constraints.Pattern(regexp = NUMBER_PATTERN, message = NUMBER_MESSAGE)
                    String number,
            @Parameter(description = OPEN, example = "true") @RequestParam(required = false) Boolean open,
            HttpServletResponse response)
            throws IOException {
        ComplaintFilter filter = new ComplaintFilter(
                status, severity, category, department, branchId, overdue, assignee, unassigned, number, open);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"complaints.csv\"");
        PrintWriter out = response.getWriter();
        ComplaintCsv csv = new ComplaintCsv(out);
        csv.header();
        queries.forEach(filter, csv::row);
        out.flush();
    }

    private static ResponseEntity<ComplaintResponse> answer(Complaint complaint) {
        return ResponseEntity.ok().eTag(etag(complaint)).body(ComplaintResponse.of(complaint));
    }

    private static String etag(Complaint complaint) {
        return "\"" + complaint.revision() + "\"";
    }

    private static Long revision(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher matcher = REVISION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw Problems.validationFailed("If-Match", "must be the ETag of the complaint, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
