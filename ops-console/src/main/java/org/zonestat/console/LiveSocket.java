package org.zonestat.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.zonestat.geo.ZoneCatalog;

/**
 * The {@code /ws/live} endpoint. A connected client receives nothing until it sends a {@code
 * subscribe} message:
 *
 * <pre>{@code
 * {"type": "subscribe",
 *  "zones": {"focus-zones": ["Eastern"]},         // optional: layer id -> zone names
 *  "kinds": ["SHOOTING", "HOMICIDE"],             // optional: event kinds
 *  "messages": ["event", "alert", "halo", "cell"], // optional: item message types
 *  "resume": {"streamId": "...", "afterSeq": 42}}  // optional: where it left off
 * }</pre>
 *
 * The server answers with a {@code snapshot} (or, for a resume it can serve, {@code resumed} and
 * the missed messages) and then pushes every matching item that the client's role may see. A new
 * {@code subscribe} replaces the previous one. A message the server cannot use gets an {@code
 * error} message naming the problem; the previous subscription stays.
 *
 * <p>Access: {@code ?token=} of a dispatcher, analyst or admin; {@link Access} refuses the upgrade
 * otherwise (401, or 403 for the public role). The token is checked again on connect so that a
 * client can never be subscribed without one (closed with 1008, policy violation, before any data).
 *
 * <p>Thread-safe.
 */
public final class LiveSocket implements RouteGroup {
    /** The endpoint's path. */
    public static final String PATH = "/ws/live";

    /** Applies subscriptions that arrived sooner than the snapshot interval allows (daemon). */
    private static final ScheduledExecutorService DEFERRED =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread t = new Thread(runnable, "zonestat-ws-subscribe");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * The threads that write to the clients' sockets (daemons, shared by every console of the JVM):
     * the hub only queues on its Kafka consumer thread, and these start each client's sends.
     */
    private static final Executor SENDERS =
            Executors.newFixedThreadPool(
                    Math.max(2, Runtime.getRuntime().availableProcessors()),
                    runnable -> {
                        Thread t = new Thread(runnable, "zonestat-ws-send");
                        t.setDaemon(true);
                        return t;
                    });

    private final LiveEventHub hub;
    private final Access access;
    private final ConsoleConfig config;
    private final ConsoleLimits limits;
    private final Supplier<ZoneCatalog> catalog;
    private final ObjectMapper mapper = ConsoleJson.newMapper();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /**
     * One connection: its send queue, its role, its limits, its current hub subscription and the
     * subscription waiting for the snapshot interval to pass. Guarded by its own lock.
     */
    private static final class Client {
        final ClientOutbox outbox;
        final Role role;
        final SocketLimiter limiter;
        private LiveEventHub.Subscription subscription;
        private Pending pending;
        private boolean scheduled;
        private boolean closed;

        Client(ClientOutbox outbox, Role role, SocketLimiter limiter) {
            this.outbox = outbox;
            this.role = role;
            this.limiter = limiter;
        }

        synchronized void replace(LiveEventHub.Subscription next) {
            if (subscription != null) {
                subscription.close();
            }
            subscription = next;
        }
    }

    /** A checked subscription not yet applied. */
    private record Pending(LiveSubscription served, LiveEventHub.ResumePoint resume) {}

    /**
     * @param hub the live items to push
     * @param access checks each client's token
     * @param config ping interval and per-client queue limit
     * @param catalog the layers subscriptions may name, as they are now
     */
    public LiveSocket(
            LiveEventHub hub, Access access, ConsoleConfig config, Supplier<ZoneCatalog> catalog) {
        this(hub, access, config, ConsoleLimits.defaults(), catalog);
    }

    /**
     * @param limits message sizes and rates per socket, snapshot interval
     */
    public LiveSocket(
            LiveEventHub hub,
            Access access,
            ConsoleConfig config,
            ConsoleLimits limits,
            Supplier<ZoneCatalog> catalog) {
        this.hub = hub;
        this.access = access;
        this.config = config;
        this.limits = limits;
        this.catalog = catalog;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        // Pings keep idle clients open; a client that stops answering is dropped.
        Duration idleTimeout = config.pingInterval().multipliedBy(3);
        cfg.jetty.modifyWebSocketServletFactory(
                ws -> {
                    ws.setIdleTimeout(idleTimeout);
                    // Larger messages are refused by Jetty with 1009 before they are buffered.
                    ws.setMaxTextMessageSize(limits.maxSocketMessageBytes());
                    ws.setMaxBinaryMessageSize(limits.maxSocketMessageBytes());
                });
        cfg.routes.ws(
                PATH,
                this::configure,
                Access.staff("the %s role does not receive live events (exact locations)"));
    }

