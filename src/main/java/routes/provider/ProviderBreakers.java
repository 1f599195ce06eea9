package routes.provider;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.util.ObjectHelper;
import org.springframework.stereotype.Component;

/**
 * The two ends of a provider's circuit breaker (route template provider-call). Only transient
 * failures count against a provider; a refusal is its answer and is held through the breaker as
 * the body, like the failure the fallback finds, and both are thrown again after the breaker, where
 * the worker turns them into outcomes (nothing thrown inside a breaker reaches the caller intact).
 */
@Component("providerBreakers")
public class ProviderBreakers {

    /** The fallback: the failure that made the call fail, or CIRCUIT_OPEN when the breaker did not call at all. */
    public Exception hold(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            return circuitOpen(exchange.getFromRouteId());
        }
        TransientFailure transientFailure = ObjectHelper.getException(TransientFailure.class, failure);
        return transientFailure != null ? transientFailure : failure;
    }

    /** After the breaker: the receipt, or the failure held through it, thrown again. */
    public ProviderReceipt result(@Body Object result, Exchange exchange) throws Exception {
        // The breaker's fallback marks the exchange's failure as handled, which would make the
        // caller's doCatch pass over the failure thrown here (it did, inside the workers' split).
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
