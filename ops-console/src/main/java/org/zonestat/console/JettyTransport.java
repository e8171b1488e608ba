package org.zonestat.console;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@link ClientOutbox} transport through Jetty's asynchronous WebSocket API.
 *
 * <p>Thread-safe as Jetty's session is.
 *
 * @param session the client's WebSocket session
 */
public record JettyTransport(Session session) implements ClientOutbox.Transport {
    @Override
    public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
        session.sendText(text, Callback.from(onSent, onFailed));
    }

    @Override
    public void close(int statusCode, String reason) {
        session.close(statusCode, reason, Callback.NOOP);
    }
}
