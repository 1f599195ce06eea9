package routes.provider;

import java.util.concurrent.ExecutorService;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Email and SMS, the providers whose calls are routes (routes/providers.yaml). */
@Configuration(proxyBeanMethods = false)
class RouteProvidersConfig {

    @Bean
    DeliveryProvider emailProvider(ProducerTemplate camel, @Qualifier("deliveryThreads") ExecutorService threads) {
        return new RouteProvider("email", "email-breaker", "direct:send-email", camel, threads);
    }

    /** Route send-sms-request asks the primary's breaker itself and fails over to the secondary. */
    @Bean
    DeliveryProvider smsProvider(ProducerTemplate camel, @Qualifier("deliveryThreads") ExecutorService threads) {
        return new RouteProvider("sms", null, "direct:send-sms", camel, threads);
    }
}
