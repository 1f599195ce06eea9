package routes.kafka;

import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** A batching Kafka consumer hands over one exchange per polled record; routes want their bodies. */
@Component("polledRecords")
public class PolledRecords {

    public List<Object> bodies(List<Exchange> records) {
        return records.stream().map(record -> record.getMessage().getBody()).toList();
    }
}
