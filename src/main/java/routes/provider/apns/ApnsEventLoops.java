package routes.provider.apns;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Netty threads APNs connections run on. Owned here rather than by Pushy, which would shut
 * its own down with Netty's defaults (a 2 s quiet period, up to 15 s) and hold up every stop.
 */
@Component
public class ApnsEventLoops implements DisposableBean {

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void destroy() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
