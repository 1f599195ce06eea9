package routes.provider;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import routes.delivery.Delivery;

/**
 * A provider whose call is a route of routes/providers.yaml (email over camel-mail, SMS over
 * camel-http): each delivery runs through it on a thread of its own, so a batch's calls overlap as
 * far as the route allows (email's shared SMTP connections). The route answers with the receipt or
 * fails with the provider's failure.
 */
public class RouteProvider implements DeliveryProvider {

    private final String name;
    private final String breaker;
    private final String endpointUri;
    private final ProducerTemplate camel;
    private final Executor threads;

    public RouteProvider(String name, String breaker, String endpointUri, ProducerTemplate camel, Executor threads) {
        this.name = name;
        this.breaker = breaker;
        this.endpointUri = endpointUri;
        this.camel = camel;
        this.threads = threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String breaker() {
        return breaker;
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> call(delivery), threads);
    }

    private ProviderReceipt call(Delivery delivery) {
        Exchange done = camel.send(endpointUri, exchange -> {
            exchange.getIn().setBody(delivery);
            exchange.setProperty("delivery", delivery);
        });
        if (done.getException() != null) {
            throw new CompletionException(done.getException());
        }
        return done.getMessage().getBody(ProviderReceipt.class);
    }
}