    private void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onClose(this::disconnect);
        ws.onError(this::disconnect);
        ws.onMessage(this::message);
        // Every client message is JSON text; binary is refused rather than silently dropped.
        ws.onBinaryMessage(
                ctx ->
                        ctx.closeSession(
                                StatusCode.BAD_DATA,
                                "binary messages are not accepted: send JSON text"));
    }

    private void connect(WsConnectContext ctx) {
        Optional<Role> role = access.roleOf(ctx.queryParam("token"));
        if (role.isEmpty() || !role.get().mayWatchLive()) {
            ctx.closeSession(
                    StatusCode.POLICY_VIOLATION,
                    "missing or invalid token, or a role without live events");
            return;
        }
        ctx.enableAutomaticPings(config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        ClientOutbox outbox =
                new ClientOutbox(
                        ctx.sessionId(),
                        new JettyTransport(ctx.session),
                        config.clientQueueLimit(),
                        SENDERS);
        clients.put(
                ctx.sessionId(),
                new Client(
                        outbox,
                        role.get(),
                        new SocketLimiter(
                                limits.socketMessagesPerSecond(),
                                limits.socketMessageBurst(),
                                limits.snapshotInterval(),
                                System.nanoTime())));
    }

    private void message(WsMessageContext ctx) {
        Client client = clients.get(ctx.sessionId());
        if (client == null) {
            return;
        }
        synchronized (client) {
            if (client.closed) {
                return;
            }
            if (!client.limiter.tryMessage(System.nanoTime())) {
                client.closed = true;
                ctx.closeSession(
                        StatusCode.POLICY_VIOLATION,
                        String.format(
                                Locale.ROOT,
                                "too many messages: at most %s a second, in bursts of %d",
                                limits.socketMessagesPerSecond(),
                                limits.socketMessageBurst()));
                return;
            }
        }
        String text = ctx.message();
        try {
            if (text.length() > limits.maxSocketMessageBytes()) {
                throw new IllegalArgumentException(
                        "message too long: "
                                + text.length()
                                + " characters, at most "
                                + limits.maxSocketMessageBytes());
            }
            JsonNode json = mapper.readTree(text);
            if (json == null
                    || !json.isObject()
                    || !"subscribe".equals(json.path("type").asText())) {
                throw new IllegalArgumentException(
                        "expected an object with \"type\": \"subscribe\"");
            }
            LiveSubscription asked = LiveSubscription.parse(json, catalog.get());
            LiveEventHub.ResumePoint resume = resumePoint(json.path("resume"));
            subscribe(client, new Pending(asked.forRole(client.role), resume));
        } catch (JsonProcessingException e) {
            client.outbox.deliver(error("not JSON: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            client.outbox.deliver(error(e.getMessage()));
        }
    }

    /**
     * Applies a subscription now, or once the snapshot interval has passed since the last one
     * (subscriptions sent in between replace each other: the latest is applied).
     */
    private void subscribe(Client client, Pending next) {
        synchronized (client) {
            client.pending = next;
            long delay = client.limiter.snapshotDelay(System.nanoTime());
            if (delay == 0) {
                applyPending(client);
            } else if (!client.scheduled) {
                client.scheduled = true;
                DEFERRED.schedule(
                        () -> {
                            synchronized (client) {
                                client.scheduled = false;
                                applyPending(client);
                            }
                        },
                        delay,
                        TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Under the client's lock. */
    private void applyPending(Client client) {
        Pending p = client.pending;
        if (p == null || client.closed) {
            return;
        }
        client.pending = null;
        client.replace(null);
        client.replace(
                hub.subscribe(
                        client.outbox, p.served().visibleTo(client.role), p.served(), p.resume()));
        client.limiter.snapshotSent(System.nanoTime());
    }

    private static LiveEventHub.ResumePoint resumePoint(JsonNode resume) {
        if (resume.isMissingNode() || resume.isNull()) {
            return null;
        }
        if (!resume.path("streamId").isTextual()
                || !resume.path("afterSeq").canConvertToLong()
                || resume.path("afterSeq").asLong() < 0) {
            throw new IllegalArgumentException(
                    "'resume' must be {\"streamId\": <string>, \"afterSeq\": <number >= 0>}");
        }
        return new LiveEventHub.ResumePoint(
                resume.path("streamId").asText(), resume.path("afterSeq").asLong());
    }

    private String error(String reason) {
        try {
            return mapper.writerFor(LiveMessage.class)
                    .writeValueAsString(new LiveMessage.Error(reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an error message", e);
        }
    }

    private void disconnect(WsContext ctx) {
        Client client = clients.remove(ctx.sessionId());
        if (client != null) {
            synchronized (client) {
                client.closed = true;
                client.pending = null;
            }
            client.replace(null);
            client.outbox.close();
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
