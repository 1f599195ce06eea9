package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import routes.notification.Priority;

/** A delivery's run of attempts (reset by an operator's replay) and its expiry, as the workers read them. */
class DeliveryRunTest {

    private static Delivery delivery(int attempt, int firstAttempt, Instant expiresAt, List<Delivery.Attempt> history) {
        return new Delivery("d-1", "n-1", "u-1", Channel.SMS, Provider.SMS, null, "+821012345678", null, null, "hi",
                Map.of(), Priority.HIGH, null, false, Instant.now(), expiresAt, DeliveryStatus.QUEUED, null, attempt,
                firstAttempt, null, history, null, null, null);
    }

    @Nested
    class AttemptsThisRun {

        @Test
        void aFreshDeliveryIsOnItsFirstAttempt() {
            assertThat(delivery(1, 1, null, null).attemptsThisRun()).isEqualTo(1);
        }

        @Test
        void attemptNumbersBelowOneAreTakenAsTheFirst() {
            Delivery unset = delivery(0, 0, null, null);
            assertThat(unset.attempt()).isEqualTo(1);
            assertThat(unset.attemptsThisRun()).isEqualTo(1);
        }

        @Test
        void eachRetryAddsOneAttemptToTheRunAndRecordsTheFailure() {
            Instant due = Instant.now().plusSeconds(5);
            Delivery second = delivery(1, 1, null, null).retryAt(due, "twilio:429");
            Delivery third = second.retryAt(due, "twilio:503");

            assertThat(third.attemptsThisRun()).isEqualTo(3);
            assertThat(third.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(third.notBefore()).isEqualTo(due);
            assertThat(third.history()).extracting(Delivery.Attempt::attempt, Delivery.Attempt::reason)
                    .containsExactly(tuple(1, "twilio:429"),
                            tuple(2, "twilio:503"));
        }

        @Test
        void aReplayStartsANewRunAfterTheAttemptsAlreadyMadeKeepingTheirHistory() {
            var history = List.of(new Delivery.Attempt(8, Instant.now(), "twilio:503"));
            Delivery dead = delivery(8, 1, null, history);
            Delivery replayed = dead.replayed(8);

            assertThat(replayed.attempt()).isEqualTo(9);
            assertThat(replayed.attemptsThisRun()).isEqualTo(1);
            assertThat(replayed.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(replayed.notBefore()).isNull();
            assertThat(replayed.history()).isEqualTo(history);
            assertThat(replayed.retryAt(Instant.now(), "x").attemptsThisRun()).isEqualTo(2);
        }

        @Test
        void deadLetteringKeepsTheAttemptNumberAndClearsTheDueTime() {
            Delivery retrying = delivery(1, 1, null, null).retryAt(Instant.now().plusSeconds(5), "a");
            Delivery dead = retrying.deadLettered(DeliveryStatus.DEAD_LETTERED, "b");

            assertThat(dead.attempt()).isEqualTo(2);
            assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
            assertThat(dead.notBefore()).isNull();
            assertThat(dead.history()).extracting(Delivery.Attempt::attempt).containsExactly(1, 2);
        }
    }

    @Nested
    class Expiry {

        @Test
        void aDeliveryWithoutTtlNeverExpires() {
            assertThat(delivery(1, 1, null, null).isExpired()).isFalse();
        }

        @Test
        void aDeliveryExpiresOnceItsTtlHasPassed() {
            assertThat(delivery(1, 1, Instant.now().minusMillis(1), null).isExpired()).isTrue();
        }

        @Test
        void aDeliveryWhoseTtlIsStillAheadHasNotExpired() {
            assertThat(delivery(1, 1, Instant.now().plusSeconds(60), null).isExpired()).isFalse();
        }
    }
}
