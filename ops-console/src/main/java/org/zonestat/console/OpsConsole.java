package org.zonestat.console;

import io.javalin.Javalin;
import io.javalin.http.RequestLogger;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.zonestat.city.CityOption;
import org.zonestat.city.CityProfile;
import org.zonestat.console.audit.AuditLog;
import org.zonestat.console.audit.AuditRoutes;
import org.zonestat.console.audit.AuditTrail;
import org.zonestat.console.community.IntakeWriter;
import org.zonestat.console.field.FieldRoutes;
import org.zonestat.console.field.UnitTokens;
import org.zonestat.console.fieldwork.ActivityRoutes;
import org.zonestat.console.fieldwork.FieldWork;
import org.zonestat.console.fieldwork.FieldWorkSettings;
import org.zonestat.console.fieldwork.ForecastRoutes;
import org.zonestat.console.fieldwork.PlaceRoutes;
import org.zonestat.console.health.HealthMonitor;
import org.zonestat.console.health.HealthSettings;
import org.zonestat.console.health.JobStatusSource;
import org.zonestat.console.health.PipelineHealth;
import org.zonestat.console.history.HistoryLoads;
import org.zonestat.console.history.HistoryRoutes;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.metrics.ConsoleMetrics;
import org.zonestat.console.metrics.HuddleMetrics;
import org.zonestat.console.metrics.MetricsRoutes;
import org.zonestat.console.open311.Open311Routes;
import org.zonestat.console.open311.Open311Settings;
import org.zonestat.console.replay.EventTimeIndex;
import org.zonestat.console.replay.EventTimeIndexer;
import org.zonestat.console.replay.ReplayReader;
import org.zonestat.console.replay.ReplayRoutes;
import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.scorecard.ScorecardRoutes;
import org.zonestat.console.sitevisit.CodeEnforcement;
import org.zonestat.console.sitevisit.SiteVisitRoutes;
import org.zonestat.console.tipline.TipLineRoutes;
import org.zonestat.console.tipline.TipLineSettings;
import org.zonestat.console.tipline.TipLineStore;
import org.zonestat.console.units.MovingTopics;
import org.zonestat.console.units.TrackRoutes;
import org.zonestat.console.units.UnitRoster;
import org.zonestat.console.zones.ZoneLayerUpdates;
import org.zonestat.console.zones.ZoneUploadRoutes;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.Topics;

/**
 * Starts and stops the whole ops console from other code (the one-process demo, tests): the live
 * event hub and the other views, the one {@link TopicFeed} that reads every topic once for all of
 * them, and the {@link OpsConsoleApp} web server.
 *
 * <pre>{@code
 * try (OpsConsole.Running console = OpsConsole.builder()
 *         .bootstrapServers(broker.bootstrapServers())
 *         .tokens(AccessTokens.loadOrCreateDemo(Path.of("var/ops-console/tokens.properties")))
 *         .port(0)
 *         .start()) {
 *     System.out.println("console at " + console.url());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #start()} makes an independent running console.
 */
public final class OpsConsole {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_RECENT_LIMIT = 500;

    /** The most items one replay range returns. */
    public static final int REPLAY_MAX_ITEMS = 200_000;

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String alertsTopic;
    private final String hotspotsTopic;
    private final String zonesTopic;
    private final List<String> rawTopics;
    private final String rejectedTopic;
    private final String jobGroup;
    private final String host;
    private final int port;
    private final AccessTokens tokens;
    private final ZoneCatalog catalog;
    private final int recentLimit;
    private final int resumeLimit;
    private final ConsoleConfig config;
    private final HuddleSettings huddle;
    private final HealthSettings healthSettings;
    private final JobStatusSource jobStatus;
    private final ConsoleLimits limits;
    private final String cityName;
    private final CodeEnforcement codeEnforcement;
    private final Open311Settings open311;
    private final TipLineSettings tipLine;
    private final FieldWorkSettings fieldWork;
    private final List<RouteGroup> extraRoutes;
    private final RequestLogger accessLog;
    private final String transitionsTopic;
    private final String auditTopic;
    private final String historyTopic;
    private final UnitTokens unitTokens;

