package routes.limit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
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

    /**
     * First of all filters, so that a request over the bound costs nothing more; /api/v1 only, so
     * that the kubelet's probes and the operators' pages are always answered.
     */
    @Bean
    FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(BulkheadRegistry bulkheads, ObjectMapper json,
            MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new InFlightLimitFilter(bulkheads.bulkhead("api"), json, meters));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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
