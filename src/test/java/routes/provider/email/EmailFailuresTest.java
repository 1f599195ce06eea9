package routes.provider.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.provider.PermanentFailure;
import routes.provider.TransientFailure;

/** SMTP's verdict on a failed send: a 4xx reply may pass, a 5xx reply will not, no reply at all is "not now". */
class EmailFailuresTest {

    private final EmailFailures failures = new EmailFailures();

    private static SMTPSendFailedException sendFailed(int code) {
        return new SMTPSendFailedException("DATA", code, code + " reply", null, null, null, null);
    }

    private static SMTPAddressFailedException addressFailed(int code) throws AddressException {
        return new SMTPAddressFailedException(new InternetAddress("bob@example.com"), "RCPT TO", code,
                code + " no such user");
    }

    private Throwable classified(Exception failure) {
        Throwable thrown = catchThrowable(() -> failures.classify(failure));
        assertThat(thrown).as("classify always throws").isNotNull();
        return thrown;
    }

    @ParameterizedTest
    @ValueSource(ints = {421, 450, 451, 452, 454})
    void aFourHundredReplyIsTransientWithItsCode(int code) {
        assertThat(classified(sendFailed(code))).isInstanceOfSatisfying(TransientFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo("SMTP_" + code);
            assertThat(failure.getMessage()).isEqualTo("SMTP: " + code + " reply");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 550, 552, 554})
    void aFiveHundredReplyIsPermanentWithItsCodeAndLeavesTheRecipientAlone(int code) {
        assertThat(classified(sendFailed(code))).isInstanceOfSatisfying(PermanentFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo("SMTP_" + code);
            assertThat(failure.isRecipientGone()).isFalse();
        });
    }

    @Test
    void aRefusedRecipientNamedAmongTheNextExceptionsIsFound() throws Exception {
        var refused = new SendFailedException("Invalid Addresses", addressFailed(550), new Address[0], new Address[0],
                new Address[0]);
        assertThat(classified(refused)).isInstanceOf(PermanentFailure.class)
                .extracting(failure -> ((PermanentFailure) failure).reason()).isEqualTo("SMTP_550");
    }

    @Test
    void aReplyCodeDeepInTheCauseChainIsFound() throws Exception {
        var wrapped = new RuntimeCamelException(new MessagingException("send failed", addressFailed(452)));
        assertThat(classified(wrapped)).isInstanceOf(TransientFailure.class)
                .extracting(failure -> ((TransientFailure) failure).reason()).isEqualTo("SMTP_452");
    }

    @Test
    void theFirstReplyCodeInTheChainDecides() throws Exception {
        var chain = new SendFailedException("partly failed", addressFailed(451));
        chain.setNextException(addressFailed(550));
        assertThat(classified(chain)).isInstanceOf(TransientFailure.class);
    }

    @Test
    void anUnreachableServerIsTransient() {
        assertThat(classified(new RuntimeCamelException(new ConnectException("Connection refused"))))
                .isInstanceOfSatisfying(TransientFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo("UNREACHABLE"));
        assertThat(classified(new MessagingException("timeout", new SocketTimeoutException("Read timed out"))))
                .isInstanceOf(TransientFailure.class);
    }

    @Test
    void aMailFailureWithoutReplyCodeIsTransient() {
        assertThat(classified(new MessagingException("Could not connect to SMTP host")))
                .isInstanceOfSatisfying(TransientFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo("UNREACHABLE"));
    }

    @Test
    void anythingElseIsAPermanentSmtpError() {
        assertThat(classified(new IllegalStateException("bad message")))
                .isInstanceOfSatisfying(PermanentFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo("SMTP_ERROR");
                    assertThat(failure.getMessage()).isEqualTo("SMTP: bad message");
                });
    }

    @Test
    void theOriginalFailureIsKeptAsTheCauseOfATransientOne() {
        var original = sendFailed(421);
        assertThat(classified(original).getCause()).isSameAs(original);
    }
}
