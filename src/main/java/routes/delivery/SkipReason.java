package routes.delivery;

public enum SkipReason {
    /** The user's preferences refuse this channel (for this category). */
    OPTED_OUT,
    /** The user has no device, phone or email for this channel (or is unknown). */
    NO_CONTACT,
    /** The user had as many of this category on this channel as its cap allows within the cap's window. */
    FREQUENCY_CAPPED,
    /** The user's quiet hours end after the notification's TTL: held, it could only expire. */
    QUIET_HOURS
}
