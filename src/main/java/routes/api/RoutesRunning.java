package routes.api;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextRoutesStartedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextRoutesStoppingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Whether Camel's routes are up. The web server takes requests before Camel has started them
 * and goes on taking them while they stop; a request meanwhile finds no route, and a 404 tells its
 * client the endpoint does not exist. {@link ApiGuardFilter} answers 503 instead.
 */
public class RoutesRunning extends EventNotifierSupport {

    private volatile boolean running;

    public RoutesRunning() {
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    public boolean running() {
        return running;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelContextRoutesStartedEvent || event instanceof CamelContextRoutesStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        running = event instanceof CamelContextRoutesStartedEvent;
    }
}
