package routes.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The request's own thread waits for its route's answer. platform-http's handler runs the route on
 * a task executor and returns a future that completes once the route has written the response;
 * Spring MVC would take such a future as asynchronous and finish the request with a second dispatch
 * through Tomcat's filters and the DispatcherServlet, about a tenth of a single notification's CPU
 * (docs/performance.md), only to find the response written. Request threads are virtual, so waiting
 * here costs none of that. A route that has not answered within the request timeout
 * (spring.mvc.async.request-timeout) is answered 503 by {@link RequestTimeouts}, as before; its late
 * answer is dropped, and one that had not started by then is not run at all.
 */
final class RouteAnswers implements HandlerMethodReturnValueHandler {

    private final Duration timeout;

    RouteAnswers(Duration timeout) {
        this.timeout = timeout;
    }

    /** Puts this before Spring MVC's own handlers, whose asynchronous one would take the future. */
    static void firstIn(RequestMappingHandlerAdapter adapter, Duration timeout) {
        var handlers = new ArrayList<HandlerMethodReturnValueHandler>();
        handlers.add(new RouteAnswers(timeout));
        handlers.addAll(adapter.getReturnValueHandlers());
        adapter.setReturnValueHandlers(handlers);
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return returnType.getDeclaringClass() == SpringBootPlatformHttpConsumer.class
                && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest) throws Exception {
        var future = (CompletableFuture<?>) returnValue;
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            // a route not yet started never starts: its client has its answer, and an overloaded hub
            // has no time for work nobody waits for
            future.cancel(false);
            throw new AsyncRequestTimeoutException();
        }
        mavContainer.setRequestHandled(true);
    }
}
