package routes.category;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import routes.delivery.Channel;

/**
 * At most {@code max} deliveries on {@code channel} per user within any window of {@code per} (an
 * ISO-8601 duration: PT24H, P1D, PT30M), counted as they leave fan-out.
 */
public record FrequencyCap(Channel channel, int max, String per) {

    @JsonIgnore
    public Duration window() {
        return Duration.parse(per);
    }
}
