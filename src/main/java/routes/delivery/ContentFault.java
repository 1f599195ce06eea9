package routes.delivery;

/**
 * Why rendered wording cannot go through a channel as it is: the reason of a FAILED delivery that
 * was never sent. The hub never truncates or re-encodes what a person is meant to read.
 */
public enum ContentFault {
    /** Over the channel's or provider's limit (push payload bytes, SMS bytes or characters). */
    CONTENT_TOO_LONG,
    /** Holds characters the provider's encoding has no code for (EUC-KR has no emoji). */
    CONTENT_NOT_ENCODABLE,
    /** Nothing to read once rendered: every part blank (a section over an empty list, say). */
    CONTENT_EMPTY
}
