package routes.delivery;

import java.time.Instant;

/**
 * One delivery of a worker's batch after its attempt: its outcome, when the worker had the
 * provider's answer (null when it was not asked), and whether the answer said the recipient is gone for good (a dead
 * push token, whose device is then deactivated).
 */
public record DeliveryResult(Delivery delivery, Outcome outcome, Instant answeredAt, boolean recipientGone) {}
