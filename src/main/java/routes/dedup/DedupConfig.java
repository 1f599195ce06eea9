package routes.dedup;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import routes.delivery.DeliveryLog;

@Configuration
public class DedupConfig {

    @Bean
    @Profile("default")
    LeasedIdempotentRepository dedupRepository(
            @Value("${notify.dedup-lease}") Duration lease,
            @Value("${notify.dedup-ttl}") Duration ttl,
            @Value("${notify.dedup-memory-max-keys}") long maximumKeys, DeliveryLog recorded) {
        return new MemoryLeasedIdempotentRepository(lease, ttl, maximumKeys, recorded);
    }

    /** Outside the embedded default every instance shares one memory of eventIds, in Redis. */
    @Bean("dedupRepository")
    @Profile("!default")
    LeasedIdempotentRepository redisDedupRepository(StringRedisTemplate redis,
            @Value("${notify.dedup-key-prefix}") String prefix,
            @Value("${notify.dedup-lease}") Duration lease,
            @Value("${notify.dedup-ttl}") Duration ttl) {
        return new RedisLeasedIdempotentRepository(redis, prefix, lease, ttl);
    }
}
