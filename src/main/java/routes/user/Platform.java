package routes.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import routes.delivery.Provider;

/** A device's platform decides its push provider: Apple's devices use APNs, the rest FCM. */
public enum Platform {
    IOS(Provider.APNS), MACOS(Provider.APNS), ANDROID(Provider.FCM), WEB(Provider.FCM);

    private final Provider provider;

    Platform(Provider provider) {
        this.provider = provider;
    }

    public Provider provider() {
        return provider;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform of(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown platform '" + wire + "', expected one of "
                        + Arrays.stream(values()).map(Platform::wire).collect(Collectors.joining(", "))));
    }
}
