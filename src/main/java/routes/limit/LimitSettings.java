package routes.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.limit-key-prefix}: what production's Redis keys of the limits' buckets start with;
 * instances that limit together share it.
 */
@ConfigurationProperties("notify")
public record LimitSettings(String limitKeyPrefix) {}
