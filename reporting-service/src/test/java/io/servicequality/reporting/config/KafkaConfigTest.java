package io.servicequality.reporting.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class KafkaConfigTest {

    @Test
    void anUnreachableStoreIsWaitedOutForAboutHalfAMinuteBeforeDeadLettering() {
        var failure = new ListenerExecutionFailedException(
                "listener failed", new DataAccessResourceFailureException("Timed out connecting"));

        BackOffExecution pauses = KafkaConfig.backOffFor(failure).start();

        assertThat(new long[] {
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff()
                })
                .containsExactly(1000, 2000, 4000, 8000, 16000, BackOffExecution.STOP);
    }

    @Test
    void otherFailuresKeepTheShortDefaultRetries() {
        assertThat(KafkaConfig.backOffFor(
                        new ListenerExecutionFailedException("listener failed", new IllegalStateException())))
                .isNull();
    }
}
