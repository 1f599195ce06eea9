package routes.retry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** notify.retry is refused at startup when the backoff it describes makes no sense. */
class RetrySettingsTest {

    private static RetrySettings settings(Duration base, Duration max, int attempts) {
        return new RetrySettings(base, max, attempts, Duration.ofHours(24));
    }

    @Test
    void aZeroOrNegativeBaseDelayIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base-delay");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(-1), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMaxDelayShorterThanTheBaseDelayIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-delay");
    }

    @Test
    void aMaxDelayEqualToTheBaseDelayIsAccepted() {
        assertThatCode(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 3)).doesNotThrowAnyException();
    }

    @Test
    void aMaxDelayOverTenMinutesIsRefusedBecauseTheRetryWorkerHoldsItsPollThatLong() {
        assertThatCode(() -> settings(Duration.ofSeconds(1), Duration.ofMinutes(10), 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofMinutes(10).plusMillis(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10m");
    }

    @Test
    void atLeastOneAttemptIsRequired() {
        assertThatCode(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-attempts");
    }
}
