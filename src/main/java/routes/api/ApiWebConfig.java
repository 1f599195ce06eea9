package routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ApiWebConfig {

    /**
     * Given to Camel here rather than left for Camel to find among the beans: the web server's
     * filters, the guard that reads this among them, are made first, and Camel's search for event
     * notifiers passed this one over.
     */
    @Bean
    RoutesRunning routesRunning() {
        return new RoutesRunning();
    }

    @Bean
    CamelContextConfiguration routesRunningNotified(RoutesRunning routes) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getManagementStrategy().addEventNotifier(routes);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {}
        };
    }

    /** After Spring Security's chain: who may not call is refused before any body is read. */
    @Bean
    FilterRegistrationBean<ApiGuardFilter> apiGuardFilter(RoutesRunning routes, ApiSettings settings,
            ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ApiGuardFilter(routes, settings.maxRequestSize(), json));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    /**
     * Replaces the host's error report valve (Spring Boot's customizer, which runs before this one,
     * adds Tomcat's with the HTML report turned off) by one that writes problem+json.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve(json));
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }
}
