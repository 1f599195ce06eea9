package routes.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests to Jolokia a page of another origin made, as the browser tells. */
class CrossOriginRefusalTest {

    /** A request to the hub at http://hub.internal:8080, with these headers (an empty value: none). */
    private static MockHttpServletRequest request(String origin, String fetchSite) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/jolokia");
        request.setScheme("http");
        request.setServerName("hub.internal");
        request.setServerPort(8080);
        if (!origin.isEmpty()) {
            request.addHeader("Origin", origin);
        }
        if (!fetchSite.isEmpty()) {
            request.addHeader(CrossOriginRefusal.FETCH_SITE, fetchSite);
        }
        return request;
    }

    @ParameterizedTest(name = "Origin {0}, Sec-Fetch-Site {1}: another origin''s page {2}")
    @CsvSource({
            "https://evil.example, '', true",
            "null, '', true",
            "http://hub.internal:8081, '', true",
            "https://hub.internal:8080, '', true",
            "https://evil.example, cross-site, true",
            "'', cross-site, true",
            "https://evil.internal, same-site, true",
            // the browser's word wins over what the hub makes of Origin
            "http://hub.internal:8080, cross-site, true",
            "'', '', false",
            "http://hub.internal:8080, '', false",
            "http://hub.internal:8080, same-origin, false",
            "'', none, false",
            // behind a proxy that ends TLS the hub sees http; the browser knows it is the same origin
            "https://notify.example.com, same-origin, false"})
    void aPageOfAnotherOriginIsToldFromTheHubsOwnAndFromNoPage(String origin, String fetchSite, boolean another) {
        assertThat(CrossOriginRefusal.fromAnotherOrigin(request(origin, fetchSite))).isEqualTo(another);
    }

    @Test
    void onlyJolokiaIsGuarded() {
        var filter = new CrossOriginRefusal(null);
        MockHttpServletRequest console = request("https://evil.example", "cross-site");
        console.setRequestURI("/actuator/hawtio/");
        assertThat(filter.shouldNotFilter(console)).isTrue();
        assertThat(filter.shouldNotFilter(request("https://evil.example", "cross-site"))).isFalse();
    }
}