    private OpsConsole(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.eventsTopic = b.eventsTopic;
        this.alertsTopic = b.alertsTopic;
        this.hotspotsTopic = b.hotspotsTopic;
        this.zonesTopic = b.zonesTopic;
        this.rawTopics = List.copyOf(b.rawTopics);
        this.rejectedTopic = b.rejectedTopic;
        this.jobGroup = b.jobGroup;
        this.host = b.host;
        this.port = b.port;
        this.tokens = b.tokens;
        this.catalog = b.catalog != null ? b.catalog : ZoneCatalog.load(b.city.layers());
        this.recentLimit = b.recentLimit;
        this.resumeLimit = b.resumeLimit;
        this.huddle = b.huddle != null ? b.huddle : HuddleSettings.forCity(b.city);
        ConsoleConfig web = b.config;
        if (web.tileUrl() == null && b.city.tiles().isPresent()) {
            web = web.withTiles(b.city.tiles().get().url(), b.city.tiles().get().attribution());
        }
        this.config = web;
        this.cityName = b.cityName != null ? b.cityName : b.city.name();
        this.codeEnforcement = new CodeEnforcement(b.city.codeEnforcement());
        this.open311 = b.open311 != null ? b.open311 : Open311Settings.forCity(b.city);
        this.healthSettings = b.healthSettings;
        this.jobStatus = b.jobStatus;
        this.limits = b.limits;
        this.tipLine = b.tipLine;
        this.fieldWork = b.fieldWork;
        this.extraRoutes = List.copyOf(b.extraRoutes);
        this.accessLog = b.accessLog;
        this.transitionsTopic = b.transitionsTopic;
        this.auditTopic = b.auditTopic;
        this.historyTopic = b.historyTopic;
        this.unitTokens = b.unitTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Subscribes every view to the topics on one {@link TopicFeed}, starts it and the web server;
     * returns once the server listens.
     */
    public Running start() {
        LiveEventHub hub = new LiveEventHub(recentLimit, resumeLimit, ConsoleJson.newMapper());
        // The one registry of layers every view reads: the configured ones and the zones topic's.
        ZoneLayers layers = new ZoneLayers(catalog);
        TopicFeed feed = new TopicFeed(bootstrapServers, "zonestat-ops-console");
        LiveTopics live =
                new LiveTopics(feed, eventsTopic, alertsTopic, hotspotsTopic, layers, hub);
        PipelineCounters counters =
                new PipelineCounters(
                        feed, bootstrapServers, rawTopics, eventsTopic, rejectedTopic, jobGroup);
        if (zonesTopic != null) {
            new ZoneLayerUpdates(feed, zonesTopic, layers);
        }
        ZoneUploadRoutes uploads =
                zonesTopic == null
                        ? null
                        : new ZoneUploadRoutes(bootstrapServers, zonesTopic, layers, limits);
        HuddleServices scorecards = null;
        FieldWork work = null;
        HealthMonitor monitor = null;
        IntakeWriter intake = new IntakeWriter(bootstrapServers);
        UnitRoster roster = new UnitRoster();
        if (transitionsTopic != null) {
            new MovingTopics(feed, transitionsTopic, roster, hub);
        }
        AuditTrail audit =
                auditTopic == null
                        ? AuditTrail.DISABLED
                        : new AuditTrail(bootstrapServers, auditTopic, Clock.systemUTC());
        AuditLog auditLog = auditTopic == null ? null : new AuditLog(feed, auditTopic);
        HistoryLoads history = historyTopic == null ? null : new HistoryLoads(feed, historyTopic);
        EventTimeIndexer replayIndex = null;
        try {
            scorecards = new HuddleServices(feed, bootstrapServers, eventsTopic, layers, huddle);
            TipLineStore tips = new TipLineStore(feed, tipLine.tipLineTopic());
            work =
                    new FieldWork(
                            feed,
                            bootstrapServers,
                            eventsTopic,
                            huddle.hotspotsTopic(),
                            huddle.zoneStatsTopic(),
                            codeEnforcement,
                            fieldWork);
            feed.start();
            monitor =
                    new HealthMonitor(
                            healthSettings, jobStatus, counters::snapshot, Clock.systemUTC());
            HuddleServices views = scorecards;
            ReplayReader replay =
                    new ReplayReader(
                            bootstrapServers,
                            eventsTopic,
                            alertsTopic,
                            hotspotsTopic,
                            layers,
                            REPLAY_MAX_ITEMS,
                            new EventTimeIndex());
            replayIndex = new EventTimeIndexer(bootstrapServers, replay.topics(), replay.index());
            replayIndex.start();
            Access access = new Access(tokens);
            List<RouteGroup> routes = new ArrayList<>();
            routes.add(new StatusRoutes(hub, live::health, counters::snapshot, monitor));
            routes.add(new ZoneRoutes(layers, config.warmUpZones()));
            routes.add(new LiveSocket(hub, access, config, limits, layers, audit));
            routes.add(new TrackRoutes(roster, audit));
            routes.add(new FieldRoutes(unitTokens, roster, hub, config, layers, huddle.timeZone()));
            if (auditLog != null) {
                routes.add(new AuditRoutes(auditLog));
            }
            if (history != null) {
                routes.add(new HistoryRoutes(history));
            }
            routes.add(
                    new ReplayRoutes(
                            replay, () -> views.today(huddle.huddleLayer()), huddle.timeZone()));
            routes.add(new SiteVisitRoutes(replay, layers, huddle.timeZone(), codeEnforcement));
            if (uploads != null) {
                routes.add(uploads);
            }
            routes.add(new ScorecardRoutes(scorecards, layers));
            routes.add(
                    new Open311Routes(
                            scorecards.requests(),
                            scorecards.settings().timeZone(),
                            open311,
                            access,
                            layers,
                            intake));
            routes.add(
                    new TipLineRoutes(
                            intake, tips, tipLine, scorecards.settings().timeZone(), layers::get));
            routes.add(new PlaceRoutes(work, scorecards, layers));
            routes.add(new ActivityRoutes(work, scorecards, layers));
            routes.add(new ForecastRoutes(work, scorecards));
            routes.add(
                    new MetricsRoutes(
                            new ConsoleMetrics(
                                    hub::stats,
                                    counters::snapshot,
                                    List.of(new HuddleMetrics(scorecards)))));
            routes.addAll(extraRoutes);
            OpsConsoleApp web =
                    new OpsConsoleApp(
                            config,
                            limits,
                            access,
                            routes,
                            accessLog,
                            () ->
                                    new CityView(
                                            cityName,
                                            huddle.timeZone().getId(),
                                            huddle.huddleLayer(),
                                            huddle.goalPercent(),
                                            LayerBounds.of(layers.get().layers())));
            Javalin app = web.create();
            app.start(host, port);
            return new Running(
                    app,
                    feed,
                    live,
                    hub,
                    host,
                    counters,
                    uploads,
                    scorecards,
                    intake,
                    tips,
                    monitor,
                    audit,
                    work,
                    replayIndex);
        } catch (RuntimeException e) {
            closeQuietly(monitor);
            closeQuietly(replayIndex);
            audit.close();
            feed.close();
            counters.close();
            closeQuietly(uploads);
            closeQuietly(scorecards);
            closeQuietly(work);
            intake.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already failing; the first exception is the one to report
            }
        }
    }

