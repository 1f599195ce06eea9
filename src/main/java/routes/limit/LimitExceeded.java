package routes.limit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import routes.api.ApiProblem;
import routes.limit.ClientLimits.Kind;

/**
 * A request over one of its client's limits: 429 naming the limit, with {@code Retry-After} in the
 * whole seconds until the request would fit (at least 1).
 */
public class LimitExceeded extends ApiProblem {

    private LimitExceeded(String detail, long retryAfter) {
        super(429, "Too many requests", detail + "; retry in " + retryAfter + " s", List.of(),
                Map.of("Retry-After", String.valueOf(retryAfter)));
    }

    static LimitExceeded of(Kind kind, long perSecond, long count, long nanosToWait) {
        return new LimitExceeded(switch (kind) {
            case REQUESTS -> "Over this client's " + kind.setting + " limit of " + perSecond;
            case DELIVERIES -> "This notification counts " + count + " deliveries (users x channels), more than this "
                    + "client's " + kind.setting + " limit of " + perSecond + " allows now";
        }, retryAfter(nanosToWait));
    }

    static long retryAfter(long nanosToWait) {
        long second = TimeUnit.SECONDS.toNanos(1);
        return Math.max(1, (nanosToWait + second - 1) / second);
    }
}
