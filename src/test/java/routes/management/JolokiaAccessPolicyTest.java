package routes.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Jolokia policy that application.yaml names, read as Jolokia reads it: what it lets Hawtio do
 * and what it refuses. The whole hub answering through HTTP is JolokiaPolicyTest.
 */
class JolokiaAccessPolicyTest {

    private static final ObjectName ROUTE =
            name("org.apache.camel:context=notification-hub,type=routes,name=\"retention\"");
    private static final ObjectName CONTEXT =
            name("org.apache.camel:context=notification-hub,type=context,name=\"notification-hub\"");
    private static final ObjectName ENDPOINT =
            name("org.apache.camel:context=notification-hub,type=endpoints,name=\"seda://x\"");
    private static final ObjectName INFLIGHT =
            name("org.apache.camel:context=notification-hub,type=services,name=DefaultInflightRepository");
    private static final ObjectName PROCESSOR =
            name("org.apache.camel:context=notification-hub,type=processors,name=\"log1\"");
    private static final ObjectName TRACER = name("org.apache.camel:context=notification-hub,type=tracer,name=BacklogTracer");

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jolokiaConfig() throws IOException {
        try (InputStream yaml = JolokiaAccessPolicyTest.class.getResourceAsStream("/application.yaml")) {
            Map<String, Object> root = new Yaml().load(yaml);
            Map<String, Object> management = (Map<String, Object>) root.get("management");
            Map<String, Object> endpoint = (Map<String, Object>) management.get("endpoint");
            return (Map<String, Object>) ((Map<String, Object>) endpoint.get("jolokia")).get("config");
        }
    }

    private static Restrictor policy() throws IOException {
        Restrictor policy = RestrictorFactory.lookupPolicyRestrictor((String) jolokiaConfig().get("policyLocation"));
        // not found, Jolokia would allow everything
        assertThat(policy).as("the policy file application.yaml names").isNotNull();
        return policy;
    }

