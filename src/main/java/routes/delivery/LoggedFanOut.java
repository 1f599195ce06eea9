package routes.delivery;

import java.util.List;
import java.util.Set;

/**
 * A fan-out batch as the delivery log holds it: its deliveries, each under the id it was logged
 * with, and the notifications recorded before this batch, whose deliveries may have been published
 * already.
 */
public record LoggedFanOut(List<Delivery> deliveries, Set<String> recordedBefore) {}
