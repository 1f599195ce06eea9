package routes.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The virtual threads a delivery worker sends its batch on (routes.yaml, {@code deliveryThreads}).
 * A Spring bean rather than one in a YAML beans block: Camel closes a YAML bean by calling its
 * destroy method reflectively on the object's own class, which for the JDK's executor is not
 * accessible, so it was never closed; Spring closes it as the AutoCloseable it is. Not a default
 * candidate: Spring Boot's own task executor (which platform-http hands requests to) backs off
 * when another Executor bean is, and routes.yaml names this one anyway.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryThreadsConfig {

    @Bean(defaultCandidate = false)
    ExecutorService deliveryThreads() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }
}