    @Test
    void readsListsSearchesAndVersionsButNeverWrites() throws IOException {
        Restrictor policy = policy();
        for (RequestType type : List.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH, RequestType.VERSION)) {
            assertThat(policy.isTypeAllowed(type)).as(type.getName()).isTrue();
        }
        assertThat(policy.isTypeAllowed(RequestType.WRITE)).isFalse();
        assertThat(policy.isTypeAllowed(RequestType.EXEC)).isFalse();
        assertThat(policy.isAttributeReadAllowed(ROUTE, "ExchangesTotal")).isTrue();
        assertThat(policy.isAttributeReadAllowed(name("java.lang:type=Memory"), "HeapMemoryUsage")).isTrue();
        assertThat(policy.isAttributeWriteAllowed(ROUTE, "Tracing")).isFalse();
        assertThat(policy.isAttributeWriteAllowed(name("java.lang:type=Memory"), "Verbose")).isFalse();
        assertThat(policy.isAttributeWriteAllowed(name("jolokia:type=Config"), "Debug")).isFalse();
    }

    @Test
    void theJvmsPropertiesAreNotReadNorAnyJvmOperationRun() throws IOException {
        Restrictor policy = policy();
        ObjectName runtime = name("java.lang:type=Runtime");
        assertThat(policy.isAttributeReadAllowed(runtime, "SystemProperties")).isFalse();
        assertThat(policy.isAttributeReadAllowed(runtime, "InputArguments")).isFalse();
        assertThat(policy.isAttributeReadAllowed(runtime, "Uptime")).isTrue();
        ObjectName diagnostics = name("com.sun.management:type=DiagnosticCommand");
        for (String operation : List.of("vmSystemProperties", "jfrStart", "jvmtiAgentLoad", "vmFlags", "threadPrint")) {
            assertThat(policy.isOperationAllowed(diagnostics, operation)).as(operation).isFalse();
        }
        assertThat(policy.isOperationAllowed(name("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap")).isFalse();
        assertThat(policy.isOperationAllowed(name("java.lang:type=Memory"), "gc")).isFalse();
        assertThat(policy.isOperationAllowed(name("java.lang:type=Memory"), "gc()")).isFalse();
        assertThat(policy.isOperationAllowed(name("jolokia:type=Config"), "debugInfo")).isFalse();
    }

    /** Every exec Hawtio 5.2's Camel tab sends for routes and the context, as it names them. */
    @Test
    void hawtiosCamelTabRunsRoutesAndTheContext() throws IOException {
        Restrictor policy = policy();
        for (String operation : List.of("start()", "stop()", "suspend()", "resume()", "reset(boolean)", "reset()",
                "isUpdateRouteEnabled()", "dumpRouteAsXml()", "dumpRouteStatsAsXml", "dumpRouteStatsAsJSon")) {
            assertThat(policy.isOperationAllowed(ROUTE, operation)).as("route " + operation).isTrue();
        }
        for (String operation : List.of("start()", "stop()", "suspend()", "resume()", "reset(boolean)",
                "dumpRoutesAsXml()", "dumpRoutesStatsAsXml", "dumpRouteStatsAsJSon", "componentNames()")) {
            assertThat(policy.isOperationAllowed(CONTEXT, operation)).as("context " + operation).isTrue();
        }
        assertThat(policy.isOperationAllowed(ENDPOINT, "browseAllMessagesAsXml(java.lang.Boolean)")).isTrue();
        assertThat(policy.isOperationAllowed(ENDPOINT,
                "browseRangeMessagesAsXml(java.lang.Integer,java.lang.Integer, java.lang.Boolean)")).isTrue();
        assertThat(policy.isOperationAllowed(INFLIGHT, "browse()")).isTrue();
    }

    @Test
    void camelOperationsThatActAsTheHubAreRefused() throws IOException {
        Restrictor policy = policy();
        for (String operation : List.of("remove()", "updateRouteFromXml", "stopAndFail()", "dumpRouteAsXml(boolean)",
                "setTracing")) {
            assertThat(policy.isOperationAllowed(ROUTE, operation)).as("route " + operation).isFalse();
        }
        for (String operation : List.of("sendBody", "sendStringBody", "requestBody",
                "sendBodyAndHeaders(java.lang.String, java.lang.Object, java.util.Map)", "createEndpoint(java.lang.String)",
                "removeEndpoints", "canSendToEndpoint(java.lang.String)", "dumpRoutesAsXml(boolean)",
                "dumpRoutesAsXml(boolean,boolean)", "setGlobalOption", "restart()")) {
            assertThat(policy.isOperationAllowed(CONTEXT, operation)).as("context " + operation).isFalse();
        }
        assertThat(policy.isOperationAllowed(PROCESSOR, "disable")).isFalse();
        assertThat(policy.isOperationAllowed(TRACER, "setEnabled")).isFalse();
        assertThat(policy.isOperationAllowed(INFLIGHT, "stop()")).isFalse();
        assertThat(policy.isOperationAllowed(name("org.apache.camel:context=notification-hub,type=tracer,name=BacklogDebugger"),
                "evaluateExpressionAtBreakpoint")).isFalse();
        // an object name pattern is no route, even where it matches only routes
        assertThat(policy.isOperationAllowed(name("org.apache.camel:*"), "stop()")).isFalse();
    }

    @Test
    void jolokiaNeitherProxiesNorLogsRequestsNorLooksUpCallers() throws IOException {
        Map<String, Object> config = jolokiaConfig();
        assertThat((String) config.get("disabledServices")).contains("org.jolokia.service.jsr160.Jsr160RequestHandler",
                "org.jolokia.service.notif.pull.PullNotificationBackend",
                "org.jolokia.service.notif.sse.SseNotificationBackend");
        assertThat(String.valueOf(config.get("debug"))).isEqualTo("false");
        assertThat(String.valueOf(config.get("allowDnsReverseLookup"))).isEqualTo("false");
        assertThat(String.valueOf(config.get("discoveryEnabled"))).isEqualTo("false");
    }
}
