package routes.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a client may do. {@code send}: notifications (sending and canceling its own), their status,
 * delivery events and stats,
 * and reading categories;
 * {@code users:read} and {@code users:write}: users, devices and preferences (erasing a user
 * asks for {@code users:write}); {@code templates}: saving and retiring templates (reading and
 * previewing them also takes {@code send}, whose notifications name them); {@code admin}: dead letters,
 * clients and keys, categories (their caps and quiet-hours bypass hold for every client's
 * notifications: policy, not content), the sandbox, and everything under /actuator but health.
 */
public enum Scope {
    SEND("send"), USERS_READ("users:read"), USERS_WRITE("users:write"), TEMPLATES("templates"), ADMIN("admin");

    private static final String AUTHORITY_PREFIX = "SCOPE_";

    private final String wire;
    private final GrantedAuthority authority;

    Scope(String wire) {
        this.wire = wire;
        this.authority = new SimpleGrantedAuthority(AUTHORITY_PREFIX + wire);
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The Spring Security authority a caller holding this scope is granted. */
    public String authority() {
        return authority.getAuthority();
    }

    /** The same authority as Spring Security holds it, made once: every request's caller is granted it anew. */
    public GrantedAuthority granted() {
        return authority;
    }

    /** The scope an authority stands for, or null for an authority that is not a scope. */
    public static Scope ofAuthority(String authority) {
        return authority.startsWith(AUTHORITY_PREFIX) ? of(authority.substring(AUTHORITY_PREFIX.length())) : null;
    }

    @JsonCreator
    public static Scope of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + wire + "', expected one of "
                        + Arrays.stream(values()).map(Scope::wire).collect(Collectors.joining(", "))));
    }
}
