package routes.provider;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.springframework.stereotype.Component;

/**
 * The far end of the SMS route's circuit breaker (send-sms-request), and the failure an open breaker
 * stands for. Only transient failures count against a provider; a refusal is its answer and is held
 * through the breaker as the body, like the failure the fallback settles on, and both are thrown
 * again after the breaker, where the worker turns them into outcomes (nothing thrown inside a
 * breaker reaches the caller intact).
 */
@Component("providerBreakers")
public class ProviderBreakers {

    /** After the breaker: the receipt, or the failure held through it, thrown again. */
    public ProviderReceipt result(@Body Object result, Exchange exchange) throws Exception {
        // The breaker's fallback marks the exchange's failure as handled, which would hide the
        // failure thrown here from the caller.
        exchange.removeProperty(ExchangePropertyKey.EXCEPTION_HANDLED);
        if (result instanceof Exception failure) {
            throw failure;
        }
        return (ProviderReceipt) result;
    }

    /** The breaker is open: parked for a later attempt without asking the provider. */
    public static TransientFailure circuitOpen(String what) {
        return new TransientFailure("CIRCUIT_OPEN",
                what + ": the provider failed too often lately; its circuit breaker is open", null, null);
    }
}
