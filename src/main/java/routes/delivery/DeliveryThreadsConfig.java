package routes.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The virtual threads the email and SMS routes' calls run on (routes.provider.RouteProvider), one
 * per delivery, so that a worker's batch waits on them all at once. A Spring bean, closed by Spring
 * as the AutoCloseable it is. Not a default candidate: Spring Boot's own task executor (which
 * platform-http hands requests to) backs off when another Executor bean is.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryThreadsConfig {

    @Bean(defaultCandidate = false)
    ExecutorService deliveryThreads() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }
}
