package routes.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.provider.DeliveryProvider;
import routes.provider.PermanentFailure;
import routes.provider.ProviderBreakers;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;
import routes.retry.Retries;

/**
 * A delivery worker's batch, sent through its provider at once: every send is started before any
 * answer is awaited, so the provider's connection carries the whole batch (APNs and FCM multiplex
 * hundreds of requests over HTTP/2; email shares its SMTP connections), and the worker's thread
 * waits once per batch rather than once per delivery. Each send asks the provider's circuit breaker
 * first: while it is open, deliveries wait for retry (CIRCUIT_OPEN) without a call.
 *
 * <p>Each answer becomes an outcome: SENT; FAILED (a refusal: never again); RETRYING or
 * DEAD_LETTERED (not now: {@link Retries}); EXPIRED (its TTL passed before it could be sent).
 */
@Component("deliveryAttempts")
public class DeliveryAttempts {

    private final Map<String, DeliveryProvider> providers;
    private final CircuitBreakerRegistry breakers;
    private final Retries retries;

    public DeliveryAttempts(List<DeliveryProvider> providers, CircuitBreakerRegistry breakers, Retries retries) {
        this.providers = providers.stream().collect(Collectors.toMap(DeliveryProvider::name, Function.identity()));
        this.breakers = breakers;
        this.retries = retries;
    }

    /** Sends the batch and answers each delivery's result, in the batch's order. */
    public List<DeliveryResult> make(@Body List<Delivery> batch, @ExchangeProperty("provider") String providerName) {
        DeliveryProvider provider = providers.get(providerName);
        CircuitBreaker breaker = provider.breaker() == null ? null : breakers.circuitBreaker(provider.breaker());
        List<CompletableFuture<ProviderReceipt>> answers = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            answers.add(delivery.isExpired() ? null : send(provider, breaker, delivery));
        }
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(result(batch.get(i), answers.get(i)));
        }
        return results;
    }

    /** The outcomes of a batch's results, for the delivery log and the follow-ups. */
    public List<Outcome> outcomes(@Body List<DeliveryResult> results) {
        return results.stream().map(DeliveryResult::outcome).toList();
    }

    private static CompletableFuture<ProviderReceipt> send(DeliveryProvider provider, CircuitBreaker breaker,
            Delivery delivery) {
        try {
            return breaker == null ? provider.send(delivery)
                    : breaker.decorateCompletionStage(() -> provider.send(delivery)).get().toCompletableFuture();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private DeliveryResult result(Delivery delivery, CompletableFuture<ProviderReceipt> answer) {
        if (answer == null) {
            return new DeliveryResult(delivery, Outcome.expired(delivery), null, false);
        }
        try {
            ProviderReceipt receipt = answer.join();
            return new DeliveryResult(delivery, Outcome.sent(delivery, receipt), Instant.now(), false);
        } catch (CompletionException | CancellationException wrapped) {
            Throwable failure = unwrap(wrapped);
            Instant answeredAt = Instant.now();
            return switch (failure) {
                case TransientFailure notNow -> new DeliveryResult(delivery, retries.after(delivery, notNow), answeredAt,
                        false);
                case CallNotPermittedException open -> new DeliveryResult(delivery,
                        retries.after(delivery, ProviderBreakers.circuitOpen(delivery.provider().wire())), answeredAt, false);
                case TimeoutException late -> new DeliveryResult(delivery, retries.after(delivery,
                        new TransientFailure("TIMEOUT", delivery.provider().wire() + " did not answer in time", null,
                                late)), answeredAt, false);
                case PermanentFailure refusal -> new DeliveryResult(delivery, Outcome.failed(delivery, refusal),
                        answeredAt, refusal.isRecipientGone());
                default -> new DeliveryResult(delivery, Outcome.failed(delivery, failure), answeredAt, false);
            };
        }
    }

    private static Throwable unwrap(Throwable failure) {
        while ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
