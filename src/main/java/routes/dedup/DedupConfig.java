package routes.dedup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import routes.delivery.DeliveryLog;

@Configuration
public class DedupConfig {

    @Bean
    @Profile("default")
    LeasedIdempotentRepository dedupRepository(DedupSettings settings, DeliveryLog recorded) {
        return new MemoryLeasedIdempotentRepository(settings.dedupLease(), settings.dedupTtl(),
                settings.dedupMemoryMaxKeys(), recorded);
    }

    /** Outside the embedded default every instance shares one memory of eventIds, in Redis. */
    @Bean("dedupRepository")
    @Profile("!default")
    LeasedIdempotentRepository redisDedupRepository(StringRedisTemplate redis, DedupSettings settings) {
        return new RedisLeasedIdempotentRepository(redis, settings.dedupKeyPrefix(), settings.dedupLease(),
                settings.dedupTtl());
    }
}
