package routes.client;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.api-keys}: the configured client's keys (comma-separated), which hold every scope;
 * {@code notify.clients.key-cache-ttl}: how long an instance trusts a key it verified against the
 * database, and so the longest a revoked key still works on another instance;
 * {@code notify.clients.default-limits}: the limits of a client that was given none of its own;
 * {@code notify.clients.configured-limits}: the configured client's. A limit the configuration
 * leaves out is unlimited.
 */
@ConfigurationProperties("notify")
public record ClientSettings(List<String> apiKeys, Clients clients) {

    public record Clients(Duration keyCacheTtl, Limits defaultLimits, Limits configuredLimits) {
        public Clients {
            defaultLimits = complete(defaultLimits);
            configuredLimits = complete(configuredLimits);
        }

        private static Limits complete(Limits configured) {
            return configured == null ? Limits.UNLIMITED : configured.orElse(Limits.UNLIMITED);
        }
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ClientSettings[apiKeys=" + apiKeys.size() + " configured, clients=" + clients + "]";
    }
}
