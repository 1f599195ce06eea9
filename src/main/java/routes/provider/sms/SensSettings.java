package routes.provider.sms;

import static routes.provider.sms.TwilioSettings.present;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code notify.providers.sms.sens.*}: the Naver Cloud SENS project ({@code service-id}), the API
 * key pair that signs each request, and {@code from}, a calling number registered in the console.
 */
public record SensSettings(@DefaultValue("https://sens.apigw.ntruss.com") String baseUrl, String serviceId,
        String accessKey, String secretKey, String from) {

    boolean configured() {
        return present(serviceId) && present(accessKey) && present(secretKey) && present(from);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "SensSettings[baseUrl=" + baseUrl + ", serviceId=" + serviceId + ", accessKey=" + accessKey
                + ", from=" + from + "]";
    }
}