    /** A running console; {@link #close()} stops the web server and the Kafka consumer. */
    public static final class Running implements AutoCloseable {
        private final Javalin app;
        private final TopicFeed feed;
        private final LiveTopics live;
        private final LiveEventHub hub;
        private final String host;
        private final PipelineCounters counters;
        private final ZoneUploadRoutes uploads;
        private final HuddleServices scorecards;
        private final HealthMonitor monitor;
        private final IntakeWriter intake;
        private final TipLineStore tips;
        private final AuditTrail audit;
        private final FieldWork work;
        private final EventTimeIndexer replayIndex;
        private boolean closed;

        private Running(
                Javalin app,
                TopicFeed feed,
                LiveTopics live,
                LiveEventHub hub,
                String host,
                PipelineCounters counters,
                ZoneUploadRoutes uploads,
                HuddleServices scorecards,
                IntakeWriter intake,
                TipLineStore tips,
                HealthMonitor monitor,
                AuditTrail audit,
                FieldWork work,
                EventTimeIndexer replayIndex) {
            this.replayIndex = replayIndex;
            this.audit = audit;
            this.work = work;
            this.intake = intake;
            this.tips = tips;
            this.app = app;
            this.feed = feed;
            this.live = live;
            this.hub = hub;
            this.host = host;
            this.counters = counters;
            this.uploads = uploads;
            this.scorecards = scorecards;
            this.monitor = monitor;
        }

