package routes.limit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bucket;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration
public class LimitConfig {

    /** The embedded default's buckets live in this process: a check costs a map lookup and a compare-and-set. */
    @Bean
    @Profile("default")
    Buckets memoryBuckets() {
        return (key, limit) -> Bucket.builder().addLimit(limit).build();
    }

    /** Outside the embedded default every instance takes from the same buckets, in Redis. */
    @Bean
    @Profile("!default")
    Buckets redisBuckets(LettuceConnectionFactory redis, LimitSettings settings) {
        return new RedisBuckets(redis, settings.limitKeyPrefix());
    }

    /** After Spring Security's chain, which names the client, and before ApiGuardFilter reads any body. */
    @Bean
    FilterRegistrationBean<RequestLimitFilter> requestLimitFilter(ClientLimits limits, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestLimitFilter(limits, json));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 5);
        return registration;
    }
}
