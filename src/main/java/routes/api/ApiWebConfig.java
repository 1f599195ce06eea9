package routes.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class ApiWebConfig {

    @Bean
    FilterRegistrationBean<ApiGuardFilter> apiGuardFilter(ApiKeys apiKeys, ApiSettings settings) {
        var registration = new FilterRegistrationBean<>(new ApiGuardFilter(apiKeys, settings.api().maxRequestSize()));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
