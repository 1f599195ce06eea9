package routes.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import routes.api.ApiKeys;

/** Puts the API keys in front of the actuator endpoints (Hawtio, Jolokia, metrics) unless told not to. */
@Configuration
public class ManagementWebConfig {

    private static final Logger log = LoggerFactory.getLogger(ManagementWebConfig.class);

    @Bean
    FilterRegistrationBean<ManagementGuardFilter> managementGuardFilter(ApiKeys apiKeys, ManagementSettings settings) {
        var registration = new FilterRegistrationBean<>(new ManagementGuardFilter(apiKeys));
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(!settings.open());
        if (settings.open()) {
            log.warn("notify.management.open is true: Hawtio (/actuator/hawtio), Jolokia and metrics answer "
                    + "without an API key. Never expose this instance.");
        }
        return registration;
    }
}
