package routes.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.management.ManagementSettings;

/**
 * Who may call what: every request with an {@code Authorization} header has its key verified
 * (Bearer, or the password of Basic), and each endpoint asks for its scope ({@link ScopeRules}).
 * Health stays open for probes; so do the tracking links mail clients follow and the server's own
 * error page. Nothing is kept between requests: no session, no saved request, and no CSRF token,
 * as no cookie ever authenticates; Jolokia, which a browser holding an operator's Basic credentials
 * could be made to call, refuses pages of other origins ({@link CrossOriginRefusal}).
 */
@Configuration
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * No observations of Spring Security's own filters, authentication and authorization: wrapping
     * each filter of every request in one costs the intake CPU and says nothing
     * http.server.requests does not.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The chain without a handler look-up before it, which nothing in it uses. */
    @Bean
    static NoHandlerLookupBeforeSecurity noHandlerLookupBeforeSecurity() {
        return new NoHandlerLookupBeforeSecurity();
    }

    @Bean
    KeyAuthenticationProvider keyAuthenticationProvider(Callers callers) {
        return new KeyAuthenticationProvider(callers);
    }

    /**
     * A path Spring Security's firewall refuses (a {@code ..}, a {@code ;}, an encoded {@code /} or
     * {@code .}), which no endpoint has, is the client's error: 400, problem+json from the error page.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return new HttpStatusRequestRejectedHandler();
    }

    /**
     * The firewall's checks, before the chain: the chain parses the path for its matchers first,
     * which fails with 500 for a path that is not normalised (/actuator/health/../jolokia) under
     * a servlet of its own, as Jolokia's is.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> firewallFirst(RequestRejectedHandler rejected) {
        HttpFirewall firewall = new StrictHttpFirewall();
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                try {
                    firewall.getFirewalledRequest(request);
                } catch (RequestRejectedException refused) {
                    rejected.handle(request, response, refused);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    SecurityFilterChain clientsAndScopes(HttpSecurity http, KeyAuthenticationProvider provider,
            ManagementSettings management, ObjectMapper json) throws Exception {
        var problems = new SecurityProblems(json);
        var keys = new AuthenticationFilter(new ProviderManager(provider),
                request -> KeyAuthentication.presented(request.getHeader(HttpHeaders.AUTHORIZATION)));
        // the routes run on another thread than this filter: they find the caller on the request
        keys.setSuccessHandler((request, response, authentication) ->
                request.setAttribute(Caller.ATTRIBUTE, authentication.getPrincipal()));
        // a key that could not be checked (the database away) is answered too, 503, not thrown as a 500
        var failures = new AuthenticationEntryPointFailureHandler(problems);
        failures.setRethrowAuthenticationServiceException(false);
        keys.setFailureHandler(failures);
        if (management.open()) {
            log.warn("notify.management.open is true: Hawtio (/actuator/hawtio), Jolokia and metrics answer "
                    + "without an API key. Never expose this instance.");
        }
        return http
                // The routes answer on another thread once the chain has returned (platform-http is
                // asynchronous): security headers written after the chain would race the route's
                // own writing of the response, so they are written before it.
                .headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <F extends HeaderWriterFilter> F postProcess(F filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                // no cookie authenticates, but a browser sends an operator's Basic credentials for
                // /actuator by itself: Jolokia refuses other origins' pages instead of CSRF tokens
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterAt(new CrossOriginRefusal(json), CorsFilter.class)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(keys, AnonymousAuthenticationFilter.class)
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // an error page of a request that was already let through
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(ScopeRules.path(null, "/actuator/health"),
                            ScopeRules.path(null, "/actuator/health/**")).permitAll();
                    if (management.open()) {
                        requests.requestMatchers(ScopeRules.path(null, "/actuator/**")).permitAll();
                    }
                    for (ScopeRules.Rule rule : ScopeRules.RULES) {
                        requests.requestMatchers(rule.matcher()).hasAnyAuthority(rule.authorities());
                    }
                    // any client hears 404 or 405 for a path or method the API does not have
                    requests.requestMatchers(ScopeRules.path(null, "/api/**")).authenticated();
                    requests.anyRequest().permitAll();
                })
                .build();
    }
}
