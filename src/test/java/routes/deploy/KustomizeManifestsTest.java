package routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Renders every overlay with {@code kubectl kustomize} and checks what would be applied. */
class KustomizeManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerHasProbesAndLimits(String overlay) throws Exception {
        List<Map<String, Object>> deployments = ofKind(render(overlay), "Deployment");
        assertThat(deployments).hasSize(2);
        for (Map<String, Object> deployment : deployments) {
            for (Map<String, Object> container : containers(deployment)) {
                assertThat(container).as(name(deployment)).containsKeys("readinessProbe", "livenessProbe");
                assertThat(path(container, "resources", "limits")).as(name(deployment))
                        .containsKeys("cpu", "memory");
                assertThat(path(container, "resources", "requests")).as(name(deployment))
                        .containsKeys("cpu", "memory");
            }
        }
    }

    /** Camel's camel.main.shutdown-timeout, left at its default by application.yaml. */
    private static final int CAMEL_SHUTDOWN_TIMEOUT_SECONDS = 45;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void podsOutlastCamelsGracefulShutdown(String overlay) throws Exception {
        for (Map<String, Object> deployment : ofKind(render(overlay), "Deployment")) {
            assertThat(path(deployment, "spec", "template", "spec").get("terminationGracePeriodSeconds"))
                    .as(name(deployment)).isInstanceOf(Integer.class)
                    .satisfies(grace -> assertThat((Integer) grace).isGreaterThan(CAMEL_SHUTDOWN_TIMEOUT_SECONDS));
        }
    }

    /** The routes ship in the image, with the code they call; nothing in the manifests replaces them. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void podsRunTheRoutesOfTheirImage(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        for (Map<String, Object> configMap : ofKind(objects, "ConfigMap")) {
            assertThat(path(configMap, "data").keySet()).as(name(configMap))
                    .noneMatch(key -> key.endsWith(".yaml") || key.startsWith("CAMEL_MAIN_ROUTES"));
        }
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            for (Map<String, Object> container : containers(deployment)) {
                assertThat(String.valueOf(container.get("env"))).as(name(deployment))
                        .doesNotContain("CAMEL_MAIN_ROUTES");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachProviderHasItsTwoLanesItsRetryAndDeadLetterTopic(String overlay) throws Exception {
        List<String> topics = ofKind(render(overlay), "KafkaTopic").stream()
                .map(topic -> (String) path(topic, "spec").get("topicName")).toList();
        for (String channel : List.of("apns", "fcm", "sms", "email")) {
            assertThat(topics).contains("notify." + channel, "notify." + channel + ".bulk",
                    "notify." + channel + ".retry", "notify." + channel + ".dlq");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void noSecretValueIsInlined(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(ofKind(objects, "Secret")).isEmpty();
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            for (Map<String, Object> container : containers(deployment)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> env = (List<Map<String, Object>>) container.getOrDefault("env", List.of());
                for (Map<String, Object> variable : env) {
                    if (String.valueOf(variable.get("name")).matches(".*(PASSWORD|SECRET|TOKEN|KEY).*")) {
                        assertThat(variable).as(variable.get("name") + " must come from a Secret")
                                .doesNotContainKey("value");
                    }
                }
            }
        }
        for (Map<String, Object> configMap : ofKind(objects, "ConfigMap")) {
            assertThat(path(configMap, "data").keySet()).noneMatch(key -> key.matches(".*(PASSWORD|SECRET|TOKEN).*"));
        }
    }

    /** The metric names are those DependencyOutageTest reads from /actuator/prometheus. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void aDependencyDownForAMinuteAlertsNamingItAndSinceWhen(String overlay) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> ruleSet : ofKind(render(overlay), "PrometheusRule")) {
            for (Object group : (List<?>) path(ruleSet, "spec").get("groups")) {
                for (Object rule : (List<?>) cast(group).get("rules")) {
                    rules.add(cast(rule));
                }
            }
        }
        assertThat(rules).filteredOn(rule -> String.valueOf(rule.get("expr")).contains("notify_dependency_up == 0"))
                .singleElement().satisfies(rule -> {
                    assertThat(rule.get("expr")).asString().contains("by (dependency)")
                            .contains("notify_dependency_changed_timestamp_seconds");
                    assertThat(rule).containsEntry("for", "1m");
                    assertThat(path(rule, "annotations").get("summary")).asString()
                            .contains("{{ $labels.dependency }}").contains("humanizeTimestamp");
                });
    }

    private static List<Map<String, Object>> render(String overlay) throws Exception {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", "kustomize/overlays/" + overlay)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            String why = "kubectl is not installed (" + e.getMessage() + "); .ci/run installs it (.ci/kubectl.sh)";
            if (kubectlRequired()) {
                throw new AssertionError(why, e);
            }
            assumeTrue(false, why);
            throw e;
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        StreamSupport.stream(new Yaml().loadAll(output).spliterator(), false)
                .forEach(document -> objects.add(cast(document)));
        return objects;
    }

    /**
     * CI (CI=true, or {@code .ci/run}, which sets NOTIFY_KUSTOMIZE_TEST=required once kubectl is
     * installed) fails without kubectl; a developer's {@code mvn verify} without it skips, saying so.
     */
    private static boolean kubectlRequired() {
        return "true".equals(System.getenv("CI")) || "required".equals(System.getenv("NOTIFY_KUSTOMIZE_TEST"));
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return (List<Map<String, Object>>) path(deployment, "spec", "template", "spec").get("containers");
    }

    private static String name(Map<String, Object> object) {
        return (String) path(object, "metadata").get("name");
    }

    private static Map<String, Object> path(Map<String, Object> object, String... keys) {
        Map<String, Object> current = object;
        for (String key : keys) {
            current = cast(current.get(key));
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
