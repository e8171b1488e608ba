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
