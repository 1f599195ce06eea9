package routes.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import routes.deferral.RetryPostponement;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.delivery.Provider;
import routes.notification.Priority;
import routes.provider.TransientFailure;

/** The retry rules without Kafka or Camel: how long the next attempt waits, and when there is none. */
class RetriesTest {

    private static final int DRAWS = 2_000;
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private static final RetrySettings DEFAULTS =
            new RetrySettings(Duration.ofSeconds(1), Duration.ofMinutes(5), 8, Duration.ofHours(24));

    private final Retries retries = new Retries(DEFAULTS, RetryPostponement.NONE, JSON);

    private static LongSummaryStatistics draws(Retries retries, int failedAttempt) {
        return IntStream.range(0, DRAWS)
                .mapToLong(i -> retries.delay(failedAttempt, null).toMillis())
                .summaryStatistics();
    }

    /** Every draw lies in [full/2, full], and the draws spread over both halves of that range. */
    private static void assertJitteredWithin(LongSummaryStatistics draws, long fullMillis) {
        assertThat(draws.getMin()).isGreaterThanOrEqualTo(fullMillis / 2);
        assertThat(draws.getMax()).isLessThanOrEqualTo(fullMillis);
        assertThat(draws.getMin()).as("some draws in the lower quarter of the range")
                .isLessThan(fullMillis / 2 + fullMillis / 8);
        assertThat(draws.getMax()).as("some draws in the upper quarter of the range")
                .isGreaterThan(fullMillis - fullMillis / 8);
    }

    static Delivery delivery(int attempt, int firstAttempt) {
        return new Delivery("d-1", "n-1", "u-1", Channel.SMS, Provider.SMS, null, "+821012345678", null, null,
                "hello", Map.of(), Priority.HIGH, null, false, Instant.now(), null, DeliveryStatus.QUEUED, null,
                attempt, firstAttempt, null, List.of(), null, null, null);
    }

    private static Delivery withExpiry(Delivery d, Instant expiresAt) {
        return new Delivery(d.deliveryId(), d.notificationId(), d.userId(), d.channel(), d.provider(), d.platform(),
                d.recipient(), d.category(), d.title(), d.body(), d.data(), d.priority(), d.collapseKey(),
                d.background(), d.acceptedAt(), expiresAt, d.status(), d.reason(), d.attempt(), d.firstAttempt(),
                d.notBefore(), d.history(), null, null, null);
    }

    private static TransientFailure failure(String reason, Duration retryAfter) {
        return new TransientFailure(reason, "provider said not now", retryAfter, null);
    }

    @Nested
    class Backoff {

        @Test
        void firstRetryWaitsBetweenHalfTheBaseDelayAndTheBaseDelay() {
            assertJitteredWithin(draws(retries, 1), 1_000);
        }

        @Test
        void secondAttemptWaitsAtLeastTheBaseDelayAndAtMostTwiceIt() {
            assertJitteredWithin(draws(retries, 2), 2_000);
        }

        @Test
        void eachFailedAttemptDoublesTheWait() {
            assertJitteredWithin(draws(retries, 3), 4_000);
            assertJitteredWithin(draws(retries, 9), 256_000);
        }

        @Test
        void theWaitIsCappedAtMaxDelayOnceTheDoublingPassesIt() {
            // 2^9 s = 512 s is over the 5 min cap
            assertJitteredWithin(draws(retries, 10), 300_000);
        }

        @Test
        void aVeryLateAttemptDoesNotOverflowAndStaysUnderMaxDelay() {
            assertJitteredWithin(draws(retries, 1_000), 300_000);
            assertJitteredWithin(draws(retries, Integer.MAX_VALUE), 300_000);
        }

