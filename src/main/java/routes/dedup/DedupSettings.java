package routes.dedup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How eventIds are remembered: {@code notify.dedup-ttl} once a request is durable,
 * {@code notify.dedup-lease} while it is only claimed; in memory at most
 * {@code notify.dedup-memory-max-keys} (embedded default), in Redis under
 * {@code notify.dedup-key-prefix} (production).
 */
@ConfigurationProperties("notify")
public record DedupSettings(Duration dedupTtl, Duration dedupLease, long dedupMemoryMaxKeys, String dedupKeyPrefix) {}
