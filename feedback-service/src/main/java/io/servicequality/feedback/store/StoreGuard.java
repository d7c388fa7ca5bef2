package io.servicequality.feedback.store;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Runs request-path store calls through the {@code store} circuit breaker (configured under
 * {@code resilience4j.circuitbreaker.instances.store}). A store that cannot be reached, or a breaker that is open,
 * becomes a 503 {@code dependency-unavailable} problem: the caller has written nothing it could half-finish.
 */
@Component
public class StoreGuard {

    static final String BREAKER = "store";

    private final CircuitBreaker breaker;

    public StoreGuard(CircuitBreakerRegistry breakers) {
        this.breaker = breakers.circuitBreaker(BREAKER);
    }

    public <T> T call(Supplier<T> storeCall) {
        try {
            return breaker.executeSupplier(storeCall);
        } catch (CallNotPermittedException | DataAccessResourceFailureException | TransientDataAccessException e) {
            long retryAfterMillis = breaker.getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState()
                    .apply(1);
            throw unavailable(retryAfterMillis, e);
        }
    }

    public void run(Runnable storeCall) {
        call(() -> {
            storeCall.run();
            return null;
        });
    }

    private static ErrorResponseException unavailable(long retryAfterMillis, Exception cause) {
        return Problems.dependencyUnavailable(
                "The store is unavailable; nothing was accepted. Retry later.",
                Duration.ofMillis(retryAfterMillis),
                cause);
    }
}
