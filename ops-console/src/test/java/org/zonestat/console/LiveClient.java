package org.zonestat.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /ws/live} client on {@link java.net.http.WebSocket} that parses and keeps every message.
 */
final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = ConsoleJson.newMapper();

    private final List<LiveMessage> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    /** Connects and waits (bounded) for the handshake; throws if the upgrade is refused. */
    static LiveClient connect(int port, String token) throws Exception {
        LiveClient client = new LiveClient();
        String query = token == null ? "" : "?token=" + token;
        client.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(
                                URI.create("ws://127.0.0.1:" + port + "/ws/live" + query), client)
                        .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Connects and subscribes to everything the token's role may see. */
    static LiveClient subscribed(int port, String token) throws Exception {
        LiveClient client = connect(port, token);
        client.send("{\"type\":\"subscribe\"}");
        return client;
    }

    /** Sends one text message and waits (bounded) until it is written. */
    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Closes abruptly (no close handshake), like a dropped network connection. */
    void abort() {
        socket.abort();
    }

    /** The largest {@code seq} of any item message received, or the snapshot's lastSeq. */
    long lastSeq() {
        long last = 0;
        for (LiveMessage m : messages) {
            last = Math.max(last, seqOf(m));
        }
        return last;
    }

    static long seqOf(LiveMessage m) {
        if (m instanceof LiveMessage.Snapshot s) {
            return s.lastSeq();
        } else if (m instanceof LiveMessage.Event e) {
            return e.seq();
        } else if (m instanceof LiveMessage.Alert a) {
            return a.seq();
        } else if (m instanceof LiveMessage.Halo h) {
            return h.seq();
        } else if (m instanceof LiveMessage.Cell c) {
            return c.seq();
        }
        return 0;
    }

    /** The messages of one type, in arrival order. */
    <T extends LiveMessage> List<T> messages(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                messages.add(JSON.readValue(text, LiveMessage.class));
            } catch (JsonProcessingException e) {
                throw new AssertionError("unreadable live message: " + text, e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Completes with the close code the server sent (exceptionally on an I/O error). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    List<LiveMessage> messages() {
        return List.copyOf(messages);
    }

    /** The events of all {@code event} messages, in arrival order. */
    List<LiveMessage.Event> events() {
        return messages.stream()
                .filter(LiveMessage.Event.class::isInstance)
                .map(LiveMessage.Event.class::cast)
                .toList();
    }

    List<String> liveEventIds() {
        return events().stream().map(e -> e.event().eventId()).toList();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
