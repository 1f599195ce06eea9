package routes.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default with its providers configured otherwise: APNs without a topic (its
 * deliveries fail as not configured) and SENS as the only SMS provider. Every hub costs a Kafka
 * broker and about 15 s to stop, so the test classes that need another configuration share this one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {
        "notify.providers.apns.topic=",
        "notify.providers.sms.primary=sens",
        "notify.providers.sms.secondary="})
public @interface AlternateProviders {}
