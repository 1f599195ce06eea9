package routes;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.cache.CacheProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableCaching
@ConfigurationPropertiesScan
public class NotificationHubApplication {

    static {
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan for every MIME part
        // unless this names it; in a Spring Boot jar that scan dominated sending (and the sandbox
        // SMTP server's receiving) of every email.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * The caches of spring.cache (recipients, categories, templates) do their upkeep in passing on
     * the thread that reads them, as the hub's other caches do: handed to the common pool, as
     * Caffeine does by default, it woke a pool thread again and again while fan-out read a
     * recipient per delivery.
     */
    @Bean
    CacheManagerCustomizer<CaffeineCacheManager> cacheUpkeepInPassing(CacheProperties cache) {
        String spec = cache.getCaffeine().getSpec();
        Caffeine<Object, Object> builder = spec == null || spec.isBlank() ? Caffeine.newBuilder() : Caffeine.from(spec);
        return manager -> manager.setCaffeine(builder.executor(Runnable::run));
    }

    /** What quiet hours, deferrals and frequency caps take as now; tests move it instead of waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(NotificationHubApplication.class, args);
    }
}
