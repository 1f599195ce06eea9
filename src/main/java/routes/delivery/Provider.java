package routes.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who carries a delivery; each provider has its own Kafka topic and worker route. */
public enum Provider {
    APNS(Channel.PUSH), FCM(Channel.PUSH), SMS(Channel.SMS), EMAIL(Channel.EMAIL);

    private final Channel channel;

    Provider(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
