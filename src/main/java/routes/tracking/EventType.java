package routes.tracking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a device or reader reports of a delivery after the provider took it. */
public enum EventType {
    DELIVERED, OPENED, CLICKED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EventType of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown type '" + wire
                        + "', expected one of delivered, opened, clicked"));
    }
}
