package io.servicequality.complaint.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    /** A clock that stands still where a test puts it. */
    static final class TestClock extends Clock {

        private volatile Instant now = NOW;

        void set(Instant instant) {
            now = instant;
        }

        void reset() {
            now = NOW;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
