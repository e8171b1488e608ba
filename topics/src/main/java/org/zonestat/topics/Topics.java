package org.zonestat.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The names of every ZoneStat topic, in one place: the job, the console, the simulators and the
 * deployment tools take their topic names from here (or from a {@code Topics} built from flags).
 *
 * <p>Immutable and thread-safe.
 *
 * @param incidents raw incidents ({@code incidents.raw})
 * @param requests311 raw 311 lifecycle steps ({@code requests311.raw})
 * @param tips raw tips ({@code tips.raw})
 * @param zones compacted zone layers, one message per layer ({@code zones})
 * @param events tagged events ({@code events})
 * @param rejected records that could not be used, with the reason ({@code rejected})
 * @param alerts alerts for dispatchers ({@code alerts})
 * @param notifications closing-the-loop notifications ({@code notifications})
 * @param zoneStats per zone and local day ({@code zone-stats})
 * @param hotspots hot cells, halos, window summaries ({@code hotspots})
 * @param actionItems the huddle's action items, compacted ({@code action-items})
 * @param contacts residents' contact details given with a 311 request, compacted, keyed by request
 *     id; read only by the notifier ({@code contacts})
 * @param tipLine the anonymous tip line's cases, compacted, keyed by tip number ({@code tip-line})
 * @param deliveries the notifier's record of each notification delivered or given up, compacted,
 *     keyed by notification id ({@code notification-deliveries})
 * @param deadLetters notifications the notifier gave up on after its last try ({@code
 *     notification-dead-letters})
 * @param positions raw GPS fixes of units and monitored devices ({@code positions.raw})
 * @param transitions accepted fixes and geofence transitions ({@code transitions})
 * @param audit reads of restricted data: who, what, when ({@code audit})
 * @param activities what agencies did, raw ({@code activities.raw})
 * @param activityLog validated activities tagged with their zones ({@code activity-log})
 * @param places the city's places (licenses, vacant buildings, ...), compacted, keyed by place id
 *     ({@code places})
 * @param history loads, reprocess requests and history runs, one partition, in the order they
 *     happened ({@code history})
 */
