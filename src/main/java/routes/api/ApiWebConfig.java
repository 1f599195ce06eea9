package routes.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration
public class ApiWebConfig {

    @Bean
    FilterRegistrationBean<ApiGuardFilter> apiGuardFilter(ApiKeys apiKeys,
            @Value("${notify.api.max-request-size:64KB}") DataSize maxRequestSize) {
        var registration = new FilterRegistrationBean<>(new ApiGuardFilter(apiKeys, maxRequestSize));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
