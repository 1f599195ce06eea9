package routes.provider.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.notification.Priority;
import routes.provider.DeliveryProvider;
import routes.provider.PermanentFailure;
import routes.provider.ProviderDeadlines;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;

/** Sends push notifications to iOS and macOS devices through APNs with Pushy. */
@Component("apnsProvider")
public class ApnsProvider implements DeliveryProvider {

    /** APNs answers that mean the token will never work again. */
    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic");

    /** HTTP statuses APNs uses for "not now": too many requests, internal error, unavailable. */
    private static final Set<Integer> TRANSIENT_STATUS = Set.of(429, 500, 503);

    private final ObjectProvider<ApnsClient> client;
    private final ApnsSettings settings;
    private final ProviderDeadlines deadlines;

    public ApnsProvider(ObjectProvider<ApnsClient> client, ApnsSettings settings, ProviderDeadlines deadlines) {
        this.client = client;
        this.settings = settings;
        this.deadlines = deadlines;
    }

    @Override
    public String name() {
        return "apns";
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(Delivery delivery) {
        ApnsClient apns = client.getIfAvailable();
        if (apns == null || settings.topic() == null || settings.topic().isBlank()) {
            return CompletableFuture.failedFuture(PermanentFailure.notConfigured("apns"));
        }
        // APNs refuses a background push at priority 10.
        boolean immediate = delivery.priority() == Priority.HIGH && !delivery.background();
        var notification = new SimpleApnsPushNotification(delivery.recipient(), settings.topicFor(delivery.platform()),
                ApnsPayloads.payload(delivery.title(), delivery.body(), delivery.data(), delivery.background(),
                        settings.sound(), delivery.notificationId(), delivery.deliveryId()),
                delivery.expiresAt(),
                immediate ? DeliveryPriority.IMMEDIATE : DeliveryPriority.CONSERVE_POWER,
                delivery.background() ? PushType.BACKGROUND : PushType.ALERT, delivery.displayedOnceAs());
        CompletableFuture<ProviderReceipt> answer = new CompletableFuture<>();
        apns.sendNotification(notification).whenComplete((response, unreachable) -> {
            if (unreachable != null) {
                answer.completeExceptionally(
                        new TransientFailure("UNREACHABLE", "APNs unreachable: " + unreachable, null, unreachable));
            } else if (response.isAccepted()) {
                answer.complete(new ProviderReceipt(response.getApnsId().toString()));
            } else {
                answer.completeExceptionally(refusal(response));
            }
        });
        return deadlines.within(answer, settings.timeout());
    }

    private static RuntimeException refusal(PushNotificationResponse<?> response) {
        String reason = response.getRejectionReason().orElse("HTTP " + response.getStatusCode());
        String message = "APNs refused the notification: " + response.getStatusCode() + " " + reason;
        if (TRANSIENT_STATUS.contains(response.getStatusCode())) {
            return new TransientFailure(reason, message, null, null);
        }
        return new PermanentFailure(reason, message, DEAD_TOKEN.contains(reason));
    }
}
