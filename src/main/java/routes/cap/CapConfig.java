package routes.cap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

@Configuration
public class CapConfig {

    /** The embedded default is one instance: its counts live in its database, kept across restarts. */
    @Bean
    @Profile("default")
    CapCounts databaseCapCounts(JdbcClient db, TransactionOperations transactions) {
        return new DatabaseCapCounts(db, transactions);
    }

    /** Outside the embedded default every instance counts in the same sorted sets, in Redis. */
    @Bean
    @Profile("!default")
    CapCounts redisCapCounts(StringRedisTemplate redis, CapSettings settings) {
        return new RedisCapCounts(redis, settings.keyPrefix());
    }
}
