package routes.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextRoutesStartingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the topics this instance's routes name that do not exist yet, once the routes are built
 * and before any of them starts consuming, so that partition counts come from configuration rather
 * than from a broker's auto-create default: {@code notify.kafka.partitions-per-topic[<topic>]},
 * else {@code notify.kafka.partitions}. The routes are the one list of topics: what their Kafka
 * endpoints name is what exists. With {@code notify.kafka.create-topics=false} (topics managed
 * elsewhere, as by Strimzi) it only warns.
 */
@Component
public class TopicProvisioner extends EventNotifierSupport {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaBootstrap bootstrap;
    private final KafkaSettings settings;

    public TopicProvisioner(KafkaBootstrap bootstrap, KafkaSettings settings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelContextRoutesStartingEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        provision(topicsOf(((CamelContextRoutesStartingEvent) event).getContext()));
    }

    /**
     * The topics the context's Kafka endpoints consume from or publish to. A topic computed per
     * message (the router's and the dead-letter replay's {@code toD}, to a provider's lane, which
     * the workers name) is left out: Camel keeps its expression as the endpoint's topic.
     */
    static Set<String> topicsOf(CamelContext camel) {
        Set<String> topics = new TreeSet<>();
        camel.getEndpoints().stream()
                .filter(KafkaEndpoint.class::isInstance)
                .map(endpoint -> ((KafkaEndpoint) endpoint).getConfiguration().getTopic())
                .forEach(named -> Arrays.stream(named.split(",")).map(String::strip)
                        .filter(topic -> !topic.contains("${"))
                        .forEach(topics::add));
        return topics;
    }

    private void provision(Set<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!settings.createTopics()) {
                // e.g. Strimzi's topic operator may still be creating them: their consumers wait
                log.warn("Kafka topics {} do not exist yet and notify.kafka.create-topics is false", missing);
                return;
            }
            admin.createTopics(missing.stream()
                            .map(topic -> new NewTopic(topic, settings.partitionsOf(topic), settings.replicationFactor()))
                            .toList())
                    .all().get(30, TimeUnit.SECONDS);
            log.info("Created Kafka topics {}", missing);
        }
    }
}
