package routes.deferral;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How held deliveries are released: the route release-deferred looks every
 * {@code notify.deferral.poll-period} for due ones, claiming at most {@code notify.deferral.batch}
 * at a time.
 */
@ConfigurationProperties("notify.deferral")
public record DeferralSettings(int batch) {}
