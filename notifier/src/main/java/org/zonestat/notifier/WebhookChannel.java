package org.zonestat.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zonestat.topics.ContactMessage;

/**
 * A webhook for cities with an SMS gateway: one {@code POST} of JSON {@code {notificationId,
 * requestId, phone, subject, text}} per try, with {@code Idempotency-Key: <notification id>} (the
 * gateway drops a repeat) and, when a secret is set, {@code X-ZoneStat-Signature: sha256=<HMAC of
 * the body>}.
 *
 * <p>A 2xx answer is delivered; 408, 429 and 5xx (and no answer) are worth another try; any other
 * 4xx is permanent. Thread-safe.
 */
public final class WebhookChannel implements DeliveryChannel {
    private final URI url;
    private final String secret;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param url where to post
     * @param secret the shared secret of the signature header, or null for none
     */
    public WebhookChannel(URI url, String secret) {
        this.url = Objects.requireNonNull(url, "url");
        this.secret = secret;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean reaches(ContactMessage contact) {
        return contact.phone() != null;
    }

    @Override
    public void deliver(ClosureMessage message, ContactMessage contact) throws DeliveryException {
        ObjectNode body = mapper.createObjectNode();
        body.put("notificationId", message.idempotencyKey());
        body.put("requestId", contact.requestId());
        body.put("phone", contact.phone());
        body.put("subject", message.subject());
        body.put("text", message.text());
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Idempotency-Key", message.idempotencyKey())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (secret != null) {
            request.header("X-ZoneStat-Signature", "sha256=" + hmac(bytes));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException(
                    "the webhook did not answer: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retry = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException("the webhook answered " + status, !retry);
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
