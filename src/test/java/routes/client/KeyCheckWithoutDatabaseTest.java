package routes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;

/** An issued key read while the database is away is no verdict on the key: 503 with Retry-After, not 401 or 500. */
class KeyCheckWithoutDatabaseTest {

    @Test
    void aKeyThatCouldNotBeCheckedIsAnswered503() throws Exception {
        Callers callers = mock(Callers.class);
        when(callers.of(anyString())).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        AuthenticationServiceException unchecked = catchThrowableOfType(AuthenticationServiceException.class,
                () -> new KeyAuthenticationProvider(callers).authenticate(KeyAuthentication.presented("Bearer nk_x")));

        MockHttpServletResponse response = new MockHttpServletResponse();
        new SecurityProblems(new ObjectMapper()).commence(
                new MockHttpServletRequest("GET", "/api/v1/users/u"), response, unchecked);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("The database is unavailable");
    }
}
