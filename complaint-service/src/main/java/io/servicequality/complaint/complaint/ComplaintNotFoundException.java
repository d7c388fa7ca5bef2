package io.servicequality.complaint.complaint;

import io.servicequality.complaint.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No complaint with this id that the caller may see (absent, another tenant's, or outside its branches). */
class ComplaintNotFoundException extends ErrorResponseException {

    ComplaintNotFoundException(String complaintId) {
        super(HttpStatus.NOT_FOUND, problem(complaintId), null);
    }

    private static ProblemDetail problem(String complaintId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No complaint " + complaintId);
        problem.setType(ProblemTypes.NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }
}
