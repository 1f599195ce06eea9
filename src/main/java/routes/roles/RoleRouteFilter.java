package routes.roles;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One jar, several roles: the routes of a role this instance lacks become Camel main's
 * {@code camel.main.route-filter-exclude-pattern}, so they are never created (no consumer joins
 * their topics, no REST endpoint answers). An exclude pattern configured by hand is kept.
 */
public class RoleRouteFilter implements EnvironmentPostProcessor {

    static final String EXCLUDE = "camel.main.route-filter-exclude-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        RoleSettings settings = Binder.get(environment).bind("notify", RoleSettings.class).orElse(null);
        if (settings == null || settings.roleRoutes() == null) {
            return;
        }
        String excluded = settings.excludedRoutes();
        String configured = environment.getProperty(EXCLUDE, "");
        String pattern = configured.isEmpty() ? excluded : excluded.isEmpty() ? configured : configured + "," + excluded;
        if (!pattern.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("notify-roles", Map.of(EXCLUDE, pattern)));
        }
    }
}
