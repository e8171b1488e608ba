package org.zonestat.console;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code /ws/live} endpoint: subscribes each connected client to the {@link LiveEventHub}
 * through its own {@link ClientOutbox} and unsubscribes it when the connection ends. Messages the
 * client sends are ignored.
 *
 * <p>The token was already checked before the upgrade; it is checked again here so that a client
 * can never be subscribed without one (closed with 1008, policy violation, before any data).
 *
 * <p>Thread-safe.
 */
final class LiveSocket {
    private final LiveEventHub hub;
    private final AccessTokens tokens;
    private final ConsoleConfig config;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    private record Client(ClientOutbox outbox, LiveEventHub.Subscription subscription) {}

    LiveSocket(LiveEventHub hub, AccessTokens tokens, ConsoleConfig config) {
        this.hub = hub;
        this.tokens = tokens;
        this.config = config;
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onClose(this::disconnect);
        ws.onError(this::disconnect);
        ws.onMessage(ctx -> {});
    }

    private void connect(WsConnectContext ctx) {
        java.util.Optional<Role> role = tokens.roleOf(ctx.queryParam("token"));
        if (role.isEmpty() || !role.get().mayWatchLive()) {
            ctx.closeSession(StatusCode.POLICY_VIOLATION, "missing or invalid token, or a role without live events");
            return;
        }
        ctx.enableAutomaticPings(config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        ClientOutbox outbox =
                new ClientOutbox(
                        ctx.sessionId(),
                        new JettyTransport(ctx.session),
                        config.clientQueueLimit());
        clients.put(ctx.sessionId(), new Client(outbox, hub.subscribe(outbox, role.get()::maySee)));
    }

    private void disconnect(WsContext ctx) {
        Client client = clients.remove(ctx.sessionId());
        if (client != null) {
            client.subscription().close();
            client.outbox().close();
        }
    }

    /** Sends through Jetty's asynchronous WebSocket API. */
    private record JettyTransport(Session session) implements ClientOutbox.Transport {
        @Override
        public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
            session.sendText(text, Callback.from(onSent, onFailed));
        }

        @Override
        public void close(int statusCode, String reason) {
            session.close(statusCode, reason, Callback.NOOP);
        }
    }
}
