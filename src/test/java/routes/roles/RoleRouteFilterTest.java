package routes.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The routes an instance of each role creates from the hub's own route files, loaded as Camel main
 * loads them (camel.main.routes-include-pattern) into a context that is never started.
 */
class RoleRouteFilterTest {

    private static final Set<String> EVERY_INSTANCE =
            Set.of("announce-user-change", "announce-category-change", "announce-template-change",
                    "announce-cancellation", "cache-invalidation", "queue-depth", "held-rows", "dependency-checks");

    private static final Set<String> API = Set.of("intake-rest", "intake-kafka", "accept", "user-upsert", "user-get",
            "device-register", "device-delete", "preferences-put", "preferences-get", "notification-status",
            "respond-json", "respond-empty", "dead-letter-list", "dead-letter-replay", "delivery-event", "click-redirect",
            "stats", "client-create", "client-list", "client-get", "client-limits", "client-delete", "key-issue",
            "key-list", "key-revoke", "audit-list", "user-erase", "category-put", "category-get", "category-list",
            "template-save", "template-get", "template-list", "template-retire", "template-preview",
            "notification-cancel");

    private static final Set<String> WORKER = Set.of("fan-out", "fan-out-bulk", "fan-out-batch", "route-by-provider", "deliver-apns", "deliver-fcm",
            "deliver-sms", "deliver-email", "deliver-apns-bulk", "deliver-fcm-bulk", "deliver-sms-bulk",
            "deliver-email-bulk", "send-email-request",
            "send-sms-request", "sms-primary", "sms-secondary", "retry-apns", "retry-fcm",
            "retry-sms", "retry-email", "dead-letters", "alert-operator", "retention", "erased-users", "release-deferred",
            "release-due-deliveries", "release-scheduled", "release-due-notifications", "canceled-notifications");

    private static List<RouteDefinition> routesOf(String excludedByHand, String... roles) throws Exception {
        Properties application = application();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(application);
            Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
            if (excludedByHand != null) {
                model.setRouteFilterPattern(null, excludedByHand);
            }
            new RoleRouteFilter(new RoleSettings(List.of(roles))).configure(camel);
            List<Resource> files = new ArrayList<>();
            for (String pattern : application.getProperty("camel.main.routes-include-pattern").split(",")) {
                files.addAll(PluginHelper.getPackageScanResourceResolver(camel).findResources(pattern));
            }
            PluginHelper.getRoutesLoader(camel).loadRoutes(files);
            return model.getRouteDefinitions();
        }
    }

    private static Properties application() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        return yaml.getObject();
    }

    private static Set<String> ids(List<RouteDefinition> routes) {
        // a REST endpoint whose inlined route a hand-made filter left out may be given no id at all
        return new TreeSet<>(routes.stream().map(RouteDefinition::getRouteId).filter(Objects::nonNull).toList());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.addAll(b);
        return both;
    }

    @Test
    void anApiInstanceCreatesIntakeAndTheApiAndNoWorkerRoute() throws Exception {
        assertThat(ids(routesOf(null, "api"))).isEqualTo(union(API, EVERY_INSTANCE));
    }

    @Test
    void aWorkerInstanceCreatesFanOutAndDeliveryAndNoRestEndpoint() throws Exception {
        List<RouteDefinition> routes = routesOf(null, "worker");
        assertThat(ids(routes)).isEqualTo(union(WORKER, EVERY_INSTANCE));
        assertThat(routes).noneMatch(route -> route.getInput().getEndpointUri().startsWith("rest:"));
    }

    @Test
    void anInstanceOfBothRolesCreatesEveryRoute() throws Exception {
        assertThat(ids(routesOf(null, "api", "worker"))).isEqualTo(union(union(API, WORKER), EVERY_INSTANCE));
    }

    @Test
    void aRouteFilterConfiguredByHandStillApplies() throws Exception {
        assertThat(ids(routesOf("queue-depth,user-*", "api"))).doesNotContain("queue-depth", "user-get", "user-upsert")
                .contains("accept", "cache-invalidation");
    }
}
