package routes.cap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration
public class CapConfig {

    /** The embedded default is one instance: its counts live in this process. */
    @Bean
    @Profile("default")
    CapCounts memoryCapCounts(CapSettings settings) {
        return new MemoryCapCounts(settings.memoryMaxKeys());
    }

    /** Outside the embedded default every instance counts in the same sorted sets, in Redis. */
    @Bean
    @Profile("!default")
    CapCounts redisCapCounts(StringRedisTemplate redis, CapSettings settings) {
        return new RedisCapCounts(redis, settings.keyPrefix());
    }
}