        /** The pipeline's health as {@code /api/health} reports it. */
        public PipelineHealth.Report health() {
            return monitor.report();
        }

        /** The scorecard, hot cells, 311 requests and action items this console holds. */
        public HuddleServices scorecards() {
            return scorecards;
        }

        /** The places, activities, incidents and forecast scores this console holds. */
        public FieldWork fieldWork() {
            return work;
        }

        /** The tip line's cases as this console holds them. */
        public TipLineStore tipLine() {
            return tips;
        }

        /** The pipeline's reconciliation as {@code /api/pipeline} reports it. */
        public PipelineCounters.Snapshot pipeline() {
            return counters.snapshot();
        }

        /**
         * The routes this console serves, as {@code "METHOD /path"}: see {@link
         * OpsConsoleApp#routes}.
         */
        public SortedSet<String> routes() {
            return OpsConsoleApp.routes(app);
        }

        /** The port the web server listens on (the free port chosen when started with 0). */
        public int port() {
            return app.port();
        }

        /** The page's base URL, e.g. {@code http://127.0.0.1:8080/} (localhost if bound to all). */
        public URI url() {
            String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
            if (h.contains(":")) {
                h = "[" + h + "]";
            }
            return URI.create("http://" + h + ":" + port() + "/");
        }

        public LiveEventHub hub() {
            return hub;
        }

        public FeedHealth feedHealth() {
            return live.health();
        }

        /** Stops the web server, then the consumer thread. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                monitor.close();
                app.stop();
            } finally {
                replayIndex.close();
                feed.close();
                counters.close();
                closeQuietly(uploads);
                scorecards.close();
                work.close();
                intake.close();
                audit.close();
            }
        }
    }

    /** Fails fast: {@link #build()} rejects missing or invalid settings with a clear message. */
    public static final class Builder {
        private String bootstrapServers;
        private String eventsTopic = Topics.defaults().events();
        private String alertsTopic = Topics.defaults().alerts();
        private String hotspotsTopic = Topics.defaults().hotspots();
        private String zonesTopic = Topics.defaults().zones();
        private List<String> rawTopics = Topics.defaults().raw();
        private String rejectedTopic = Topics.defaults().rejected();
        private String jobGroup = "zonestat-tagging";
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private AccessTokens tokens;
        private ZoneCatalog catalog;
        private int recentLimit = DEFAULT_RECENT_LIMIT;
        private int resumeLimit = LiveEventHub.DEFAULT_RESUME_LIMIT;
        private ConsoleConfig config = ConsoleConfig.defaults();
        private CityProfile city;
        private HuddleSettings huddle;
        private HealthSettings healthSettings = HealthSettings.defaults();
        private JobStatusSource jobStatus = JobStatusSource.UNMONITORED;
        private ConsoleLimits limits = ConsoleLimits.defaults();
        private String cityName;

