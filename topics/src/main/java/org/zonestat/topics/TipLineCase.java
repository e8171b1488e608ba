package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One anonymous tip's exchange between the tipster and the analysts, on the compacted {@code
 * tip-line} topic (key: the tip number). It holds what the tipster wrote and what analysts
 * answered, the tip's review status, and only a salted hash of the secret phrase; nothing about who
 * the tipster is (no address, device, cookie or name is ever asked for or kept).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tipNumber the number the tipster was given, e.g. {@code 4827-1934}
 * @param tipId the tip's id on {@code tips.raw} (and so in {@code events} and tip-match alerts)
 * @param category the tip's category, e.g. {@code GUNS}
 * @param phraseSalt the salt of the phrase hash, Base64
 * @param phraseHash PBKDF2-HMAC-SHA256 of the secret phrase, Base64
 * @param hashIterations the PBKDF2 iteration count
 * @param status {@code received} or {@code reviewed}
 * @param receivedAt when the tip came in
 * @param reviewedAt when an analyst marked it reviewed, or null
 * @param messages the exchange, oldest first: the tip's own text first, then follow-ups and answers
 */
public record TipLineCase(
        @JsonProperty(required = true) String tipNumber,
        @JsonProperty(required = true) String tipId,
        @JsonProperty(required = true) String category,
        @JsonProperty(required = true) String phraseSalt,
        @JsonProperty(required = true) String phraseHash,
        @JsonProperty(required = true) int hashIterations,
        @JsonProperty(required = true) String status,
        @JsonProperty(required = true) Instant receivedAt,
        Instant reviewedAt,
        List<Message> messages)
        implements TopicMessage {

    public static final String RECEIVED = "received";
    public static final String REVIEWED = "reviewed";
    private static final Set<String> STATUSES = Set.of(RECEIVED, REVIEWED);

    /**
     * One message of the exchange.
     *
     * @param from {@code tipster} or {@code analyst}
     * @param at when it was written
     * @param text what it says
     */
    public record Message(
            @JsonProperty(required = true) String from,
            @JsonProperty(required = true) Instant at,
            @JsonProperty(required = true) String text) {
        public static final String TIPSTER = "tipster";
        public static final String ANALYST = "analyst";

        public Message {
            if (!TIPSTER.equals(from) && !ANALYST.equals(from)) {
                throw new IllegalArgumentException("from must be tipster or analyst, was " + from);
            }
            if (at == null) {
                throw new IllegalArgumentException("at is required");
            }
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text is required");
            }
        }
    }

    public TipLineCase {
        for (String[] f :
                new String[][] {
                    {"tipNumber", tipNumber},
                    {"tipId", tipId},
                    {"category", category},
                    {"phraseSalt", phraseSalt},
                    {"phraseHash", phraseHash}
                }) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException(f[0] + " is required");
            }
        }
        if (hashIterations < 1) {
            throw new IllegalArgumentException(
                    "hashIterations must be >= 1, was " + hashIterations);
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException(
                    "status must be received or reviewed, was " + status);
        }
        if (receivedAt == null) {
            throw new IllegalArgumentException("receivedAt is required");
        }
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** The same case with one more message. */
    public TipLineCase with(Message m) {
        List<Message> more = new ArrayList<>(messages);
        more.add(m);
        return new TipLineCase(
                tipNumber,
                tipId,
                category,
                phraseSalt,
                phraseHash,
                hashIterations,
                status,
                receivedAt,
                reviewedAt,
                more);
    }

    /** The same case, marked reviewed at {@code at} (unchanged if it already is). */
    public TipLineCase reviewed(Instant at) {
        if (REVIEWED.equals(status)) {
            return this;
        }
        return new TipLineCase(
                tipNumber,
                tipId,
                category,
                phraseSalt,
                phraseHash,
                hashIterations,
                REVIEWED,
                receivedAt,
                at,
                messages);
    }

    /** When the case last changed: its latest message or review. */
    public Instant updatedAt() {
        Instant latest = receivedAt;
        if (reviewedAt != null && reviewedAt.isAfter(latest)) {
            latest = reviewedAt;
        }
        for (Message m : messages) {
            if (m.at().isAfter(latest)) {
                latest = m.at();
            }
        }
        return latest;
    }
}
