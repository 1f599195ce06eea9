package routes.provider.apns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import routes.user.Platform;

/**
 * {@code notify.providers.apns.*}: where APNs is and how the hub proves who it is. Either token
 * auth ({@code signing-key} .p8 file, {@code key-id}, {@code team-id}) or certificate auth
 * ({@code certificate} .p12 file and its {@code certificate-password}). {@code topic} is the
 * app's bundle id; {@code macos-topic} the macOS app's, when it has its own. {@code trusted-certificate} (PEM) is for servers other than Apple's, such as a
 * staging proxy or the benchmark's server.
 */
@ConfigurationProperties("notify.providers.apns")
public record ApnsSettings(
        @DefaultValue("api.push.apple.com") String host,
        @DefaultValue("443") int port,
        String signingKey,
        String keyId,
        String teamId,
        String certificate,
        String certificatePassword,
        String topic,
        String macosTopic,
        String trustedCertificate,
        @DefaultValue("default") String sound,
        @DefaultValue("10s") Duration timeout) {

    /** The bundle id a device's app has: the macOS app's for a Mac when one is configured. */
    String topicFor(Platform platform) {
        return platform == Platform.MACOS && macosTopic != null && !macosTopic.isBlank() ? macosTopic : topic;
    }

    boolean usesToken() {
        return signingKey != null && !signingKey.isBlank();
    }

}
