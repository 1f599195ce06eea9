package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import routes.support.HubClient;
import routes.support.HubTest;

/**
 * What /actuator/jolokia answers to whoever reaches it (jolokia-access.xml): every MBean read, but
 * for the JVM's system properties; Camel's routes and context started, stopped and dumped, as
 * Hawtio's Camel tab does; no other operation, no write, no proxying to another JVM.
 */
@DisableJmx(false) // Camel's MBeans registered, as outside tests
@TestPropertySource(properties = "camel.main.jmx-enabled=true") // a hub of its own: the others have no MBeans
@DirtiesContext // and closed afterwards
class JolokiaPolicyTest extends HubTest {

    /** A route that runs on a timer only: stopping it for a moment holds up no request. */
    private static final String ROUTE = "retention";

    @Autowired
    CamelContext camel;

    private Response jolokia(Map<String, ?> request) {
        return post("/actuator/jolokia", JSON.valueToTree(request).toString());
    }

    private Response jolokia(List<Map<String, ?>> requests) {
        return post("/actuator/jolokia", JSON.valueToTree(requests).toString());
    }

    private Response exec(String mbean, String operation, Object... arguments) {
        return jolokia(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)));
    }

    private Response read(String mbean, String attribute) {
        return jolokia(Map.of("type", "read", "mbean", mbean, "attribute", attribute));
    }

    /** Jolokia answers HTTP 200 either way; its own status, in the body, says what happened. */
    private static JsonNode answered(Response response, int jolokiaStatus) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asInt()).as(response.body()).isEqualTo(jolokiaStatus);
        return response.json();
    }

    /** Jolokia's refusal: status 403, saying what the policy forbids, and no value. */
    private static void refused(Response response) {
        JsonNode refusal = answered(response, 403);
        assertThat(refusal.path("error").asText()).containsAnyOf("forbidden", "not allowed");
        assertThat(refusal.has("value")).isFalse();
    }

    /** The route's MBean in this hub's Camel context. */
    private String routeMBean(String routeId) {
        JsonNode names = answered(jolokia(Map.of("type", "search",
                "mbean", "org.apache.camel:type=routes,name=\"" + routeId + "\",*")), 200).path("value");
        for (JsonNode name : names) {
            if (name.asText().contains("context=" + camel.getManagementName() + ",")) {
                return name.asText();
            }
        }
        throw new AssertionError("no MBean for route " + routeId + " of " + camel.getManagementName() + " in " + names);
    }

    private String contextMBean() {
        return routeMBean(ROUTE).replaceFirst("type=routes,name=\"[^\"]*\"", "type=context,name=\"" + camel.getName() + "\"");
    }

    @Test
    void diagnosticCommandIsRefusedAndTheSystemPropertiesAreNotAnswered() {
        String javaHome = System.getProperty("java.home");
        Response properties = exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties");
        refused(properties);
        assertThat(properties.body()).doesNotContain(javaHome).doesNotContain("java.vm.version");

        // what else DiagnosticCommand and its neighbours would do: write files, load agents, run the GC
        refused(exec("com.sun.management:type=DiagnosticCommand", "jfrStart", (Object) new String[] {"filename=/tmp/x.jfr"}));
        refused(exec("com.sun.management:type=DiagnosticCommand", "jvmtiAgentLoad", (Object) new String[] {"/tmp/agent.so"}));
        refused(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "/tmp/heap.hprof", true));
        refused(exec("java.lang:type=Memory", "gc"));
        refused(exec("java.lang:type=Threading", "dumpAllThreads", true, true));

        // the same properties as an attribute, alone or among all of Runtime's or all of java.lang's
        refused(read("java.lang:type=Runtime", "SystemProperties"));
        refused(read("java.lang:type=Runtime", "InputArguments"));
        JsonNode runtime = answered(jolokia(Map.of("type", "read", "mbean", "java.lang:type=Runtime",
                "config", Map.of("ignoreErrors", true))), 200);
        assertThat(runtime.path("value").path("Uptime").asLong()).isPositive();
        JsonNode everything = answered(jolokia(Map.of("type", "read", "mbean", "java.lang:*",
                "config", Map.of("ignoreErrors", true))), 200);
        assertThat(everything.toString()).doesNotContain(javaHome).doesNotContain("java.vm.version");
    }

    @Test
    void noAttributeCanBeWritten() {
        refused(jolokia(Map.of("type", "write", "mbean", "java.lang:type=Memory", "attribute", "Verbose", "value", true)));
        assertThat(answered(read("java.lang:type=Memory", "Verbose"), 200).path("value").asBoolean()).isFalse();

        String route = routeMBean(ROUTE);
        refused(jolokia(Map.of("type", "write", "mbean", route, "attribute", "Tracing", "value", true)));
        assertThat(answered(read(route, "Tracing"), 200).path("value").asBoolean()).isFalse();
        refused(jolokia(Map.of("type", "write", "mbean", "jolokia:type=Config", "attribute", "Debug", "value", true)));
    }

    @Test
    void aRoutesAttributesAreRead() {
        JsonNode state = answered(read(routeMBean(ROUTE), "State"), 200);
        assertThat(state.path("value").asText()).isEqualTo("Started");
        JsonNode route = answered(jolokia(Map.of("type", "read", "mbean", routeMBean("accept"),
                "attribute", List.of("RouteId", "ExchangesTotal", "ExchangesFailed", "MeanProcessingTime"))), 200);
        assertThat(route.path("value").path("RouteId").asText()).isEqualTo("accept");
        assertThat(route.path("value").has("ExchangesTotal")).isTrue();
    }

    @Test
    void aRouteIsStoppedAndStartedThroughJolokia() {
        String route = routeMBean(ROUTE);
        try {
            answered(exec(route, "stop()"), 200);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
            assertThat(answered(read(route, "State"), 200).path("value").asText()).isEqualTo("Stopped");

            answered(exec(route, "start()"), 200);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
            assertThat(answered(read(route, "State"), 200).path("value").asText()).isEqualTo("Started");
        } finally {
            if (!camel.getRouteController().getRouteStatus(ROUTE).isStarted()) {
                try {
                    camel.getRouteController().startRoute(ROUTE);
                } catch (Exception e) {
                    throw new AssertionError("could not start " + ROUTE + " again", e);
                }
            }
        }
    }

    /**
     * A page of another site, in a browser that holds an admin key for /actuator, cannot drive
     * Jolokia (cross-site request forgery): neither a form's POST nor an image's GET stops a route.
     * Hawtio's own requests, from the hub's origin, are answered.
     */
    @Test
    void aPageOfAnotherOriginIsRefusedWhateverKeyItsBrowserHoldsAndTheHubsOwnOriginIsAnswered() {
        HubClient configured = new HubClient(port, KEY);
        HubClient operator = configured.with(configured.issueKey(configured.createClient(unique("operator"), "admin"),
                null).path("key").asText());
        String route = routeMBean(ROUTE);
        String stop = JSON.valueToTree(Map.of("type", "exec", "mbean", route, "operation", "stop()")).toString();
        for (Map<String, String> anotherSite : List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"),
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "https://evil.notify.example", "Sec-Fetch-Site", "same-site"))) {
            Response refused = operator.call("POST", "/actuator/jolokia", stop, anotherSite);
            assertThat(refused.status()).as(anotherSite.toString()).isEqualTo(403);
            assertThat(refused.contentType()).as(anotherSite.toString()).startsWith("application/problem+json");
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
        // an image on that page: a GET without Origin, which the browser marks cross-site
        String imageOnAnotherSite = "/actuator/jolokia/exec/" + route.replace("\"", "%22") + "/stop()";
        assertThat(operator.call("GET", imageOnAnotherSite, null, Map.of("Sec-Fetch-Site", "cross-site")).status())
                .isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        String hub = "http://localhost:" + port;
        for (Map<String, String> ownOrigin : List.of(Map.of("Origin", hub, "Sec-Fetch-Site", "same-origin"),
                Map.of("Origin", hub), Map.of("Sec-Fetch-Site", "none"))) {
            answered(operator.call("POST", "/actuator/jolokia", "{\"type\":\"version\"}", ownOrigin), 200);
        }
        // the same GET from the hub's own page is carried out
        try {
            answered(operator.call("GET", imageOnAnotherSite, null, Map.of("Sec-Fetch-Site", "same-origin")), 200);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        } finally {
            answered(exec(route, "start()"), 200);
        }
    }

    @Test
    void whatHawtiosCamelTabAsksIsAnswered() {
        answered(call("GET", "/actuator/jolokia/version", null), 200);
        JsonNode version = answered(jolokia(Map.of("type", "version")), 200);
        assertThat(version.path("value").path("protocol").asText()).isNotEmpty();
        answered(jolokia(Map.of("type", "list", "path", "org.apache.camel", "config", Map.of("maxDepth", 9))), 200);

        String context = contextMBean();
        String route = routeMBean(ROUTE);
        // Hawtio's routes table reads all routes' attributes in one bulk request
        JsonNode bulk = jolokia(List.of(
                Map.of("type", "read", "mbean", route, "config", Map.of("ignoreErrors", true)),
                Map.of("type", "read", "mbean", context, "attribute", List.of("State", "CamelVersion"))))
                .json();
        assertThat(bulk).hasSize(2).allSatisfy(each -> assertThat(each.path("status").asInt()).isEqualTo(200));
        assertThat(answered(exec(context, "dumpRoutesAsXml()"), 200).path("value").asText()).contains(ROUTE);
        assertThat(answered(exec(context, "dumpRoutesStatsAsXml", true, true), 200).path("value").asText())
                .contains(ROUTE);
        assertThat(answered(exec(route, "dumpRouteStatsAsXml", true, true), 200).path("value").asText())
                .contains(ROUTE);
        answered(exec(route, "reset(boolean)", true), 200);
        answered(exec(context, "componentNames()"), 200);
        // its exchanges and REST views
        String services = context.replaceFirst("type=context,name=\"[^\"]*\"", "type=services,name=");
        answered(exec(services + "DefaultInflightRepository", "browse()"), 200);
        assertThat(answered(exec(services + "DefaultRestRegistry", "listRestServices()"), 200).path("value").toString())
                .contains("/api/v1");
    }

    @Test
    void camelOperationsBeyondRunningAndReadingAreRefused() {
        String context = contextMBean();
        String route = routeMBean(ROUTE);
        // acting as the hub: sending messages, creating endpoints, replacing or removing routes
        refused(exec(context, "sendStringBody", "log:jolokia", "sent through Jolokia"));
        refused(exec(context, "sendBodyAndHeaders(java.lang.String, java.lang.Object, java.util.Map)",
                "log:jolokia", "sent through Jolokia", Map.of()));
        refused(exec(context, "createEndpoint(java.lang.String)", "log:jolokia"));
        refused(exec(context, "dumpRoutesAsXml(boolean)", true));
        refused(exec(route, "updateRouteFromXml", "<route id=\"" + ROUTE + "\"><from uri=\"timer:x\"/></route>"));
        refused(exec(route, "remove()"));
        assertThat(camel.getRoute(ROUTE)).isNotNull();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        // a pattern names no allowed MBean, even when every MBean it matches is a route
        refused(exec("org.apache.camel:*", "stop()"));
    }

    @Test
    void jolokiaForwardsToNoOtherJvmAndHawtiosProxyIsOff() throws IOException {
        // a request naming another JVM as its target (Jolokia's JSR-160 proxy) never connects there
        try (ServerSocket otherJvm = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            otherJvm.setSoTimeout(1000);
            ObjectNode proxied = JSON.createObjectNode().put("type", "read").put("mbean", "java.lang:type=Runtime")
                    .put("attribute", "Uptime");
            proxied.putObject("target").put("url",
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + otherJvm.getLocalPort() + "/jmxrmi");
            Response answer = post("/actuator/jolokia", proxied.toString());
            assertThat(answer.status()).isEqualTo(200);
            assertThatThrownBy(otherJvm::accept).as("Jolokia connected to the target: %s", answer.body())
                    .isInstanceOf(SocketTimeoutException.class);
        }
        // no notification backend (pull or server-sent events) to listen through
        JsonNode register = answered(jolokia(Map.of("type", "notification", "command", "register")), 200);
        assertThat(register.path("value").path("backend").isEmpty()).as(register.toString()).isTrue();

        Response hawtioProxy = get("/actuator/hawtio/proxy/enabled");
        assertThat(hawtioProxy.status()).isEqualTo(200);
        assertThat(hawtioProxy.body().strip()).isEqualTo("false");
    }
}
