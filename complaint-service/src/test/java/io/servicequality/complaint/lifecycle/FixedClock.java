package io.servicequality.complaint.lifecycle;

import io.servicequality.security.test.SettableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stops the service's clock at {@link #NOW}, so numbers and due times are exact; timer tests move it forward with
 * {@link TestClock#set} and put it back with {@link TestClock#reset}.
 */
@TestConfiguration(proxyBeanMethods = false)
class FixedClock {

    static final Instant NOW = Instant.parse("2026-11-20T10:05:00Z");

    @Bean
    @Primary
    TestClock fixedClock() {
        return new TestClock();
    }

    /** The service's clock, standing still where a test puts it. */
    static final class TestClock extends SettableClock {

        TestClock() {
            super(NOW);
        }

        void reset() {
            set(NOW);
        }
    }
}
