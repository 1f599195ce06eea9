package routes.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryLeasedIdempotentRepositoryTest {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration TTL = Duration.ofHours(24);

    private static MemoryLeasedIdempotentRepository startingWith(Map<String, Instant> recorded) {
        return new MemoryLeasedIdempotentRepository(LEASE, TTL, 1000,
                (since, limit, claim) -> recorded.forEach((key, at) -> {
                    if (at.isAfter(since)) {
                        claim.accept(key, at);
                    }
                }));
    }

    @Test
    void aKeyRecordedBeforeARestartIsConfirmedAndCannotBeClaimed() {
        var dedup = startingWith(Map.of("recorded", Instant.now().minusSeconds(60)));

        assertThat(dedup.isConfirmed("recorded")).isTrue();
        assertThat(dedup.add("recorded")).isFalse();
    }

    @Test
    void aKeyRecordedBeforeTheDedupWindowIsForgotten() {
        var dedup = startingWith(Map.of("old", Instant.now().minus(TTL).minusSeconds(1)));

        assertThat(dedup.add("old")).isTrue();
    }

    @Test
    void aClaimIsLeasedUntilConfirmedAndReleasedWhenRemoved() {
        var dedup = startingWith(Map.of());

        assertThat(dedup.add("new")).isTrue();
        assertThat(dedup.add("new")).isFalse();
        assertThat(dedup.isConfirmed("new")).isFalse();
        assertThat(dedup.confirm("new")).isTrue();
        assertThat(dedup.isConfirmed("new")).isTrue();

        assertThat(dedup.add("failed")).isTrue();
        assertThat(dedup.remove("failed")).isTrue();
        assertThat(dedup.add("failed")).isTrue();
    }
}
