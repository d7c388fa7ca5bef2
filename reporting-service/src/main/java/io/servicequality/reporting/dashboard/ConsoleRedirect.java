package io.servicequality.reporting.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The addresses the dashboard used to have here ({@code /}, {@code /dashboard/…}) send browsers to the staff console,
 * which shows the dashboard behind its own sign-in: bookmarks keep working and no token is ever pasted here.
 */
@Hidden
@RestController
class ConsoleRedirect {

    private final ConsoleProperties console;

    ConsoleRedirect(ConsoleProperties console) {
        this.console = console;
    }

    @GetMapping({"/", "/dashboard", "/dashboard/**"})
    ResponseEntity<Void> toTheConsole() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(console.consoleUrl())
                .build();
    }
}
