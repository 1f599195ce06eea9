package routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The hub's JSON: emoji as UTF-8 bytes, buffers shared by every thread. */
class JsonConfigTest {

    private final ObjectMapper json = mapper();

    private static ObjectMapper mapper() {
        var builder = new Jackson2ObjectMapperBuilder();
        new JsonConfig().utf8EmojiAndSharedBuffers().customize(builder);
        return builder.build();
    }

    @Test
    void writesAnEmojiAsItsUtf8Bytes() throws Exception {
        byte[] written = json.writeValueAsBytes(Map.of("body", "\uD83D\uDE80"));

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"body\":\"\uD83D\uDE80\"}");
    }

    @Test
    void aRequestsVirtualThreadReusesTheBuffersAnotherThreadGaveBack() throws Exception {
        var pool = json.getFactory()._getRecyclerPool();
        BufferRecycler released = pool.acquirePooled();
        pool.releasePooled(released);
        var reused = new AtomicReference<BufferRecycler>();

        Thread.ofVirtual().start(() -> reused.set(pool.acquirePooled())).join();

        assertThat(reused.get()).isSameAs(released);
    }
}
