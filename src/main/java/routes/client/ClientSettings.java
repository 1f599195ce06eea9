package routes.client;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.api-keys}: the configured client's keys (comma-separated), which hold every scope;
 * {@code notify.clients.key-cache-ttl}: how long an instance trusts a key it verified against the
 * database, and so the longest a revoked key still works on another instance.
 */
@ConfigurationProperties("notify")
public record ClientSettings(List<String> apiKeys, Clients clients) {

    public record Clients(Duration keyCacheTtl) {}

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ClientSettings[apiKeys=" + apiKeys.size() + " configured, clients=" + clients + "]";
    }
}
