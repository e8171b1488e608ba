package org.zonestat.console.open311;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.console.community.IntakeWriter;
import org.zonestat.topics.ContactMessage;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.TopicCodec;

/**
 * Takes a checked Open311 request into ZoneStat: its first lifecycle step ({@code status: New})
 * goes to {@code requests311.raw}, where the job picks it up like any other 311 record, and the
 * resident's contact details, if any, go to the restricted {@code contacts} topic, keyed by the
 * request id, for the notifier alone. Both records are written in one Kafka transaction ({@link
 * IntakeWriter}), so neither is ever kept without the other.
 *
 * <p>The raw step carries no contact field: only {@code contactChannel} ({@code email} or {@code
 * sms}) says that the resident asked to be told. It is a {@link RawRequestStep}: {@code id}, {@code
 * source} ({@code open311}), {@code type} (the service name), {@code status}, {@code occurredAt}
 * and {@code createdAt} (now; also the record timestamp), {@code lat}, {@code lon}, and when given
 * {@code address}, {@code serviceCode}, {@code description}, {@code mediaUrl}, {@code attributes}
 * ({@code CODE=v1,v2; CODE2=v}).
 *
 * <p>Thread-safe.
 */
public final class Open311Intake {
    private final IntakeWriter writer;
    private final String requestsTopic;
    private final String contactsTopic;
    private final Clock clock;
    private final ZoneId timeZone;
    private final Supplier<String> ids;

    /** What the intake kept: the new request's id and when it is expected to be done. */
    public record Accepted(String serviceRequestId, Instant requestedAt, Instant expectedAt) {}

    /**
     * @param writer writes one submission atomically
     * @param requestsTopic {@code requests311.raw}
     * @param contactsTopic {@code contacts}
     * @param clock the time a request is taken
     * @param timeZone the city's, for the times written
     * @param ids new request ids ({@link #randomIds()})
     */
    public Open311Intake(
            IntakeWriter writer,
            String requestsTopic,
            String contactsTopic,
            Clock clock,
            ZoneId timeZone,
            Supplier<String> ids) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.requestsTopic = Objects.requireNonNull(requestsTopic, "requestsTopic");
        this.contactsTopic = Objects.requireNonNull(contactsTopic, "contactsTopic");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Ids like {@code ZS-7K2M9QX4TD}: {@code ZS-} and ten characters of Crockford's base 32 from a
     * {@link SecureRandom} (50 bits: unguessable and, in practice, never repeated).
     */
    public static Supplier<String> randomIds() {
        SecureRandom random = new SecureRandom();
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        return () -> {
            StringBuilder id = new StringBuilder("ZS-");
            for (int i = 0; i < 10; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return id.toString();
        };
    }

    /**
     * Writes the request (and its contact) and returns once Kafka has committed them.
     *
     * @throws IntakeWriter.IntakeUnavailableException when Kafka did not take them
     */
    public Accepted submit(ServiceRequestForm form) {
        Instant now = clock.instant();
        String id = ids.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("serviceCode", form.service().code());
        putIfPresent(details, "description", form.description());
        putIfPresent(details, "mediaUrl", form.mediaUrl());
        if (!form.attributes().isEmpty()) {
            details.put(
                    "attributes",
                    form.attributes().entrySet().stream()
                            .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                            .collect(Collectors.joining("; ")));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        ServiceRequestForm.Contact c = form.contact();
        if (c != null) {
            details.put("contactChannel", c.channel());
            records.add(
                    new ProducerRecord<>(
                            contactsTopic,
                            null,
                            now.toEpochMilli(),
                            id,
                            TopicCodec.encode(
                                    new ContactMessage(
                                            id,
                                            c.email(),
                                            c.phone(),
                                            c.firstName(),
                                            c.lastName(),
                                            now))));
        }
        RawRequestStep step =
                new RawRequestStep(
                        id,
                        "open311",
                        form.service().name(),
                        "New",
                        now,
                        form.lat(),
                        form.lon(),
                        now,
                        null,
                        null,
                        form.address(),
                        details);
        records.add(
                new ProducerRecord<>(
                        requestsTopic, null, now.toEpochMilli(), id, TopicCodec.encode(step)));
        writer.writeAtomically(records);
        return new Accepted(id, now, now.plus(form.service().serviceLevel()));
    }

    private static void putIfPresent(Map<String, Object> details, String field, String value) {
        if (value != null) {
            details.put(field, value);
        }
    }
}
