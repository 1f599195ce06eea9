package routes.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.data.redis.RedisConnectionFailureException;
import routes.client.Caller;
import routes.client.Limit;
import routes.client.Limits;
import routes.client.Scope;
import routes.notification.NotificationValidator;
import routes.notification.ValidNotification;
import routes.provider.sms.SmsGateway;

/** The limits' rules without a hub: what a notification counts, and how a client's buckets answer. */
class ClientLimitsTest {

    private static final NotificationValidator VALIDATOR = new NotificationValidator(SmsGateway.NONE, null,
            java.time.Clock.systemUTC());

    private static ValidNotification notification(String recipients, String channels) {
        return VALIDATOR.validated("{\"eventId\":\"e-1\"," + recipients + channels + ",\"body\":\"hi\"}");
    }

    @ParameterizedTest(name = "{0}{1} counts {2}")
    @CsvSource(delimiter = '|', value = {
            "\"userId\":\"u-1\"                       | ,\"channels\":[\"push\"]          | 1",
            "\"userId\":\"u-1\"                       | ,\"channels\":[\"push\",\"email\"] | 2",
            "\"userId\":\"u-1\"                       |                                  | 3",
            "\"userIds\":[\"u-1\",\"u-2\",\"u-3\"]    | ,\"channels\":[\"sms\"]           | 3",
            "\"userIds\":[\"u-1\",\"u-2\",\"u-1\"]    | ,\"channels\":[\"sms\",\"push\"]  | 4",
            "\"userIds\":[\"u-1\",\"u-2\",\"u-3\"]    |                                  | 9"})
    void aNotificationCountsOneDeliveryPerUserAndChannelAllThreeWhenItNamesNone(String recipients, String channels,
            long deliveries) {
        assertThat(ClientLimits.deliveriesOf(notification(recipients, channels == null ? "" : channels)))
                .isEqualTo(deliveries);
    }

    /** A clock the buckets read, moved by the test. */
    private final AtomicLong now = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClientLimits limits = new ClientLimits(
            (key, limit) -> Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build(), registry);

    private static Caller caller(String clientId, Limit requests, Limit deliveries) {
        return new Caller(clientId, clientId, EnumSet.of(Scope.SEND), "k-" + clientId, null,
                new Limits(requests, deliveries));
    }

    private void pass(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private double limited(String clientId, String limit) {
        var counter = registry.find("notify.limited.requests").tags("client", clientId, "limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    @Nested
    class RequestsPerSecond {

        @Test
        void aClientOverItsRateIsRefusedUntilItsBucketRefillsWhileAnotherIsServed() {
            Caller billing = caller("billing", new Limit(2), Limit.UNLIMITED);
            Caller shipping = caller("shipping", new Limit(2), Limit.UNLIMITED);
            limits.request(billing);
            limits.request(billing);

            LimitExceeded refused = catchThrowableOfType(LimitExceeded.class, () -> limits.request(billing));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.headers()).containsEntry("Retry-After", "1");
            assertThat(refused.getMessage()).contains("requestsPerSecond limit of 2");
            assertThat(limited("billing", "requests")).isEqualTo(1);
            assertThatCode(() -> limits.request(shipping)).doesNotThrowAnyException();

            pass(Duration.ofMillis(500));
            assertThatCode(() -> limits.request(billing)).as("one token back after half a second")
                    .doesNotThrowAnyException();
            assertThat(catchThrowableOfType(LimitExceeded.class, () -> limits.request(billing)).headers())
                    .containsEntry("Retry-After", "1");
        }

        @Test
        void anUnlimitedClientIsNeverRefused() {
            Caller configured = caller("configured", Limit.UNLIMITED, Limit.UNLIMITED);
            for (int i = 0; i < 10_000; i++) {
                limits.request(configured);
            }
        }

        @Test
        void aChangedLimitStartsWithAFullBucket() {
            limits.request(caller("billing", new Limit(1), Limit.UNLIMITED));
            assertThatCode(() -> limits.request(caller("billing", new Limit(5), Limit.UNLIMITED)))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class DeliveriesPerSecond {

        private final Caller sender = caller("sender", Limit.UNLIMITED, new Limit(2));

        @Test
        void aNotificationThatDoesNotFitWhatIsLeftIsRefusedUntilItWould() {
            limits.deliveries(notification("\"userId\":\"u-1\"", ",\"channels\":[\"push\"]"), sender);

            LimitExceeded refused = catchThrowableOfType(LimitExceeded.class, () -> limits.deliveries(
                    notification("\"userIds\":[\"u-1\",\"u-2\"]", ",\"channels\":[\"push\"]"), sender));
            assertThat(refused.headers()).containsEntry("Retry-After", "1");
            assertThat(refused.getMessage()).contains("counts 2 deliveries", "deliveriesPerSecond limit of 2");
            assertThat(limited("sender", "deliveries")).isEqualTo(1);

            pass(Duration.ofMillis(500));
            assertThatCode(() -> limits.deliveries(notification("\"userIds\":[\"u-1\",\"u-2\"]",
                    ",\"channels\":[\"push\"]"), sender)).doesNotThrowAnyException();
        }

        @Test
        void aBulkBiggerThanTheBucketPassesWhenItIsFullAndTheRestIsOwed() {
            ValidNotification sixDeliveries = notification("\"userIds\":[\"u-1\",\"u-2\",\"u-3\"]",
                    ",\"channels\":[\"push\",\"email\"]");
            limits.deliveries(sixDeliveries, sender);

            // 4 owed and 1 wanted: 5 tokens at 2 per second
            LimitExceeded refused = catchThrowableOfType(LimitExceeded.class, () -> limits.deliveries(
                    notification("\"userId\":\"u-1\"", ",\"channels\":[\"push\"]"), sender));
            assertThat(refused.headers()).containsEntry("Retry-After", "3");

            pass(Duration.ofMillis(2_500));
            assertThat(catchThrowableOfType(LimitExceeded.class, () -> limits.deliveries(sixDeliveries, sender)))
                    .as("not before the bucket is full again").isNotNull();
            pass(Duration.ofMillis(500));
            assertThatCode(() -> limits.deliveries(sixDeliveries, sender)).doesNotThrowAnyException();
        }

        @Test
        void aRecordOnTheKafkaIntakeHasNoClientAndNoLimit() {
            assertThatCode(() -> limits.deliveries(notification("\"userId\":\"u-1\"", ""), null))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void whenTheBucketsCannotBeAskedTheRequestPassesAndIsCounted() {
        ClientLimits unreachable = new ClientLimits((key, limit) -> {
            throw new RedisConnectionFailureException("Redis is away");
        }, registry);

        assertThatCode(() -> unreachable.request(caller("billing", new Limit(1), Limit.UNLIMITED)))
                .doesNotThrowAnyException();
        assertThatCode(() -> unreachable.request(caller("billing", new Limit(1), Limit.UNLIMITED)))
                .doesNotThrowAnyException();
        assertThat(registry.find("notify.limits.unchecked").tag("limit", "requests").counter().count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} ns to wait is Retry-After {1}")
    @CsvSource({"0, 1", "1, 1", "999999999, 1", "1000000000, 1", "1000000001, 2", "2500000000, 3"})
    void retryAfterIsTheWaitInWholeSecondsRoundedUpAndAtLeastOne(long nanos, long seconds) {
        assertThat(LimitExceeded.retryAfter(nanos)).isEqualTo(seconds);
    }
}
