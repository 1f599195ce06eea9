package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import routes.delivery.Channel;

/** When an accepted notification is due and when it expires: a scheduled one's TTL counts from its sendAt. */
class AcceptedNotificationTest {

    private static final Instant ACCEPTED = Instant.parse("2030-01-01T09:00:00Z");

    private static AcceptedNotification notification(Integer ttlSeconds, Instant sendAt) {
        return new AcceptedNotification(ValidNotification.idOf("e-1"), "e-1", List.of("u-1"), null,
                EnumSet.of(Channel.PUSH), null, "body", null, Priority.HIGH, ttlSeconds, null, false, null, ACCEPTED,
                sendAt);
    }

    @Test
    void aTtlCountsFromAcceptanceForOneSentAtOnceAndFromSendAtForAScheduledOne() {
        assertThat(notification(60, null).expiresAt()).isEqualTo(ACCEPTED.plusSeconds(60));
        Instant sendAt = ACCEPTED.plusSeconds(86_400);
        assertThat(notification(60, sendAt).expiresAt()).isEqualTo(sendAt.plusSeconds(60));
        assertThat(notification(null, sendAt).expiresAt()).as("no TTL, no expiry").isNull();
    }

    @Test
    void onlyAScheduledNotificationWhoseSendAtIsAheadIsDueLater() {
        Instant sendAt = ACCEPTED.plusSeconds(600);
        assertThat(notification(null, null).isDueAfter(ACCEPTED)).isFalse();
        assertThat(notification(null, sendAt).isDueAfter(ACCEPTED)).isTrue();
        assertThat(notification(null, sendAt).isDueAfter(sendAt)).as("due at its sendAt").isFalse();
        assertThat(notification(null, sendAt).isDueAfter(sendAt.plusSeconds(1))).isFalse();
    }

    @Test
    void defaultsAndFewerUsersKeepTheSendAt() {
        Instant sendAt = ACCEPTED.plusSeconds(600);
        AcceptedNotification scheduled = notification(null, sendAt);
        assertThat(scheduled.withDefaults(EnumSet.of(Channel.EMAIL), Priority.BULK).sendAt()).isEqualTo(sendAt);
        assertThat(scheduled.to(List.of("u-2")).sendAt()).isEqualTo(sendAt);
    }
}
