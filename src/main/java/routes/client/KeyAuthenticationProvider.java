package routes.client;

import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.Authentication;

/** Verifies a presented key: unknown and revoked keys alike are not valid; an expired one says so. */
class KeyAuthenticationProvider implements AuthenticationProvider {

    private final Callers callers;

    KeyAuthenticationProvider(Callers callers) {
        this.callers = callers;
    }

    /**
     * An issued key not kept in memory is read from the database; with the database away that is
     * no verdict on the key: the failure is carried to {@link SecurityProblems} as such.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        Caller caller;
        try {
            caller = callers.of((String) authentication.getCredentials())
                    .orElseThrow(() -> new BadCredentialsException("The API key is not valid"));
        } catch (DataAccessException e) {
            throw new AuthenticationServiceException("The API key could not be checked", e);
        }
        if (caller.expiredAt(Instant.now())) {
            throw new CredentialsExpiredException("The API key has expired");
        }
        return KeyAuthentication.verified(caller);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return KeyAuthentication.class.isAssignableFrom(authentication);
    }
}
