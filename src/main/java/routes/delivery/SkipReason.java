package routes.delivery;

public enum SkipReason {
    /** The user's preferences refuse this channel (for this category). */
    OPTED_OUT,
    /** The user has no device, phone or email for this channel (or is unknown). */
    NO_CONTACT
}
