package routes.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Who may call {@code /api/v1} and what it takes: {@code notify.api-keys}, the bearer keys
 * (comma-separated), and {@code notify.api.max-request-size}, the largest request body.
 */
@ConfigurationProperties("notify")
public record ApiSettings(List<String> apiKeys, Api api) {

    public record Api(DataSize maxRequestSize) {}

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ApiSettings[apiKeys=" + apiKeys.size() + " configured, api=" + api + "]";
    }
}
