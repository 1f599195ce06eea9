package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import routes.deferral.RetryPostponement;
import routes.notification.Priority;
import routes.provider.DeliveryProvider;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;
import routes.retry.Retries;
import routes.retry.RetrySettings;

/** What a worker makes of a batch's answers, and when it asks the provider at all (no Camel, no network). */
class DeliveryAttemptsTest {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1))
            .ignoreExceptions(PermanentFailure.class)
            .build());
    private final Retries retries = new Retries(new RetrySettings(Duration.ofSeconds(1), Duration.ofMinutes(5), 8, Duration.ofHours(24)),
            RetryPostponement.NONE, JsonMapper.builder().findAndAddModules().build());

    /** A push provider answering from a rule, remembering whom it was asked to send to. */
    private static final class FakeProvider implements DeliveryProvider {
        final List<String> asked = new ArrayList<>();
        final Function<Delivery, CompletableFuture<ProviderReceipt>> answer;

        FakeProvider(Function<Delivery, CompletableFuture<ProviderReceipt>> answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "apns";
        }

        @Override
        public CompletableFuture<ProviderReceipt> send(Delivery delivery) {
            asked.add(delivery.deliveryId());
            return answer.apply(delivery);
        }
    }

    private static Delivery delivery(String id, Instant expiresAt) {
        return new Delivery(id, "n-1", "u-1", Channel.PUSH, Provider.APNS, null, "token-" + id, null, null, "hi",
                Map.of(), Priority.HIGH, null, false, Instant.now(), expiresAt, DeliveryStatus.QUEUED, null, 3, 1,
                null, List.of(), null, null, null);
    }

    private static Delivery delivery(String id) {
        return delivery(id, Instant.now().plusSeconds(60));
    }

    private List<DeliveryResult> send(FakeProvider provider, Delivery... batch) {
        return new DeliveryAttempts(List.of(provider), breakers, retries).make(List.of(batch), "apns");
    }

    @Test
    void eachAnswerBecomesItsDeliverysOutcomeInTheBatchsOrder() {
        FakeProvider provider = new FakeProvider(delivery -> switch (delivery.deliveryId()) {
            case "sent" -> CompletableFuture.completedFuture(new ProviderReceipt("apns-id-1"));
            case "busy" -> CompletableFuture.failedFuture(new TransientFailure("TooManyRequests", "429", null, null));
            case "gone" -> CompletableFuture.failedFuture(new PermanentFailure("Unregistered", "410", true));
            case "late" -> CompletableFuture.failedFuture(new TimeoutException());
            default -> CompletableFuture.failedFuture(new IllegalStateException("bug"));
        });

        List<DeliveryResult> results = send(provider, delivery("sent"), delivery("busy"), delivery("gone"),
                delivery("late"), delivery("broken"));

        assertThat(results).extracting(result -> result.delivery().deliveryId())
                .containsExactly("sent", "busy", "gone", "late", "broken");
        assertThat(results).extracting(result -> result.outcome().status()).containsExactly(DeliveryStatus.SENT,
                DeliveryStatus.RETRYING, DeliveryStatus.FAILED, DeliveryStatus.RETRYING, DeliveryStatus.FAILED);
        assertThat(results).extracting(result -> result.outcome().reason())
                .containsExactly(null, "TooManyRequests", "Unregistered", "TIMEOUT", "WORKER_ERROR");
        assertThat(results.get(0).outcome().providerMessageId()).isEqualTo("apns-id-1");
        assertThat(results).extracting(DeliveryResult::recipientGone).containsExactly(false, false, true, false, false);
        assertThat(results).allSatisfy(result -> assertThat(result.answeredAt()).isNotNull());
    }

    @Test
    void aDeliveryPastItsTtlIsNotSent() {
        FakeProvider provider = new FakeProvider(delivery -> CompletableFuture.completedFuture(new ProviderReceipt("x")));

        List<DeliveryResult> results = send(provider, delivery("stale", Instant.now().minusSeconds(1)), delivery("fresh"));

        assertThat(provider.asked).containsExactly("fresh");
        assertThat(results.get(0).outcome().status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(results.get(0).answeredAt()).isNull();
        assertThat(results.get(1).outcome().status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void transientFailuresOpenTheBreakerAndThenDeliveriesWaitWithoutACall() {
        FakeProvider provider = new FakeProvider(
                delivery -> CompletableFuture.failedFuture(new TransientFailure("ServiceUnavailable", "503", null, null)));

        send(provider, delivery("a"), delivery("b"), delivery("c"), delivery("d"));
        List<DeliveryResult> afterwards = send(provider, delivery("e"));

        assertThat(breakers.circuitBreaker("apns-breaker").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(provider.asked).containsExactly("a", "b", "c", "d");
        assertThat(afterwards.get(0).outcome().status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(afterwards.get(0).outcome().reason()).isEqualTo("CIRCUIT_OPEN");
    }

    @Test
    void refusalsAreAnswersAndLeaveTheBreakerClosed() {
        FakeProvider provider = new FakeProvider(
                delivery -> CompletableFuture.failedFuture(new PermanentFailure("BadDeviceToken", "400", true)));

        send(provider, delivery("a"), delivery("b"), delivery("c"), delivery("d"), delivery("e"));

        assertThat(breakers.circuitBreaker("apns-breaker").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.asked).hasSize(5);
    }
}
