package org.zonestat.topics;

import picocli.CommandLine.Option;

/**
 * Every topic name as a command-line flag, {@code --topic-incidents} … {@code
 * --topic-action-items}, defaulting to {@link Topics#defaults()}: the same flags in the job, the
 * console and the tools. A picocli mixin ({@code @Mixin TopicOptions topics;}).
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class TopicOptions {
    private static final Topics DEFAULTS = Topics.defaults();

    @Option(names = "--topic-incidents", paramLabel = "TOPIC", description = "Raw incidents.")
    private String incidents = DEFAULTS.incidents();

    @Option(
            names = "--topic-requests311",
            paramLabel = "TOPIC",
            description = "Raw 311 lifecycle steps.")
    private String requests311 = DEFAULTS.requests311();

    @Option(names = "--topic-tips", paramLabel = "TOPIC", description = "Raw tips.")
    private String tips = DEFAULTS.tips();

    @Option(
            names = "--topic-zones",
            paramLabel = "TOPIC",
            description = "Compacted zone layers, one message per layer.")
    private String zones = DEFAULTS.zones();

    @Option(names = "--topic-events", paramLabel = "TOPIC", description = "Tagged events.")
    private String events = DEFAULTS.events();

    @Option(
            names = "--topic-rejected",
            paramLabel = "TOPIC",
            description = "Records that could not be used, with the reason.")
    private String rejected = DEFAULTS.rejected();

    @Option(names = "--topic-alerts", paramLabel = "TOPIC", description = "Alerts for dispatchers.")
    private String alerts = DEFAULTS.alerts();

    @Option(
            names = "--topic-notifications",
            paramLabel = "TOPIC",
            description = "Closing-the-loop notifications.")
    private String notifications = DEFAULTS.notifications();

    @Option(
            names = "--topic-zone-stats",
            paramLabel = "TOPIC",
            description = "Counts per zone and local day.")
    private String zoneStats = DEFAULTS.zoneStats();

    @Option(
            names = "--topic-hotspots",
            paramLabel = "TOPIC",
            description = "Hot cells, risk halos and window summaries.")
    private String hotspots = DEFAULTS.hotspots();

    @Option(
            names = "--topic-action-items",
            paramLabel = "TOPIC",
            description = "The huddle's action items, compacted.")
    private String actionItems = DEFAULTS.actionItems();

    @Option(
            names = "--topic-contacts",
            paramLabel = "TOPIC",
            description =
                    "Residents' contact details by 311 request, compacted; read by the notifier only.")
    private String contacts = DEFAULTS.contacts();

    @Option(
            names = "--topic-tip-line",
            paramLabel = "TOPIC",
            description = "The anonymous tip line's exchanges, compacted.")
    private String tipLine = DEFAULTS.tipLine();

    @Option(
            names = "--topic-deliveries",
            paramLabel = "TOPIC",
            description = "Notifications delivered or given up on, compacted.")
    private String deliveries = DEFAULTS.deliveries();

    @Option(
            names = "--topic-dead-letters",
            paramLabel = "TOPIC",
            description = "Notifications not delivered after the last try.")
    private String deadLetters = DEFAULTS.deadLetters();

    @Option(
            names = "--topic-positions",
            paramLabel = "TOPIC",
            description = "Raw GPS fixes of units and monitored devices.")
    private String positions = DEFAULTS.positions();

    @Option(
            names = "--topic-transitions",
            paramLabel = "TOPIC",
            description = "Accepted fixes and geofence transitions.")
    private String transitions = DEFAULTS.transitions();

    @Option(
            names = "--topic-audit",
            paramLabel = "TOPIC",
            description = "Reads of restricted data: who, what, when.")
    private String audit = DEFAULTS.audit();

    @Option(
            names = "--topic-activities",
            paramLabel = "TOPIC",
            description = "Raw activities: what agencies did (outreach, site visits, inspections).")
    private String activities = DEFAULTS.activities();

    @Option(
            names = "--topic-activity-log",
            paramLabel = "TOPIC",
            description = "Validated activities tagged with their zones.")
    private String activityLog = DEFAULTS.activityLog();

    @Option(
            names = "--topic-places",
            paramLabel = "TOPIC",
            description = "The city's places (licenses, vacant buildings, ...), compacted.")
    private String places = DEFAULTS.places();

    @Option(
            names = "--topic-history",
            paramLabel = "TOPIC",
            description = "Loads, reprocess requests and history runs, one partition.")
    private String history = DEFAULTS.history();

    /** The topic names as given, each defaulting to its name in {@link Topics#defaults()}. */
    public Topics topics() {
        return new Topics(
                incidents,
                requests311,
                tips,
                zones,
                events,
                rejected,
                alerts,
                notifications,
                zoneStats,
                hotspots,
                actionItems,
                contacts,
                tipLine,
                deliveries,
                deadLetters,
                positions,
                transitions,
                audit,
                activities,
                activityLog,
                places,
                history);
    }
}
