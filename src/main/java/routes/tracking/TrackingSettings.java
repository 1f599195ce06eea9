package routes.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.tracking.secret}: the key that signs click-tracking links. Not here:
 * {@code notify.tracking.base-url}, which {@link ClickTokens} reads per link, because in the
 * embedded default it names the port the server takes only after startup.
 */
@ConfigurationProperties("notify.tracking")
public record TrackingSettings(String secret) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "TrackingSettings[secret=" + (secret.isBlank() ? "unset" : "set") + "]";
    }
}
