package routes.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code notify.api.max-request-size}: the largest request body {@code /api/v1} reads. */
@ConfigurationProperties("notify.api")
public record ApiSettings(DataSize maxRequestSize) {}
