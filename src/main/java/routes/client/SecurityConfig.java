package routes.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import routes.management.ManagementSettings;

/**
 * Who may call what: every request with an {@code Authorization} header has its key verified
 * (Bearer, or the password of Basic), and each endpoint asks for its scope ({@link ScopeRules}).
 * Health stays open for probes; so do the tracking links mail clients follow and the server's own
 * error page. Nothing is kept between requests: no session, no saved request, and no CSRF token,
 * as no cookie ever authenticates.
 */
@Configuration
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    KeyAuthenticationProvider keyAuthenticationProvider(Callers callers) {
        return new KeyAuthenticationProvider(callers);
    }

    @Bean
    SecurityFilterChain clientsAndScopes(HttpSecurity http, KeyAuthenticationProvider provider,
            ManagementSettings management, ObjectMapper json) throws Exception {
        var problems = new SecurityProblems(json);
        var keys = new AuthenticationFilter(new ProviderManager(provider),
                request -> KeyAuthentication.presented(request.getHeader(HttpHeaders.AUTHORIZATION)));
        keys.setSuccessHandler((request, response, authentication) -> {});
        keys.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        if (management.open()) {
            log.warn("notify.management.open is true: Hawtio (/actuator/hawtio), Jolokia and metrics answer "
                    + "without an API key. Never expose this instance.");
        }
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(keys, AnonymousAuthenticationFilter.class)
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // an error page or an async completion of a request that was already let through
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    requests.requestMatchers(ScopeRules.path(null, "/actuator/health"),
                            ScopeRules.path(null, "/actuator/health/**")).permitAll();
                    if (management.open()) {
                        requests.requestMatchers(ScopeRules.path(null, "/actuator/**")).permitAll();
                    }
                    for (ScopeRules.Rule rule : ScopeRules.RULES) {
                        requests.requestMatchers(rule.matcher()).hasAuthority(rule.scope().authority());
                    }
                    // any client hears 404 or 405 for a path or method the API does not have
                    requests.requestMatchers(ScopeRules.path(null, "/api/**")).authenticated();
                    requests.anyRequest().permitAll();
                })
                .build();
    }
}
