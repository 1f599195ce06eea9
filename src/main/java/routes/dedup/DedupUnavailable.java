package routes.dedup;

import java.util.List;
import java.util.Map;
import routes.api.ApiProblem;

/**
 * The dedup repository cannot be reached. Intake refuses (503 with Retry-After) rather than
 * accept without remembering the eventId, which could deliver a client's retry twice.
 */
public class DedupUnavailable extends ApiProblem {

    public DedupUnavailable(RuntimeException cause) {
        super(503, "Service unavailable", "Duplicate detection is unavailable; retry shortly", List.of(),
                Map.of("Retry-After", "5"));
        initCause(cause);
    }
}
