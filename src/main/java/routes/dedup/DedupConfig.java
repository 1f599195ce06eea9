package routes.dedup;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import routes.notification.NotificationStore;

@Configuration
public class DedupConfig {

    @Bean
    @Profile("default")
    LeasedIdempotentRepository dedupRepository(
            @Value("${notify.dedup-lease}") Duration lease,
            @Value("${notify.dedup-ttl}") Duration ttl,
            @Value("${notify.dedup-memory-max-keys}") long maximumKeys, NotificationStore notifications) {
        return new MemoryLeasedIdempotentRepository(lease, ttl, maximumKeys, notifications::isRecordedWithin);
    }
}
