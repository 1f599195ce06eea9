package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.notification.Priority;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;

/** The outcomes a worker makes of a send, before anything is written (pure rules: no database, no provider). */
class OutcomeTest {

    private static Delivery delivery() {
        return new Delivery("d-1", "n-1", "u-1", Channel.EMAIL, Provider.EMAIL, null, "a@example.com", null, null,
                "hi", Map.of(), Priority.HIGH, null, false, Instant.now().minusSeconds(120),
                Instant.now().minusSeconds(60), DeliveryStatus.QUEUED, null, 3, 1, null, List.of(), null, null, null);
    }

    @Test
    void aDeliveryPastItsTtlIsExpiredUnattemptedAndParkedWithTheDeadLetters() {
        Outcome outcome = Outcome.expired(delivery());

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(outcome.reason()).isEqualTo("TTL_PASSED");
        assertThat(outcome.attempted()).isZero();
        assertThat(outcome.followUp().status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(outcome.followUp().history()).extracting(Delivery.Attempt::reason).containsExactly("TTL_PASSED");
    }

    @Test
    void aRefusalKeepsTheProvidersReasonAndIsNotFollowedUp() {
        Outcome outcome = Outcome.failed(delivery(), new PermanentFailure("SMTP_550", "mailbox unavailable", false));

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(outcome.reason()).isEqualTo("SMTP_550");
        assertThat(outcome.attempted()).isEqualTo(1);
        assertThat(outcome.lastError()).isEqualTo("PermanentFailure: mailbox unavailable");
        assertThat(outcome.followUp()).isNull();
    }

    @Test
    void theRefusalsErrorTextIsKeptWithTheAddressItQuotesMasked() {
        Outcome outcome = Outcome.failed(delivery(), new PermanentFailure("SMTP_550",
                "SMTP: 550 5.1.1 <a@example.com>: Recipient address rejected", false));

        assertThat(outcome.lastError())
                .isEqualTo("PermanentFailure: SMTP: 550 5.1.1 <a***@example.com>: Recipient address rejected");
    }

    @Test
    void anyOtherExceptionFailsTheDeliveryAsAWorkerError() {
        Outcome outcome = Outcome.failed(delivery(), new IllegalStateException("boom"));

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(outcome.reason()).isEqualTo("WORKER_ERROR");
        assertThat(outcome.lastError()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void aReceiptIsSentWithTheProvidersMessageIdAndNothingFollows() {
        Outcome outcome = Outcome.sent(delivery(), new ProviderReceipt("SM123"));

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(outcome.providerMessageId()).isEqualTo("SM123");
        assertThat(outcome.attempted()).isEqualTo(1);
        assertThat(outcome.followUp()).isNull();
    }
}
