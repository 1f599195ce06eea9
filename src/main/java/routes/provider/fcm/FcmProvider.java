package routes.provider.fcm;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.provider.DeliveryProvider;
import routes.provider.PermanentFailure;
import routes.provider.ProviderDeadlines;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;

/** Sends push notifications to Android apps and browsers through FCM's HTTP v1 API with firebase-admin. */
@Component("fcmProvider")
public class FcmProvider implements DeliveryProvider {

    /** FCM answers that mean the token will never work again (EnumSets: a code may be null). */
    private static final Set<MessagingErrorCode> DEAD_TOKEN = EnumSet.of(MessagingErrorCode.UNREGISTERED,
            MessagingErrorCode.INVALID_ARGUMENT, MessagingErrorCode.SENDER_ID_MISMATCH);

    /** FCM's "not now": overloaded, failed internally, or over the sender's or device's quota. */
    private static final Set<MessagingErrorCode> TRANSIENT = EnumSet.of(MessagingErrorCode.UNAVAILABLE,
            MessagingErrorCode.INTERNAL, MessagingErrorCode.QUOTA_EXCEEDED);

    private final ObjectProvider<FcmClient> client;
    private final FcmSettings settings;
    private final ProviderDeadlines deadlines;

    public FcmProvider(ObjectProvider<FcmClient> client, FcmSettings settings, ProviderDeadlines deadlines) {
        this.client = client;
        this.settings = settings;
        this.deadlines = deadlines;
    }

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(Delivery delivery) {
        FcmClient fcm = client.getIfAvailable();
        if (fcm == null) {
            return CompletableFuture.failedFuture(PermanentFailure.notConfigured("fcm"));
        }
        ApiFuture<String> sent = fcm.sendAsync(FcmMessages.message(delivery, settings.androidChannelId(), Instant.now()));
        CompletableFuture<ProviderReceipt> answer = new CompletableFuture<>();
        ApiFutures.addCallback(sent, new ApiFutureCallback<>() {
            @Override
            public void onSuccess(String messageName) {
                answer.complete(new ProviderReceipt(messageName));
            }

            @Override
            public void onFailure(Throwable failure) {
                answer.completeExceptionally(failure instanceof FirebaseMessagingException refusal ? classify(refusal)
                        : failure);
            }
        }, MoreExecutors.directExecutor());
        return deadlines.within(answer, settings.timeout()).whenComplete((receipt, failure) -> {
            if (failure instanceof TimeoutException) {
                // Cancelling also ends firebase-admin's own retry of a 503, which it cannot be told to skip.
                sent.cancel(true);
            }
        });
    }

    private static RuntimeException classify(FirebaseMessagingException e) {
        if (e.getHttpResponse() == null && e.getCause() instanceof IOException) {
            String reason = e.getErrorCode() == ErrorCode.DEADLINE_EXCEEDED ? "TIMEOUT" : "UNREACHABLE";
            return new TransientFailure(reason, "FCM unreachable: " + e.getMessage(), null, e);
        }
        MessagingErrorCode code = e.getMessagingErrorCode();
        String reason = code != null ? code.name() : e.getErrorCode().name();
        String message = "FCM refused the message: " + status(e) + " " + reason + ": " + e.getMessage();
        if (TRANSIENT.contains(code)) {
            Duration retryAfter = retryAfter(e);
            return new TransientFailure(reason,
                    retryAfter == null ? message : message + " (retry after " + retryAfter.toSeconds() + "s)", retryAfter, e);
        }
        return new PermanentFailure(reason, message, DEAD_TOKEN.contains(code));
    }

    /** FCM's Retry-After on a 429 or 503; firebase-admin hands headers over as lists of values. */
    private static Duration retryAfter(FirebaseMessagingException e) {
        if (e.getHttpResponse() == null) {
            return null;
        }
        Object header = e.getHttpResponse().getHeaders().get("retry-after");
        if (header instanceof java.util.List<?> values) {
            header = values.isEmpty() ? null : values.get(0);
        }
        return header == null ? null : TransientFailure.retryAfterHeader(header.toString());
    }

    private static String status(FirebaseMessagingException e) {
        return e.getHttpResponse() == null ? "no response" : "HTTP " + e.getHttpResponse().getStatusCode();
    }
}
