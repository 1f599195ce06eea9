package routes.client;

/**
 * A client's limits per second (enforced by {@code routes.limit}): {@code requestsPerSecond} counts
 * every request to /api/v1, {@code deliveriesPerSecond} what the client's notifications may deliver.
 * As a client's own settings a limit left out (null) follows the configured default.
 */
public record Limits(Limit requestsPerSecond, Limit deliveriesPerSecond) {

    public static final Limits UNLIMITED = new Limits(Limit.UNLIMITED, Limit.UNLIMITED);

    /** These limits, each one left out taken from {@code defaults}. */
    public Limits orElse(Limits defaults) {
        return new Limits(requestsPerSecond != null ? requestsPerSecond : defaults.requestsPerSecond,
                deliveriesPerSecond != null ? deliveriesPerSecond : defaults.deliveriesPerSecond);
    }
}