        private Open311Settings open311;
        private TipLineSettings tipLine = TipLineSettings.defaults();
        private FieldWorkSettings fieldWork = FieldWorkSettings.defaults();
        private final List<RouteGroup> extraRoutes = new ArrayList<>();
        private RequestLogger accessLog = new AccessLog();
        private String transitionsTopic = Topics.defaults().transitions();
        private String auditTopic = Topics.defaults().audit();
        private String historyTopic = Topics.defaults().history();
        private UnitTokens unitTokens = UnitTokens.NONE;

        private Builder() {}

        /**
         * The {@code history} topic whose backfills and reprocesses the {@code /history} page
         * shows; default the topic's default name; null shows none.
         */
        public Builder historyTopic(String topic) {
            this.historyTopic = topic;
            return this;
        }

        /**
         * Where units and monitored devices come from ({@code transitions}: their fixes and
         * geofence transitions) and where reads of restricted data are written ({@code audit});
         * default the topics' default names. A null {@code transitions} reads no positions; a null
         * {@code audit} never delivers restricted data (there would be no record of who read it).
         */
        public Builder positionTopics(String transitions, String audit) {
            this.transitionsTopic = transitions;
            this.auditTopic = audit;
            return this;
        }

        /** The handhelds' tokens for {@code /field}; default none. */
        public Builder unitTokens(UnitTokens tokens) {
            this.unitTokens = Objects.requireNonNull(tokens, "unitTokens");
            return this;
        }

        /** The city's name as the pages show it ({@code /api/config}); default the city's. */
        public Builder cityName(String name) {
            this.cityName = name;
            return this;
        }

        /**
         * The Open311 service list, where posted requests and contacts go, and the limits on posts;
         * default {@link Open311Settings#forCity} of the city.
         */
        public Builder open311(Open311Settings settings) {
            this.open311 = Objects.requireNonNull(settings, "open311");
            return this;
        }

        /**
         * The places, activities and activity-log topics, the radius around places and the contact
         * key; default {@link FieldWorkSettings#defaults()}.
         */
        public Builder fieldWork(FieldWorkSettings settings) {
            this.fieldWork = Objects.requireNonNull(settings, "fieldWork");
            return this;
        }

        /** The tip line's topics and limits; default {@link TipLineSettings#defaults()}. */
        public Builder tipLine(TipLineSettings settings) {
            this.tipLine = Objects.requireNonNull(settings, "tipLine");
            return this;
        }