public record Topics(
        String incidents,
        String requests311,
        String tips,
        String zones,
        String events,
        String rejected,
        String alerts,
        String notifications,
        String zoneStats,
        String hotspots,
        String actionItems,
        String contacts,
        String tipLine,
        String deliveries,
        String deadLetters,
        String positions,
        String transitions,
        String audit,
        String activities,
        String activityLog,
        String places,
        String history)
        implements Serializable {

    /** The largest zone layer message, in bytes (a city's neighborhoods are several MiB). */
    public static final int ZONES_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    /**
     * The largest message of every other topic, in bytes: Kafka's own default ({@code
     * message.max.bytes}), set on each topic so that a broker with a smaller default does not
     * refuse what the job writes (the job's records stay below it, see the stream-jobs README).
     */
    public static final int MAX_MESSAGE_BYTES = 1_048_588;

    /**
     * How far ahead of the broker's clock a record timestamp may be, in milliseconds: Kafka 4's
     * default for {@code message.timestamp.after.max.ms}, set on every topic. The job never writes
     * a timestamp after its own clock; a feed's record stamped further ahead is refused when it is
     * sent.
     */
    public static final long MAX_TIMESTAMP_AHEAD_MS = 3_600_000L;

    public Topics {
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(requests311, "requests311");
        Objects.requireNonNull(tips, "tips");
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(zoneStats, "zoneStats");
        Objects.requireNonNull(hotspots, "hotspots");
        Objects.requireNonNull(actionItems, "actionItems");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(tipLine, "tipLine");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(transitions, "transitions");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(activities, "activities");
        Objects.requireNonNull(activityLog, "activityLog");
        Objects.requireNonNull(places, "places");
        Objects.requireNonNull(history, "history");
    }

    /** The default names. */
    public static Topics defaults() {
        return new Topics(
                "incidents.raw",
                "requests311.raw",
                "tips.raw",
                "zones",
                "events",
                "rejected",
                "alerts",
                "notifications",
                "zone-stats",
                "hotspots",
                "action-items",
                "contacts",
                "tip-line",
                "notification-deliveries",
                "notification-dead-letters",
                "positions.raw",
                "transitions",
                "audit",
                "activities.raw",
                "activity-log",
                "places",
                "history");
    }

    /** The same names with a suffix, e.g. for one test's fresh topics. */
    public Topics withSuffix(String suffix) {
        return new Topics(
                incidents + suffix,
                requests311 + suffix,
                tips + suffix,
                zones + suffix,
                events + suffix,
                rejected + suffix,
                alerts + suffix,
                notifications + suffix,
                zoneStats + suffix,
                hotspots + suffix,
                actionItems + suffix,
                contacts + suffix,
                tipLine + suffix,
                deliveries + suffix,
                deadLetters + suffix,
                positions + suffix,
                transitions + suffix,
                audit + suffix,
                activities + suffix,
                activityLog + suffix,
                places + suffix,
                history + suffix);
    }

    /** The raw topics the job reads, in a fixed order. */
    public List<String> raw() {
        return List.of(incidents, requests311, tips, activities);
    }

    /**
     * Every append-only topic kept forever: the raw event topics, the job's event outputs, the
     * notifier's dead letters and the audit trail. The position topics ({@link #tracks()}) are
     * append-only too, with a retention.
     */
    public List<String> streams() {
        return List.of(
                incidents,
                requests311,
                tips,
                events,
                rejected,
                alerts,
                notifications,
                zoneStats,
                hotspots,
                deadLetters,
                activities,
                activityLog,
                audit);
    }

    /**
     * The topics of positions, kept {@link #TRACKS_RETENTION_MS}: raw fixes and the job's fixes and
     * transitions (dosage outlives them in {@code zone-stats}).
     */
    public List<String> tracks() {
        return List.of(positions, transitions);
    }

    /** The compacted topics: one live value per key. */
    public List<String> compacted() {
        return List.of(zones, actionItems, contacts, tipLine, deliveries, places);
    }

    /**
     * How long positions are kept on {@code positions.raw} and {@code transitions}: 90 days from
     * when the broker appended them (the topics are stamped with the append time, so a replay of
     * older fixes is kept as long as a live one). Tracks of people under supervision are not kept
     * forever; the dosage they give is, in {@code zone-stats}.
     */
    public static final long TRACKS_RETENTION_MS = 90L * 24 * 60 * 60 * 1000;

    /**
     * {@code segment.ms} of the topics kept forever: a segment is closed by its size, never by the
     * time its records span. Kafka measures that span in the records' own timestamps, and ZoneStat
     * stamps records with their event time, so with the default (7 days) a backfill of ten years
     * would close a segment, with fresh index files, every week of event time it passes: hundreds
     * of small segments per partition and their open files, and a broker busy creating them.
     */
    static final String ROLL_BY_SIZE_ONLY = String.valueOf(Long.MAX_VALUE);

    /** How long a resident's contact details are kept on {@code contacts}: one year. */
    public static final long CONTACTS_RETENTION_MS = 365L * 24 * 60 * 60 * 1000;

    /**
     * Every topic with its settings: the streams keep records forever ({@code retention.ms=-1}:
     * they carry original event times, possibly years old, and Kafka is the system of record),
     * close a segment by its size only ({@link #ROLL_BY_SIZE_ONLY}) and take messages up to {@value
     * #MAX_MESSAGE_BYTES} bytes; {@code zones} is compacted, one partition, and takes messages up
     * to {@value #ZONES_MAX_MESSAGE_BYTES} bytes; {@code action-items}, {@code tip-line}, {@code
     * notification-deliveries} and {@code places} are compacted, one partition; {@code contacts} is
     * compacted and its records are also deleted after {@link #CONTACTS_RETENTION_MS} (contact
     * details are not kept forever), with as many partitions as the streams; {@code history} keeps
     * every record, in one partition (its offsets order the history runs), and closes segments by
     * size only. Every topic keeps the producer's record timestamp ({@code CreateTime}), takes
     * timestamps of any age (years-old event times) and none more than {@value
     * #MAX_TIMESTAMP_AHEAD_MS} ms ahead of the broker's clock; except {@code positions.raw} and
     * {@code transitions}, stamped with the time the broker appended them ({@code LogAppendTime})
     * and kept {@link #TRACKS_RETENTION_MS} from then.
     */
    public List<NewTopic> newTopics(int partitions, short replication) {
        List<NewTopic> out = new ArrayList<>();
        for (String t : streams()) {
            out.add(
                    new NewTopic(t, partitions, replication)
                            .configs(
                                    withTimestampRules(
                                            Map.of(
                                                    "retention.ms",
                                                    "-1",
                                                    "segment.ms",
                                                    ROLL_BY_SIZE_ONLY,
                                                    "max.message.bytes",
                                                    String.valueOf(MAX_MESSAGE_BYTES)))));
        }
        out.add(
                new NewTopic(zones, 1, replication)
                        .configs(
                                withTimestampRules(
                                        Map.of(
                                                "cleanup.policy",
                                                "compact",
                                                "max.message.bytes",
                                                String.valueOf(ZONES_MAX_MESSAGE_BYTES)))));
        for (String t : tracks()) {
            Map<String, String> configs =
                    new java.util.LinkedHashMap<>(
                            withTimestampRules(
                                    Map.of(
                                            "retention.ms",
                                            String.valueOf(TRACKS_RETENTION_MS),
                                            "max.message.bytes",
                                            String.valueOf(MAX_MESSAGE_BYTES))));
            configs.put("message.timestamp.type", "LogAppendTime");
            out.add(new NewTopic(t, partitions, replication).configs(configs));
        }
        for (String t : List.of(actionItems, tipLine, deliveries, places)) {
            out.add(
                    new NewTopic(t, 1, replication)
                            .configs(withTimestampRules(Map.of("cleanup.policy", "compact"))));
        }
        out.add(
                new NewTopic(contacts, partitions, replication)
                        .configs(
                                withTimestampRules(
                                        Map.of(
                                                "cleanup.policy",
                                                "compact,delete",
                                                "retention.ms",
                                                String.valueOf(CONTACTS_RETENTION_MS)))));
        out.add(
                new NewTopic(history, 1, replication)
                        .configs(
                                withTimestampRules(
                                        Map.of(
                                                "retention.ms",
                                                "-1",
                                                "segment.ms",
                                                ROLL_BY_SIZE_ONLY))));
        return out;
    }

    private static Map<String, String> withTimestampRules(Map<String, String> configs) {
        Map<String, String> all = new java.util.LinkedHashMap<>(configs);
        all.put("message.timestamp.type", "CreateTime");
        all.put("message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        all.put("message.timestamp.after.max.ms", String.valueOf(MAX_TIMESTAMP_AHEAD_MS));
        return all;
    }
}
