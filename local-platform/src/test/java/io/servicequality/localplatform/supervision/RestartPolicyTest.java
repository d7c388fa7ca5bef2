package io.servicequality.localplatform.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void waitsLongerBeforeEachRestartWithinTheWindow() {
        RestartPolicy policy = new RestartPolicy(5, Duration.ofSeconds(600));

        assertThat(policy.onExit(seconds(10))).isEqualTo(new RestartPolicy.Restart(1, Duration.ofSeconds(1)));
        assertThat(policy.onExit(seconds(20))).isEqualTo(new RestartPolicy.Restart(2, Duration.ofSeconds(2)));
        assertThat(policy.onExit(seconds(30))).isEqualTo(new RestartPolicy.Restart(3, Duration.ofSeconds(4)));
        assertThat(policy.onExit(seconds(40))).isEqualTo(new RestartPolicy.Restart(4, Duration.ofSeconds(8)));
        assertThat(policy.onExit(seconds(50))).isEqualTo(new RestartPolicy.Restart(5, Duration.ofSeconds(16)));
    }

    @Test
    void givesUpOnTheExitAfterMaxRestartsWithinTheWindow() {
        RestartPolicy policy = new RestartPolicy(5, Duration.ofSeconds(600));
        for (int i = 0; i < 5; i++) {
            assertThat(policy.onExit(seconds(100 + i))).isInstanceOf(RestartPolicy.Restart.class);
        }

        assertThat(policy.onExit(seconds(200))).isEqualTo(new RestartPolicy.GiveUp(6));
    }

    @Test
    void forgetsRestartsOlderThanTheWindow() {
        RestartPolicy policy = new RestartPolicy(2, Duration.ofSeconds(600));
        policy.onExit(seconds(0));
        policy.onExit(seconds(100));

        // the restart at 0 s has left the window at 600 s: one restart in it, so a second is allowed, after 2 s
        assertThat(policy.onExit(seconds(600))).isEqualTo(new RestartPolicy.Restart(2, Duration.ofSeconds(2)));
        assertThat(policy.onExit(seconds(650))).isEqualTo(new RestartPolicy.GiveUp(3));
    }

    @Test
    void neverWaitsMoreThanThirtySeconds() {
        RestartPolicy policy = new RestartPolicy(100, Duration.ofSeconds(600));
        RestartPolicy.Decision last = null;
        for (int i = 0; i < 40; i++) {
            last = policy.onExit(seconds(i));
        }

        assertThat(last).isEqualTo(new RestartPolicy.Restart(40, RestartPolicy.MAX_DELAY));
        assertThat(RestartPolicy.MAX_DELAY).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withNoRestartsAllowedTheFirstExitStopsThePlatform() {
        RestartPolicy policy = new RestartPolicy(0, Duration.ofSeconds(600));

        assertThat(policy.onExit(seconds(1))).isEqualTo(new RestartPolicy.GiveUp(1));
    }
}
