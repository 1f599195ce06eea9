package routes.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code notify.sandbox.keep-per-recipient}: the newest messages each local peer keeps per recipient. */
@ConfigurationProperties("notify.sandbox")
public record SandboxSettings(int keepPerRecipient) {}
