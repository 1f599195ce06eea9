package routes.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** "Since" moves only when a dependency goes down or comes back, not on every check. */
class DependencyStateTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    private Instant now = START;
    private final DependencyState state = new DependencyState("kafka", new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    private void checkAfter(Duration elapsed, Health found) {
        now = now.plus(elapsed);
        state.record(found);
    }

    @Test
    void notReadyAndWithoutGaugeValuesBeforeTheFirstCheck() {
        assertThat(state.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(state.up()).isNaN();
        assertThat(state.changedEpochSeconds()).isNaN();
    }

    @Test
    void sinceIsTheFirstCheckThenEachChangeOfState() {
        checkAfter(Duration.ZERO, Health.up().build());
        assertThat(state.up()).isEqualTo(1);
        assertThat(state.changedEpochSeconds()).isEqualTo(START.getEpochSecond());

        checkAfter(Duration.ofSeconds(5), Health.up().build());
        assertThat(state.changedEpochSeconds()).isEqualTo(START.getEpochSecond());

        checkAfter(Duration.ofSeconds(5), Health.down().withDetail("error", "refused").build());
        checkAfter(Duration.ofSeconds(5), Health.down().withDetail("error", "refused").build());
        assertThat(state.up()).isZero();
        assertThat(state.changedEpochSeconds()).isEqualTo(START.getEpochSecond() + 10);
        assertThat(state.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(state.health().getDetails()).containsExactlyEntriesOf(
                Map.of("since", START.plusSeconds(10).toString()));

        checkAfter(Duration.ofSeconds(5), Health.up().build());
        assertThat(state.up()).isEqualTo(1);
        assertThat(state.changedEpochSeconds()).isEqualTo(START.getEpochSecond() + 20);
    }

    @Test
    void anythingButUpCountsAsDown() {
        checkAfter(Duration.ZERO, Health.unknown().build());
        assertThat(state.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(state.up()).isZero();
    }
}
