package routes.provider.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;
import routes.provider.PermanentFailure;
import routes.provider.TransientFailure;

/** SMTP's own verdict: 4xx replies and unreachable servers may pass, 5xx replies will not. */
@Component("emailFailures")
public class EmailFailures {

    public void classify(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        int code = replyCode(failure);
        String message = "SMTP: " + failure.getMessage();
        if (code >= 500) {
            throw new PermanentFailure("SMTP_" + code, message, false);
        }
        if (code >= 400) {
            throw new TransientFailure("SMTP_" + code, message, null, failure);
        }
        if (causedBy(failure, IOException.class) || failure instanceof MessagingException) {
            throw new TransientFailure("UNREACHABLE", message, null, failure);
        }
        throw new PermanentFailure("SMTP_ERROR", message, false);
    }

    /** The SMTP reply code behind a failure, found in its cause chain; 0 when there was none. */
    private static int replyCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPSendFailedException sendFailed) {
                return sendFailed.getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException addressFailed) {
                return addressFailed.getReturnCode();
            }
        }
        return 0;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof SendFailedException sendFailed && sendFailed.getNextException() != null) {
            return sendFailed.getNextException();
        }
        return cause.getCause();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
