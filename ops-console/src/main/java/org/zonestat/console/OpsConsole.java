package org.zonestat.console;

import io.javalin.Javalin;

import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.console.scorecard.HuddleSettings;
import org.zonestat.console.scorecard.ScorecardRoutes;
import org.zonestat.geo.ZoneCatalog;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Starts and stops the whole ops console from other code (the one-process demo, tests): the live
 * event hub, the {@link EventsTopicFeed} reading Kafka and the {@link OpsConsoleApp} web server.
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
    /** The topic the stream job writes tagged events to. */
    public static final String DEFAULT_EVENTS_TOPIC = "events";

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_RECENT_LIMIT = 500;

    private final String bootstrapServers;
    private final String eventsTopic;
    private final List<String> rawTopics;
    private final String rejectedTopic;
    private final String jobGroup;
    private final String host;
    private final int port;
    private final AccessTokens tokens;
    private final ZoneCatalog catalog;
    private final int recentLimit;
    private final ConsoleConfig config;
    private final HuddleSettings huddle;

    private OpsConsole(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.eventsTopic = b.eventsTopic;
        this.rawTopics = List.copyOf(b.rawTopics);
        this.rejectedTopic = b.rejectedTopic;
        this.jobGroup = b.jobGroup;
        this.host = b.host;
        this.port = b.port;
        this.tokens = b.tokens;
        this.catalog = b.catalog != null ? b.catalog : ZoneCatalog.baltimore();
        this.recentLimit = b.recentLimit;
        this.config = b.config;
        this.huddle = b.huddle;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the feed thread and the web server; returns once the server listens. */
    public Running start() {
        LiveEventHub hub = new LiveEventHub(recentLimit);
        EventsTopicFeed feed = new EventsTopicFeed(bootstrapServers, eventsTopic, hub).start();
        PipelineCounters counters =
                new PipelineCounters(bootstrapServers, rawTopics, eventsTopic, rejectedTopic, jobGroup).start();
        HuddleServices scorecards = new HuddleServices(bootstrapServers, eventsTopic, catalog, huddle).start();
        try {
            ScorecardRoutes scorecardRoutes =
                    new ScorecardRoutes(scorecards, catalog, tokens, hub, counters::snapshot);
            Javalin app = new OpsConsoleApp(config, catalog, tokens, hub, feed::health, counters::snapshot)
                    .withRoutes(scorecardRoutes::addTo)
                    .create();
            app.start(host, port);
            return new Running(app, feed, hub, host, counters, scorecards);
        } catch (RuntimeException e) {
            feed.close();
            counters.close();
            scorecards.close();
            throw e;
        }
    }

    /** A running console; {@link #close()} stops the web server and the Kafka consumer. */
    public static final class Running implements AutoCloseable {
        private final Javalin app;
        private final EventsTopicFeed feed;
        private final LiveEventHub hub;
        private final String host;
        private final PipelineCounters counters;
        private final HuddleServices scorecards;
        private boolean closed;

        private Running(Javalin app, EventsTopicFeed feed, LiveEventHub hub, String host, PipelineCounters counters,
                HuddleServices scorecards) {
            this.app = app;
            this.feed = feed;
            this.hub = hub;
            this.host = host;
            this.counters = counters;
            this.scorecards = scorecards;
        }

        /** The scorecard, hot cells, 311 requests and action items this console holds. */
        public HuddleServices scorecards() {
            return scorecards;
        }

        /** The pipeline's reconciliation as {@code /api/pipeline} reports it. */
        public PipelineCounters.Snapshot pipeline() {
            return counters.snapshot();
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
            return feed.health();
        }

        /** Stops the web server, then the consumer thread. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                app.stop();
            } finally {
                feed.close();
                counters.close();
                scorecards.close();
            }
        }
    }

    /** Fails fast: {@link #build()} rejects missing or invalid settings with a clear message. */
    public static final class Builder {
        private String bootstrapServers;
        private String eventsTopic = DEFAULT_EVENTS_TOPIC;
        private List<String> rawTopics = List.of("incidents.raw", "requests311.raw", "tips.raw");
        private String rejectedTopic = "rejected";
        private String jobGroup = "zonestat-tagging";
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private AccessTokens tokens;
        private ZoneCatalog catalog;
        private int recentLimit = DEFAULT_RECENT_LIMIT;
        private ConsoleConfig config = ConsoleConfig.defaults();
        private HuddleSettings huddle = HuddleSettings.defaults();

        private Builder() {}

        /** Topics, goal, time zone and date of the scorecard and huddle; default {@link HuddleSettings#defaults()}. */
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
        public Builder pipelineTopics(List<String> rawTopics, String rejectedTopic, String jobGroup) {
            this.rawTopics = List.copyOf(rawTopics);
            this.rejectedTopic = Objects.requireNonNull(rejectedTopic, "rejectedTopic");
            this.jobGroup = Objects.requireNonNull(jobGroup, "jobGroup");
            return this;
        }

        /** The topic to read; default {@value OpsConsole#DEFAULT_EVENTS_TOPIC}. */
        public Builder eventsTopic(String topic) {
            this.eventsTopic = topic;
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

        /** The zone layers; default {@link ZoneCatalog#baltimore()}, loaded at build time. */
        public Builder catalog(ZoneCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** How many recent events a new client gets; default {@value #DEFAULT_RECENT_LIMIT}. */
        public Builder recentLimit(int recentLimit) {
            this.recentLimit = recentLimit;
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
            Objects.requireNonNull(config, "config");
            return new OpsConsole(this);
        }

        /** {@code build().start()}. */
        public Running start() {
            return build().start();
        }
    }
}
