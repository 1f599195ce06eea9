package routes.cap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where frequency caps are counted: in production Redis keys
 * {@code <notify.caps.key-prefix><category>:<channel>:<userId>}; in the embedded default its
 * database (table cap_count).
 */
@ConfigurationProperties("notify.caps")
public record CapSettings(String keyPrefix) {}
