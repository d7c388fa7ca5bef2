package io.servicequality.reporting.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Short addresses for the dashboard page ({@code /dashboard/index.html}, served from the jar's static resources). */
@Hidden
@RestController
class DashboardController {

    @GetMapping({"/", "/dashboard", "/dashboard/"})
    ResponseEntity<Void> dashboard() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/dashboard/index.html"))
                .build();
    }
}
