package routes.provider.fcm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code notify.providers.fcm.*}: how the hub proves who it is to FCM and how it shapes Android
 * notifications. {@code service-account} is the path to the Firebase service account JSON; the
 * project id comes from it unless {@code project-id} is set. {@code android-channel-id} is the app's
 * notification channel (Android 8+), left to the app's default when unset. {@code timeout} bounds a
 * whole send, firebase-admin's own retries included.
 */
@ConfigurationProperties("notify.providers.fcm")
public record FcmSettings(
        String serviceAccount,
        String projectId,
        String androidChannelId,
        @DefaultValue("10s") Duration timeout) {}
