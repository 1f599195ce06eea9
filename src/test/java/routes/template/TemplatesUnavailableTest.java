package routes.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A template not cached while the database is away is no fault of the request: intake answers 503
 * (the Kafka intake retries), not the 400 of an unknown template.
 */
class TemplatesUnavailableTest {

    @Test
    void aTemplateThatCannotBeReadIsUnavailableNotUnknown() {
        // nothing listens on port 1: every connection is refused
        JdbcClient away = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/notify"));
        TemplateStore store = new TemplateStore(away, null, null, null, null,
                new CaffeineCacheManager("templates", "template-versions"));

        TemplatesUnavailable problem = catchThrowableOfType(TemplatesUnavailable.class,
                () -> store.current("order-shipped", "template"));
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.headers()).containsEntry("Retry-After", "5");
    }
}
