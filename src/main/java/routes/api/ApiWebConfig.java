package routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

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

    /** platform-http's answers are awaited on the request's own thread (RouteAnswers). */
    @Bean
    SmartInitializingSingleton routeAnswersAwaited(RequestMappingHandlerAdapter adapter, WebMvcProperties mvc) {
        Duration timeout = Objects.requireNonNullElse(mvc.getAsync().getRequestTimeout(), Duration.ofSeconds(30));
        return () -> RouteAnswers.firstIn(adapter, timeout);
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
