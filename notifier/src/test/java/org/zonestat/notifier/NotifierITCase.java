package org.zonestat.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zonestat.kafka.EmbeddedKafkaExtension;
import org.zonestat.topics.Topics;

/**
 * The notifier against a real broker, a real SMTP server (GreenMail) and a real HTTP server: one
 * message per closure whatever repeats and restarts, retries with backoff, dead letters without
 * contact details, webhooks with idempotency keys.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotifierITCase {
    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GreenMail smtp;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private static Topics topics(String suffix) {
        Topics t = Topics.defaults().withSuffix("." + suffix);
        KAFKA.broker().createTopics(t.newTopics(1, (short) 1));
        return t;
    }

    private static NotifierSettings settings(Topics t, DeliveryChannel... channels) {
        return NotifierSettings.defaults(KAFKA.bootstrapServers(), List.of(channels))
                .withTopics(t)
                .withGroupId("notifier-" + t.notifications())
                .withRetries(3, Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private static EmailChannel email() {
        return new EmailChannel(
                EmailChannel.Smtp.plain("127.0.0.1", smtp.getSmtp().getPort(), "311@city.test"));
    }

    private static String closure(String request, String closedAt) {
        return "{\"notificationId\":\"close-loop/"
                + request
                + "/"
                + closedAt
                + "\",\"requestId\":\""
                + request
                + "\",\"type\":\"SW-Dirty Alley\",\"outcome\":\"Closed\","
                + "\"createdAt\":\"2019-10-16T14:00:00Z\",\"closedAt\":\""
                + closedAt
                + "\",\"daysOpen\":2.0,\"dueAt\":\"2019-10-23T14:00:00Z\",\"metDueDate\":true,"
                + "\"reopenedBefore\":false,\"channel\":\"email\",\"zones\":{}}";
    }

    private static void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, key, value));
        }
    }

    private static List<String> messagesTo(String address) {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    out.add(m.getSubject());
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> readAll(String topic) {
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<JsonNode> out = new ArrayList<>();
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        out.add(JSON.readTree(r.value()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return out;
        }
    }

    @Test
    void a_closure_is_mailed_once_even_when_the_notification_repeats_and_the_notifier_restarts()
            throws Exception {
        Topics t = topics("once");
        send(
                t.contacts(),
                "ZS-ONCE",
                "{\"requestId\":\"ZS-ONCE\",\"email\":\"once@resident.test\",\"firstName\":\"Ada\","
                        + "\"givenAt\":\"2019-10-16T14:00:00Z\"}");
        send(t.notifications(), "n1", closure("ZS-ONCE", "2019-10-18T14:00:00Z"));
        try (Notifier notifier = new Notifier(settings(t, email())).start()) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> messagesTo("once@resident.test").size() == 1);
            send(t.notifications(), "n1", closure("ZS-ONCE", "2019-10-18T14:00:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> notifier.stats().skipped() == 1);
        }
        send(t.notifications(), "n1", closure("ZS-ONCE", "2019-10-18T14:00:00Z"));
        try (Notifier restarted = new Notifier(settings(t, email())).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.stats().skipped() == 1);
            assertThat(restarted.stats().delivered()).isZero();
        }
        assertThat(messagesTo("once@resident.test"))
                .containsExactly("Your 311 request ZS-ONCE is closed");
        MimeMessage m =
                java.util.Arrays.stream(smtp.getReceivedMessages())
                        .filter(x -> subject(x).contains("ZS-ONCE"))
                        .findFirst()
                        .orElseThrow();
        assertThat(m.getMessageID())
                .isEqualTo("<close-loop.ZS-ONCE.2019-10-18T14.00.00Z@zonestat>");
        assertThat(new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains(
                        "Hello Ada,",
                        "Your 311 request ZS-ONCE (SW-Dirty Alley) was closed on Friday, October 18, 2019");
        List<JsonNode> deliveries = readAll(t.deliveries());
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).path("outcome").asText()).isEqualTo("delivered");
        assertThat(deliveries.get(0).toString()).doesNotContain("once@resident.test");
    }

    @Test
    void a_closure_of_a_request_without_contact_sends_nothing() throws Exception {
        Topics t = topics("nocontact");
        send(t.notifications(), "n2", closure("ZS-NONE", "2019-10-18T14:00:00Z"));
        int before = smtp.getReceivedMessages().length;
        try (Notifier notifier = new Notifier(settings(t, email())).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> notifier.stats().skipped() == 1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(before);
        assertThat(readAll(t.deliveries())).isEmpty();
    }

    @Test
    void a_relay_that_never_answers_gets_three_tries_then_a_dead_letter_without_the_address()
            throws Exception {
        Topics t = topics("dead");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        send(
                t.contacts(),
                "ZS-DEAD",
                "{\"requestId\":\"ZS-DEAD\",\"email\":\"dead@resident.test\",\"phone\":\"410 555 0101\","
                        + "\"givenAt\":\"2019-10-16T14:00:00Z\"}");
        send(t.notifications(), "n3", closure("ZS-DEAD", "2019-10-18T14:00:00Z"));
        EmailChannel down =
                new EmailChannel(EmailChannel.Smtp.plain("127.0.0.1", closedPort, "311@city.test"));
        try (Notifier notifier = new Notifier(settings(t, down)).start()) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> notifier.stats().deadLettered() == 1);
        }
        List<JsonNode> dead = readAll(t.deadLetters());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get(0).path("permanent").asBoolean()).isFalse();
        assertThat(dead.get(0).path("notificationId").asText())
                .isEqualTo("close-loop/ZS-DEAD/2019-10-18T14:00:00Z");
        assertThat(dead.get(0).toString()).doesNotContain("dead@resident.test", "410 555 0101");
        assertThat(readAll(t.deliveries()).get(0).path("outcome").asText())
                .isEqualTo("dead-letter");
    }

    @Test
    void a_webhook_is_retried_on_5xx_with_one_idempotency_key_and_a_4xx_is_dead_lettered_at_once()
            throws Exception {
        Topics t = topics("webhook");
        AtomicInteger calls = new AtomicInteger();
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/sms",
                ex -> {
                    bodies.add(
                            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
                    boolean refused = bodies.get(bodies.size() - 1).contains("ZS-BAD");
                    int status = refused ? 400 : calls.incrementAndGet() == 1 ? 503 : 202;
                    ex.sendResponseHeaders(status, -1);
                    ex.close();
                });
        server.start();
        try {
            WebhookChannel webhook =
                    new WebhookChannel(
                            URI.create(
                                    "http://127.0.0.1:" + server.getAddress().getPort() + "/sms"),
                            "s3cret");
            for (String id : List.of("ZS-SMS", "ZS-BAD")) {
                send(
                        t.contacts(),
                        id,
                        "{\"requestId\":\""
                                + id
                                + "\",\"phone\":\"+1 410 555 0199\","
                                + "\"givenAt\":\"2019-10-16T14:00:00Z\"}");
                send(t.notifications(), id, closure(id, "2019-10-18T14:00:00Z"));
            }
            try (Notifier notifier = new Notifier(settings(t, email(), webhook)).start()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        notifier.stats().delivered() == 1
                                                && notifier.stats().deadLettered() == 1);
            }
        } finally {
            server.stop(0);
        }
        assertThat(keys)
                .containsExactly(
                        "close-loop/ZS-SMS/2019-10-18T14:00:00Z",
                        "close-loop/ZS-SMS/2019-10-18T14:00:00Z",
                        "close-loop/ZS-BAD/2019-10-18T14:00:00Z");
        assertThat(bodies.get(0)).contains("\"phone\":\"+1 410 555 0199\"");
        JsonNode dead = readAll(t.deadLetters()).get(0);
        assertThat(dead.path("permanent").asBoolean()).isTrue();
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("lastError").asText()).isEqualTo("the webhook answered 400");
    }
}
