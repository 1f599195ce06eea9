package routes.management;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code notify.management.open}: whether {@code /actuator} (but health) answers without an API key. */
@ConfigurationProperties("notify.management")
public record ManagementSettings(boolean open) {}
