package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import routes.support.HubTest;

/** The embedded default, with its development key and open console, is reachable from this machine only. */
class ListenAddressTest extends HubTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void theEmbeddedDefaultListensOnLoopbackOnly() {
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat((InetAddress) connector.getProperty("address")).satisfies(address ->
                assertThat(address.isLoopbackAddress()).as("%s is loopback", address).isTrue());
    }
}