        /**
         * More routes to serve besides the console's own (the demo's mailbox page), each with its
         * access rule.
         */
        public Builder extraRoutes(RouteGroup group) {
            this.extraRoutes.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** Where the access log goes; default {@link AccessLog} to SLF4J. */
        public Builder accessLog(RequestLogger log) {
            this.accessLog = Objects.requireNonNull(log, "accessLog");
            return this;
        }

        /**
         * Request, upload, WebSocket and zone-shape limits; default {@link
         * ConsoleLimits#defaults()}.
         */
        public Builder limits(ConsoleLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How {@code /api/health} judges the pipeline and where it learns the job's state; default
         * {@link HealthSettings#defaults()} and {@link JobStatusSource#UNMONITORED} (judged by the
         * committed offsets alone).
         */
        public Builder health(HealthSettings settings, JobStatusSource jobStatus) {
            this.healthSettings = Objects.requireNonNull(settings, "health settings");
            this.jobStatus = Objects.requireNonNull(jobStatus, "jobStatus");
            return this;
        }

        /**
         * The city served: its layers (unless {@link #catalog} gives others), its huddle settings
         * (unless {@link #huddle} gives others), its tiles (unless {@link #config} has some) and
         * what the pages show of it; default the city of {@link CityOption#defaultCity}.
         */
        public Builder city(CityProfile profile) {
            this.city = Objects.requireNonNull(profile, "city");
            return this;
        }

        /**
         * Topics, goal, time zone and date of the scorecard and huddle; default {@link
         * HuddleSettings#forCity} of the city.
         */
        public Builder huddle(HuddleSettings settings) {
            this.huddle = Objects.requireNonNull(settings, "huddle");
            return this;
        }

        /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. Required. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /**
         * The topics and consumer group the pipeline counters reconcile: the raw topics, the
         * rejected topic and the job's group; defaults are ZoneStat's.
         */
        public Builder pipelineTopics(
                List<String> rawTopics, String rejectedTopic, String jobGroup) {
            this.rawTopics = List.copyOf(rawTopics);
            this.rejectedTopic = Objects.requireNonNull(rejectedTopic, "rejectedTopic");
            this.jobGroup = Objects.requireNonNull(jobGroup, "jobGroup");
            return this;
        }

        /** The events topic to read; default {@code events} ({@link Topics#defaults()}). */
        public Builder eventsTopic(String topic) {
            this.eventsTopic = topic;
            return this;
        }

        /**
         * The alerts and hotspots topics to read besides events; defaults {@code alerts} and {@code
         * hotspots} ({@link Topics#defaults()}); null reads none.
         */
        public Builder analyticsTopics(String alerts, String hotspots) {
            this.alertsTopic = alerts;
            this.hotspotsTopic = hotspots;
            return this;
        }

        /**
         * The compacted zone-layers topic the console reads (so uploaded layers show on its maps)
         * and admins' uploads go to; default {@code zones} ({@link Topics#defaults()}); null reads
         * none and refuses uploads.
         */
        public Builder zonesTopic(String topic) {
            this.zonesTopic = topic;
            return this;
        }

        /**
         * The address to bind; default {@value OpsConsole#DEFAULT_HOST}, {@code 0.0.0.0} for all.
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The HTTP port; 0 picks a free one. Default {@value OpsConsole#DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The accepted access tokens. Required. */
        public Builder tokens(AccessTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        /** The zone layers; default the city's, loaded at build time. */
        public Builder catalog(ZoneCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** How many recent events a new client gets; default {@value #DEFAULT_RECENT_LIMIT}. */
        public Builder recentLimit(int recentLimit) {
            this.recentLimit = recentLimit;
            return this;
        }

        /**
         * How many live messages are kept for reconnecting clients to resume from; default {@value
         * LiveEventHub#DEFAULT_RESUME_LIMIT}. A client further behind gets a fresh snapshot.
         */
        public Builder resumeLimit(int resumeLimit) {
            this.resumeLimit = resumeLimit;
            return this;
        }

        /** Web settings (tiles, marker limit, ...); default {@link ConsoleConfig#defaults()}. */
        public Builder config(ConsoleConfig config) {
            this.config = config;
            return this;
        }

        public OpsConsole build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException(
                        "bootstrapServers is required, e.g. 127.0.0.1:9092");
            }
            if (eventsTopic == null || eventsTopic.isBlank()) {
                throw new IllegalArgumentException("eventsTopic must not be blank");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
            }
            Objects.requireNonNull(
                    tokens, "tokens are required (AccessTokens.load or loadOrCreateDemo)");
            if (recentLimit < 1) {
                throw new IllegalArgumentException("recentLimit must be >= 1, was " + recentLimit);
            }
            if (resumeLimit < 1) {
                throw new IllegalArgumentException("resumeLimit must be >= 1, was " + resumeLimit);
            }
            Objects.requireNonNull(config, "config");
            if (city == null) {
                city = CityOption.defaultCity();
            }
            return new OpsConsole(this);
        }

        /** {@code build().start()}. */
        public Running start() {
            return build().start();
        }
    }
}
