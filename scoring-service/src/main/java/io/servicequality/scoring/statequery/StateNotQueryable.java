package io.servicequality.scoring.statequery;

import io.servicequality.web.problem.Problems;
import java.time.Duration;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the counting state is restored or rebalanced its stores cannot be read: a query then answers 503
 * {@code dependency-unavailable} with {@code Retry-After}, like any other dependency that is not there yet. The only
 * exception of this service's own that platform-web's advice could not know.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class StateNotQueryable {

    private static final Logger log = LoggerFactory.getLogger(StateNotQueryable.class);

    @ExceptionHandler
    ErrorResponseException stateNotQueryable(InvalidStateStoreException ex) {
        log.info("counting state not queryable now: {}", ex.toString());
        return Problems.dependencyUnavailable(
                "The buckets are being restored or rebalanced; try again shortly.", Duration.ofSeconds(2), null);
    }
}
