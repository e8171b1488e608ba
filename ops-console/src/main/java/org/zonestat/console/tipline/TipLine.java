package org.zonestat.console.tipline;

import io.javalin.http.BadRequestResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.zonestat.console.community.IntakeWriter;
import org.zonestat.console.community.PlaceNames;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.RawTip;
import org.zonestat.topics.TipLineCase;
import org.zonestat.topics.TopicCodec;

/**
 * The anonymous tip line: takes a tip, gives the tipster a tip number and a secret phrase, and lets
 * them (and only them) see whether it was received and reviewed, read the analysts' answers and add
 * information; analysts review and answer.
 *
 * <p>A tip is written in one Kafka transaction as a record on {@code tips.raw} (id {@code TIP-...},
 * {@code source: tip-line}, category, received time, the place rounded to 3 decimals, about 100 m,
 * the text, and {@code seenAt} when given), which the job tags and matches with incidents like any
 * tip, and as a {@link TipLineCase} on {@code tip-line} (key: the tip number) holding the exchange
 * and a salted hash of the phrase. Nothing about the tipster is asked for or written: no address,
 * device, cookie or name.
 *
 * <p>Thread-safe: changes to cases are serialized on the object.
 */
public final class TipLine {
    /** The most follow-ups and answers a case holds. */
    public static final int MAX_MESSAGES = 50;

    private final IntakeWriter writer;
    private final TipLineStore store;
    private final TipSecrets secrets;
    private final String tipsTopic;
    private final String tipLineTopic;
    private final Clock clock;
    private final ZoneId timeZone;
    private final Supplier<ZoneCatalog> catalog;
    private final Supplier<PlaceNames> places;
    private final SecureRandom random = new SecureRandom();

    /** What a tipster gets back: the two secrets, shown once. */
    public record Receipt(String tipNumber, String phrase, String status) {}

    public TipLine(
            IntakeWriter writer,
            TipLineStore store,
            TipSecrets secrets,
            String tipsTopic,
            String tipLineTopic,
            Clock clock,
            ZoneId timeZone,
            Supplier<ZoneCatalog> catalog) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.tipsTopic = Objects.requireNonNull(tipsTopic, "tipsTopic");
        this.tipLineTopic = Objects.requireNonNull(tipLineTopic, "tipLineTopic");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.places = PlaceNames.following(catalog);
    }

    public TipLineStore store() {
        return store;
    }

    /**
     * Takes a tip.
     *
     * @throws BadRequestResponse when its place names no zone or lies outside every zone
     * @throws IntakeWriter.IntakeUnavailableException when Kafka did not take it (nothing kept)
     */
    public synchronized Receipt submit(TipSubmission tip) {
        double lat;
        double lon;
        String address = null;
        if (tip.lat() != null) {
            lat = round(tip.lat());
            lon = round(tip.lon());
        } else {
            PlaceNames.Place p =
                    places.get()
                            .find(tip.place())
                            .orElseThrow(
                                    () ->
                                            new BadRequestResponse(
                                                    "field 'place' names no neighborhood or district:"
                                                            + " click the map instead"));
            lat = p.lat();
            lon = p.lon();
            address = p.zone();
        }
        if (catalog.get().tag(lon, lat).isEmpty()) {
            throw new BadRequestResponse(
                    "the place lies outside the city: click inside the map's areas");
        }
        Instant now = clock.instant();
        String number = secrets.newTipNumber();
        while (store.get(number).isPresent()) {
            number = secrets.newTipNumber();
        }
        String phrase = secrets.newPhrase();
        TipSecrets.Hash hash = secrets.hash(phrase);
        String tipId = "TIP-" + Long.toUnsignedString(random.nextLong(), 36).toUpperCase();
        Map<String, Object> details = new LinkedHashMap<>();
        if (tip.seenAt() != null) {
            details.put("seenAt", tip.seenAt());
        }
        RawTip raw =
                new RawTip(
                        tipId,
                        "tip-line",
                        tip.category(),
                        now,
                        lat,
                        lon,
                        address,
                        tip.text(),
                        details);
        TipLineCase c =
                new TipLineCase(
                        number,
                        tipId,
                        tip.category(),
                        hash.salt(),
                        hash.hash(),
                        hash.iterations(),
                        TipLineCase.RECEIVED,
                        now,
                        null,
                        List.of(
                                new TipLineCase.Message(
                                        TipLineCase.Message.TIPSTER, now, tip.text())));
        writer.writeAtomically(
                List.of(
                        new ProducerRecord<>(
                                tipsTopic, null, now.toEpochMilli(), tipId, TopicCodec.encode(raw)),
                        new ProducerRecord<>(
                                tipLineTopic,
                                null,
                                now.toEpochMilli(),
                                number,
                                TopicCodec.encode(c))));
        store.put(c);
        return new Receipt(number, phrase, TipLineCase.RECEIVED);
    }

    /** The case of a tip number and phrase; empty when either is wrong (not told apart). */
    public Optional<TipLineCase> open(String tipNumber, String phrase) {
        return store.get(tipNumber)
                .filter(
                        c ->
                                TipSecrets.matches(
                                        phrase,
                                        c.phraseSalt(),
                                        c.phraseHash(),
                                        c.hashIterations()));
    }

    /**
     * Adds the tipster's follow-up to their case.
     *
     * @return the changed case; empty when the number or phrase is wrong
     * @throws BadRequestResponse when the case is full
     */
    public synchronized Optional<TipLineCase> followUp(
            String tipNumber, String phrase, String text) {
        return open(tipNumber, phrase)
                .map(
                        c ->
                                write(
                                        add(
                                                c,
                                                new TipLineCase.Message(
                                                        TipLineCase.Message.TIPSTER,
                                                        clock.instant(),
                                                        text))));
    }

    /**
     * An analyst marks a tip reviewed and, optionally, answers the tipster.
     *
     * @return the changed case; empty for an unknown tip number
     */
    public synchronized Optional<TipLineCase> review(String tipNumber, String reply) {
        return store.get(tipNumber)
                .map(
                        c -> {
                            Instant now = clock.instant();
                            TipLineCase changed = c.reviewed(now);
                            if (reply != null) {
                                changed =
                                        add(
                                                changed,
                                                new TipLineCase.Message(
                                                        TipLineCase.Message.ANALYST, now, reply));
                            }
                            return changed == c ? c : write(changed);
                        });
    }

    private static TipLineCase add(TipLineCase c, TipLineCase.Message m) {
        if (c.messages().size() >= MAX_MESSAGES) {
            throw new BadRequestResponse(
                    "this tip already holds "
                            + MAX_MESSAGES
                            + " messages: call the tip line instead");
        }
        return c.with(m);
    }

    private TipLineCase write(TipLineCase c) {
        writer.writeAtomically(
                List.of(
                        new ProducerRecord<>(
                                tipLineTopic,
                                null,
                                clock.instant().toEpochMilli(),
                                c.tipNumber(),
                                TopicCodec.encode(c))));
        store.put(c);
        return c;
    }

    /** About 100 m: the place is approximate on purpose. */
    private static double round(double degrees) {
        return Math.round(degrees * 1000.0) / 1000.0;
    }
}
