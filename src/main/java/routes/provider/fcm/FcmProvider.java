package routes.provider.fcm;

import com.google.api.core.ApiFuture;
import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.provider.DeliveryProvider;
import routes.provider.PermanentFailure;
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

    public FcmProvider(ObjectProvider<FcmClient> client, FcmSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public ProviderReceipt send(Delivery delivery) throws InterruptedException {
        FcmClient fcm = client.getIfAvailable();
        if (fcm == null) {
            throw PermanentFailure.notConfigured("fcm");
        }
        ApiFuture<String> sent = fcm.sendAsync(FcmMessages.message(delivery, settings.androidChannelId(), Instant.now()));
        try {
            return new ProviderReceipt(sent.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // Interrupting the send also ends firebase-admin's own retry of a 503, which it cannot be told to skip.
            sent.cancel(true);
            throw new TransientFailure("TIMEOUT", "FCM did not answer within " + settings.timeout(), null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FirebaseMessagingException refusal) {
                throw classify(refusal);
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
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
