package routes.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user can allow or refuse: the way a notification reaches them. */
public enum Channel {
    PUSH, SMS, EMAIL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel of(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown channel '" + wire + "', expected one of "
                        + Arrays.stream(values()).map(Channel::wire).collect(Collectors.joining(", "))));
    }
}
