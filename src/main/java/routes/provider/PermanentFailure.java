package routes.provider;

/**
 * The provider refused the delivery for good: sending it again would get the same answer. When
 * the refusal says the recipient no longer exists (a dead push token), the device is deactivated.
 */
public class PermanentFailure extends RuntimeException {

    private final String reason;
    private final boolean recipientGone;

    public PermanentFailure(String reason, String message, boolean recipientGone) {
        super(message);
        this.reason = reason;
        this.recipientGone = recipientGone;
    }

    public static PermanentFailure notConfigured(String provider) {
        return new PermanentFailure("PROVIDER_NOT_CONFIGURED",
                "No credentials configured for " + provider + " (notify.providers." + provider + ".*)", false);
    }

    /** Short, stable code for the delivery log and metrics: the provider's own where it gives one. */
    public String reason() {
        return reason;
    }

    public boolean isRecipientGone() {
        return recipientGone;
    }
}
