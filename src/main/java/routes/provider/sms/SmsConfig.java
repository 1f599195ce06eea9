package routes.provider.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two SMS slots the routes call, {@code primarySms} and {@code secondarySms}, each holding the
 * provider named in {@code notify.providers.sms.primary} / {@code .secondary}. A provider's settings
 * are the configured ones unless a {@link TwilioSettings} or {@link SensSettings} bean replaces them
 * (the embedded default points them at its local peers).
 */
@Configuration
public class SmsConfig {

    /** The primary's circuit breaker, which route send-sms-request names (resilience4j.circuitbreaker). */
    @Bean
    CircuitBreaker smsBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("sms-breaker");
    }

    @Bean
    SmsGateway primarySms(SmsSettings sms, ObjectProvider<TwilioSettings> twilio, ObjectProvider<SensSettings> sens,
            ObjectMapper json) {
        return gateway("primary", sms.primary(), sms, twilio, sens, json);
    }

    @Bean
    SmsGateway secondarySms(SmsSettings sms, ObjectProvider<TwilioSettings> twilio, ObjectProvider<SensSettings> sens,
            ObjectMapper json) {
        String secondary = name(sms.secondary());
        if (!secondary.isEmpty() && secondary.equals(name(sms.primary()))) {
            throw new IllegalStateException("notify.providers.sms.secondary must differ from the primary ("
                    + secondary + ") or be left empty");
        }
        return gateway("secondary", secondary, sms, twilio, sens, json);
    }

    private static SmsGateway gateway(String slot, String provider, SmsSettings sms,
            ObjectProvider<TwilioSettings> twilio, ObjectProvider<SensSettings> sens, ObjectMapper json) {
        return switch (name(provider)) {
            case "" -> SmsGateway.NONE;
            case "twilio" -> new TwilioGateway(twilio.getIfAvailable(sms::twilio), json);
            case "sens" -> new SensGateway(sens.getIfAvailable(sms::sens), json);
            default -> throw new IllegalStateException("notify.providers.sms." + slot
                    + " must be twilio, sens or empty, not '" + provider + "'");
        };
    }

    private static String name(String provider) {
        return provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    }
}
