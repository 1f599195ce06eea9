package routes.provider.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code notify.providers.sms.*}: which provider sends first ({@code primary}), which takes over
 * while it fails ({@code secondary}), each {@code twilio}, {@code sens} or empty, and each
 * provider's account.
 */
@ConfigurationProperties("notify.providers.sms")
public record SmsSettings(String primary, String secondary, @DefaultValue TwilioSettings twilio,
        @DefaultValue SensSettings sens) {}