        @Test
        void baseDelayEqualToMaxDelayWaitsAboutThatLongEveryTime() {
            var flat = new Retries(new RetrySettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 3,
                    Duration.ofHours(24)), RetryPostponement.NONE, JSON);
            assertJitteredWithin(draws(flat, 1), 10_000);
            assertJitteredWithin(draws(flat, 5), 10_000);
        }
    }

    @Nested
    class ProviderRetryAfter {

        @Test
        void aRetryAfterLongerThanTheBackoffIsWaitedExactly() {
            assertThat(retries.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void aRetryAfterShorterThanTheBackoffIsIgnored() {
            for (int i = 0; i < DRAWS; i++) {
                assertThat(retries.delay(3, Duration.ofMillis(100)).toMillis()).isBetween(2_000L, 4_000L);
            }
        }

        @Test
        void aRetryAfterBeyondMaxRetryAfterWaitsMaxRetryAfter() {
            assertThat(retries.delay(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(24));
        }

        @Test
        void aZeroRetryAfterLeavesTheBackoff() {
            for (int i = 0; i < DRAWS; i++) {
                assertThat(retries.delay(1, Duration.ZERO).toMillis()).isBetween(500L, 1_000L);
            }
        }
    }

    @Nested
    class AfterATransientFailure {

        @Test
        void anAttemptBeforeTheLastIsRetryingWithTheNextAttemptDueAfterTheBackoff() {
            Instant before = Instant.now();
            Outcome outcome = retries.after(delivery(2, 1), failure("twilio:429", null));
            Instant after = Instant.now();

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(outcome.reason()).isEqualTo("twilio:429");
            assertThat(outcome.attempted()).isEqualTo(1);
            Delivery next = outcome.followUp();
            assertThat(next.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(next.attempt()).isEqualTo(3);
            // second failed attempt of the run: 1 s to 2 s
            assertThat(next.notBefore()).isBetween(before.plusMillis(1_000), after.plusMillis(2_000));
            assertThat(next.history()).extracting(Delivery.Attempt::attempt, Delivery.Attempt::reason)
                    .containsExactly(tuple(2, "twilio:429"));
        }

        @Test
        void theLastAttemptIsDeadLetteredWithItsHistoryAndNoDueTime() {
            Outcome outcome = retries.after(delivery(8, 1), failure("twilio:503", null));

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
            Delivery dead = outcome.followUp();
            assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
            assertThat(dead.attempt()).isEqualTo(8);
            assertThat(dead.notBefore()).isNull();
            assertThat(dead.history()).extracting(Delivery.Attempt::attempt).containsExactly(8);
        }

        @Test
        void anAttemptPastMaxAttemptsIsDeadLetteredToo() {
            assertThat(retries.after(delivery(12, 1), failure("x", null)).status())
                    .isEqualTo(DeliveryStatus.DEAD_LETTERED);
        }

        @Test
        void oneAttemptAllowedMeansTheFirstFailureIsDeadLettered() {
            var once = new Retries(new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                    Duration.ofHours(24)), RetryPostponement.NONE, JSON);
            assertThat(once.after(delivery(1, 1), failure("x", null)).status())
                    .isEqualTo(DeliveryStatus.DEAD_LETTERED);
        }

        @Test
        void attemptsAreCountedPerRunSoAReplayGetsTheFullNumberAgain() {
            // an operator replayed it after 8 attempts: attempt 9 is the first of its new run
            Instant before = Instant.now();
            Outcome replayFails = retries.after(delivery(9, 9), failure("x", null));
            Instant after = Instant.now();

            assertThat(replayFails.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(replayFails.followUp().attempt()).isEqualTo(10);
            // and its backoff starts again from the base delay
            assertThat(replayFails.followUp().notBefore()).isBetween(before.plusMillis(500), after.plusMillis(1_000));

            assertThat(retries.after(delivery(15, 9), failure("x", null)).status())
                    .isEqualTo(DeliveryStatus.RETRYING);
            assertThat(retries.after(delivery(16, 9), failure("x", null)).status())
                    .isEqualTo(DeliveryStatus.DEAD_LETTERED);
        }

        @Test
        void theProvidersRetryAfterSetsTheDueTimeWhenLonger() {
            Instant before = Instant.now();
            Outcome outcome = retries.after(delivery(1, 1), failure("twilio:429", Duration.ofSeconds(90)));
            Instant after = Instant.now();

            assertThat(outcome.followUp().notBefore()).isBetween(before.plusSeconds(90), after.plusSeconds(90));
        }

        @Test
        void aDueTimeAfterTheNotificationsExpiryExpiresItNow() {
            Delivery expiringInAMinute = withExpiry(delivery(1, 1), Instant.now().plusSeconds(60));
            Outcome outcome = retries.after(expiringInAMinute, failure("twilio:429", Duration.ofHours(1)));

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(outcome.reason()).isEqualTo("DUE_AFTER_TTL");
            assertThat(outcome.attempted()).isEqualTo(1);
            assertThat(outcome.followUp().status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(outcome.nextAttemptAt()).isNull();

            Outcome withinItsTtl = retries.after(expiringInAMinute, failure("twilio:429", Duration.ofSeconds(30)));
            assertThat(withinItsTtl.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(withinItsTtl.nextAttemptAt()).isEqualTo(withinItsTtl.followUp().notBefore());
        }

        @Test
        void aNextAttemptInsideTheUsersQuietHoursIsDueWhenTheyEndOrExpiresIfTheTtlEndsFirst() {
            // quiet for the next two hours, whatever the delay
            RetryPostponement quietTwoHours = (delivery, delay) -> Duration.ofHours(2).minus(delay);
            var held = new Retries(DEFAULTS, quietTwoHours, JSON);
            Instant before = Instant.now();
            Outcome outcome = held.after(delivery(1, 1), failure("twilio:429", Duration.ofSeconds(90)));
            Instant after = Instant.now();

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(outcome.nextAttemptAt()).isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2)));

            Delivery expiringInAnHour = withExpiry(delivery(1, 1), Instant.now().plus(Duration.ofHours(1)));
            assertThat(held.after(expiringInAnHour, failure("twilio:429", null)).reason()).isEqualTo("DUE_AFTER_TTL");
        }

        @Test
        void aLongReasonIsCutTo32CharactersInTheOutcomeAndTheFollowUp() {
            String reason = "sens:" + "X".repeat(60);
            Outcome retrying = retries.after(delivery(1, 1), failure(reason, null));
            Outcome dead = retries.after(delivery(8, 1), failure(reason, null));

            assertThat(retrying.reason()).hasSize(32).isEqualTo(reason.substring(0, 32));
            assertThat(retrying.followUp().reason()).isEqualTo(retrying.reason());
            assertThat(dead.reason()).isEqualTo(reason.substring(0, 32));
            assertThat(dead.followUp().history()).extracting(Delivery.Attempt::reason)
                    .containsExactly(reason.substring(0, 32));
        }

        @Test
        void theOutcomeKeepsTheFailureAsItsLastError() {
            Outcome outcome = retries.after(delivery(1, 1), failure("x", null));
            assertThat(outcome.lastError()).isEqualTo("TransientFailure: provider said not now");
        }
    }
}
