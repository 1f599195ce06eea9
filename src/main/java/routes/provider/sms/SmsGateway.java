package routes.provider.sms;

import java.util.List;
import org.apache.camel.Exchange;
import routes.delivery.ContentFault;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;

/**
 * One SMS provider's HTTP API, as the steps of a provider call in routes/providers.yaml use it:
 * {@link #request} prepares the camel-http request, {@link #answer} classifies the response, and
 * {@link #unreachable} names a call that got none. Intake and failover ask {@link #misfits} and
 * {@link #reaches} first, so that a text the provider would cut or refuse never goes out.
 */
public interface SmsGateway {

    /** A field of the notification this provider cannot carry as it is, why, and which kind of fault that is. */
    record Misfit(String field, String problem, ContentFault fault) {}

    /** {@code twilio}, {@code sens}, or {@code none} for a slot left empty. */
    String name();

    boolean configured();

    /** Whether this provider sends to this E.164 number at all. */
    boolean reaches(String phone);

    /** What keeps this title and body from going out whole through this provider; empty when nothing does. */
    List<Misfit> misfits(String title, String body);

    /** Replaces the message with the provider's request: URL, method, auth and body for the delivery being sent. */
    void request(Exchange exchange);

    /** The provider's answer as a receipt, or as a TransientFailure or PermanentFailure thrown. */
    ProviderReceipt answer(Exchange exchange);

    /** The call got no answer (refused connection, timeout): throws a TransientFailure. */
    void unreachable(Exchange exchange);

    /** The slot of a provider left empty: it carries nothing, and sending through it fails as not configured. */
    SmsGateway NONE = new SmsGateway() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public boolean reaches(String phone) {
            return false;
        }

        @Override
        public List<Misfit> misfits(String title, String body) {
            return List.of();
        }

        @Override
        public void request(Exchange exchange) {
            throw PermanentFailure.notConfigured("sms");
        }

        @Override
        public ProviderReceipt answer(Exchange exchange) {
            throw PermanentFailure.notConfigured("sms");
        }

        @Override
        public void unreachable(Exchange exchange) {
            throw PermanentFailure.notConfigured("sms");
        }
    };
}
