package routes.provider.sms;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.util.ObjectHelper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.provider.ProviderBreakers;
import routes.provider.TransientFailure;

/** The decisions around deliver-sms's circuit breaker: when to fail over, and what the breaker's result means. */
@Component("smsFailover")
public class SmsFailover {

    private final SmsGateway primary;
    private final SmsGateway secondary;

    public SmsFailover(@Qualifier("primarySms") SmsGateway primary, @Qualifier("secondarySms") SmsGateway secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    /**
     * First step of the fallback. The secondary takes the delivery (it stays the body) when the
     * primary failed transiently or its circuit is open, and only if the secondary is configured
     * and can carry this text to this number. Otherwise the primary's failure becomes the body,
     * held through the breaker and thrown after it (a transient one: RETRYING).
     */
    public Object failoverOrHold(Exchange exchange, @ExchangeProperty("delivery") Delivery delivery) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // No exception: the breaker refused the call without running it.
        TransientFailure primaryFailure = failure == null
                ? ProviderBreakers.circuitOpen("primary SMS provider " + primary.name())
                : ObjectHelper.getException(TransientFailure.class, failure);
        if (primaryFailure == null) {
            return failure;
        }
        if (!secondary.configured() || !secondary.reaches(delivery.recipient())
                || !secondary.misfits(delivery.title(), delivery.body()).isEmpty()) {
            return primaryFailure;
        }
        return delivery;
    }
}
