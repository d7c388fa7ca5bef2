package io.servicequality.complaint.lifecycle;

import io.servicequality.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No complaint with this id that the caller may see (absent, another tenant's, or outside its branches). */
class ComplaintNotFoundException extends ErrorResponseException {

    ComplaintNotFoundException(String complaintId) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.notFound("No complaint " + complaintId).getBody(),
                null);
    }
}
