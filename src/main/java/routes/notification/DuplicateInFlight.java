package routes.notification;

import java.util.List;
import java.util.Map;
import routes.api.ApiProblem;

/**
 * A repeat of an eventId whose first request is not durable yet: retryable, never a "duplicate"
 * answer, because the first one may yet fail or may have died with its process.
 */
public class DuplicateInFlight extends ApiProblem {

    public DuplicateInFlight(String eventId) {
        super(409, "Duplicate in progress",
                "A request with eventId '" + eventId + "' is still being accepted; retry shortly",
                List.of(), Map.of("Retry-After", "1"));
    }
}
