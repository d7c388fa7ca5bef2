package io.servicequality.feedback.store;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.servicequality.feedback.problem.RetryLaterException;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs request-path store calls through the {@code store} circuit breaker (configured under
 * {@code resilience4j.circuitbreaker.instances.store}). A store that cannot be reached, or a breaker that is open,
 * becomes {@link RetryLaterException} (503): the caller has written nothing it could half-finish.
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

    private static RetryLaterException unavailable(long retryAfterMillis, Exception cause) {
        return new RetryLaterException(
                RetryLaterException.Reason.DEPENDENCY_UNAVAILABLE,
                "The store is unavailable; nothing was accepted. Retry later.",
                Duration.ofMillis(retryAfterMillis),
                cause);
    }
}
