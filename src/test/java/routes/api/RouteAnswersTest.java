package routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** A route's answer is awaited on the request's thread, never through a second, asynchronous dispatch. */
class RouteAnswersTest {

    private final RouteAnswers answers = new RouteAnswers(Duration.ofMillis(50));
    private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/notifications"));

    @Test
    void takesPlatformHttpsFutureOnly() throws Exception {
        var service = SpringBootPlatformHttpConsumer.class.getMethod("service", HttpServletRequest.class, HttpServletResponse.class);
        var other = CompletableFuture.class.getMethod("supplyAsync", Supplier.class);

        assertThat(answers.supportsReturnType(new MethodParameter(service, -1))).isTrue();
        assertThat(answers.supportsReturnType(new MethodParameter(other, -1))).isFalse();
    }

    @Test
    void anAnsweredRouteIsTheRequestHandled() throws Exception {
        var mav = new ModelAndViewContainer();

        answers.handleReturnValue(CompletableFuture.completedFuture(null), null, mav, request);

        assertThat(mav.isRequestHandled()).isTrue();
        assertThat(request.getRequest().isAsyncStarted()).isFalse();
    }

    @Test
    void aRouteSlowerThanTheTimeoutIsATimedOutRequest() {
        var mav = new ModelAndViewContainer();

        assertThatThrownBy(() -> answers.handleReturnValue(new CompletableFuture<Void>(), null, mav, request))
                .isInstanceOf(AsyncRequestTimeoutException.class);
        assertThat(mav.isRequestHandled()).isFalse();
    }

    @Test
    void aRouteStillWaitingForAThreadWhenItsRequestTimedOutNeverRuns() {
        var queued = new ArrayList<Runnable>();
        var ran = new AtomicBoolean();
        var future = CompletableFuture.runAsync(() -> ran.set(true), queued::add);

        assertThatThrownBy(() -> answers.handleReturnValue(future, null, new ModelAndViewContainer(), request))
                .isInstanceOf(AsyncRequestTimeoutException.class);
        queued.forEach(Runnable::run);

        assertThat(ran).isFalse();
    }

    @Test
    void comesBeforeSpringMvcsAsynchronousHandler() {
        var context = new StaticApplicationContext();
        context.refresh();
        var adapter = new RequestMappingHandlerAdapter();
        adapter.setApplicationContext(context);
        adapter.afterPropertiesSet();

        RouteAnswers.firstIn(adapter, Duration.ofSeconds(10));

        assertThat(adapter.getReturnValueHandlers().getFirst()).isInstanceOf(RouteAnswers.class);
        assertThat(adapter.getReturnValueHandlers()).hasSizeGreaterThan(1);
    }
}
