package routes.provider.sms;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code notify.providers.sms.twilio.*}: the account SID and auth token the Messages API
 * authenticates with (HTTP basic), and {@code from}, a number of that account.
 */
public record TwilioSettings(@DefaultValue("https://api.twilio.com") String baseUrl, String accountSid,
        String authToken, String from) {

    boolean configured() {
        return present(accountSid) && present(authToken) && present(from);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TwilioSettings[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", from=" + from + "]";
    }
}
