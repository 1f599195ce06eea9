package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;
import routes.support.HubTest;

/** The routes are the one list of topics: the hub creates what they name, and kustomize ships the same. */
@Tag("hub")
class TopicsTest extends HubTest {

    @Autowired
    private CamelContext camel;

    @Test
    void everyTopicTheRoutesNameExistsAndKustomizeDeclaresExactlyThose() throws Exception {
        Set<String> named = TopicProvisioner.topicsOf(camel);
        assertThat(named).contains("notify.accepted", "notify.apns", "notify.apns.retry", "notify.apns.dlq",
                "notify.requests.dlq", "notify.cache-invalidations");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(named);
        }
        assertThat(kustomizeTopics()).isEqualTo(named);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> kustomizeTopics() throws Exception {
        Set<String> topics = new TreeSet<>();
        try (Reader manifests = Files.newBufferedReader(Path.of("kustomize/base/kafka-topics.yaml"))) {
            for (Object document : new Yaml().loadAll(manifests)) {
                Map<String, Object> topic = (Map<String, Object>) document;
                if ("KafkaTopic".equals(topic.get("kind"))) {
                    topics.add((String) ((Map<String, Object>) topic.get("spec")).get("topicName"));
                }
            }
        }
        return topics;
    }
}
