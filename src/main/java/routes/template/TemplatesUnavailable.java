package routes.template;

import java.util.List;
import java.util.Map;
import routes.api.ApiProblem;

/**
 * A template not cached here could not be read: the database is away. Intake refuses for now
 * (503 with Retry-After; the Kafka intake tries the record again) rather than refuse a notification
 * whose template exists.
 */
public class TemplatesUnavailable extends ApiProblem {

    public TemplatesUnavailable(RuntimeException cause) {
        super(503, "Service unavailable", "Templates cannot be read; retry shortly", List.of(),
                Map.of("Retry-After", "5"));
        initCause(cause);
    }
}
