package io.servicequality.complaint.complaint;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ComplaintController.PATH)
class ComplaintController {

    static final String PATH = "/api/v1/complaints";

    private final ComplaintService complaints;

    ComplaintController(ComplaintService complaints) {
        this.complaints = complaints;
    }

    @PostMapping
    ResponseEntity<ComplaintResponse> open(@Valid @RequestBody OpenComplaintRequest request) {
        Complaint complaint = complaints.open(request.branchId(), request.occurredAt(), request.details());
        return ResponseEntity.created(URI.create(PATH + "/" + complaint.id())).body(ComplaintResponse.of(complaint));
    }

    @GetMapping("/{complaintId}")
    ComplaintResponse get(@PathVariable String complaintId) {
        return ComplaintResponse.of(complaints.get(complaintId));
    }
}
