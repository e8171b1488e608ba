package org.zonestat.console.tipline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.ConsoleJson;
import org.zonestat.console.JsonBody;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.ZoneGeoJson;
import org.zonestat.console.community.BoundedBody;
import org.zonestat.console.community.IntakeWriter;
import org.zonestat.console.community.RateLimiter;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.topics.TipLineCase;

/**
 * The anonymous tip line's pages and API ({@link TipLine}):
 *
 * <ul>
 *   <li>{@code GET /tip}, {@code GET /tip/status}: the public pages (no login, phone-sized);
 *   <li>{@code GET /api/tips/map}: the outline of the city's districts for the tip page's map;
 *   <li>{@code POST /api/tips}: a tip ({@link TipSubmission}); {@code 201} with the tip number and
 *       the secret phrase;
 *   <li>{@code POST /api/tips/status} {@code {tipNumber, phrase}}: the tip's status and exchange
 *       ({@link TipStatus}); 404 when the number or the phrase is wrong (never said which);
 *   <li>{@code POST /api/tips/followups} {@code {tipNumber, phrase, text}}: adds information;
 *       {@code 201} with the status;
 *   <li>{@code GET /tips}, {@code GET /api/tips}, {@code POST /api/tips/{number}/review} {@code
 *       {reply?}}: the analysts' tip desk, for analysts and admins only (dispatchers and the public
 *       get 403; the page asks for a token).
 * </ul>
 *
 * The public routes take no token, store and log nothing about the caller (the access log writes no
 * address or user agent for any route; see {@code AccessLog}), set no cookie and answer with {@code
 * Cache-Control: no-store}. Bodies over {@link TipLineSettings#maxBodyBytes} get 413, too many tips
 * or looks from one address (or at one tip number) 429.
 *
 * <p>Thread-safe.
 */
public final class TipLineRoutes implements RouteGroup {
    private static final String ANALYSTS_ONLY = "only analysts and admins see tips, not %s";

    private final TipLine tipLine;
    private final TipLineSettings settings;
    private final ZoneId timeZone;
    private final ZoneGeoJson geoJson;
    private final RateLimiter submits;
    private final RateLimiter lookups;
    private final RateLimiter lookupsPerTip;

    public TipLineRoutes(
            IntakeWriter writer,
            TipLineStore store,
            TipLineSettings settings,
            ZoneId timeZone,
            Supplier<ZoneCatalog> catalog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.tipLine =
                new TipLine(
                        writer,
                        store,
                        new TipSecrets(settings.hashIterations()),
                        settings.tipsTopic(),
                        settings.tipLineTopic(),
                        settings.clock(),
                        timeZone,
                        catalog);
        this.geoJson = new ZoneGeoJson(catalog, ConsoleJson.newMapper());
        this.submits =
                new RateLimiter(
                        "tips", settings.submitsPerAddress(), settings.window(), settings.clock());
        this.lookups =
                new RateLimiter(
                        "tip look-ups",
                        settings.lookupsPerAddress(),
                        settings.window(),
                        settings.clock());
        this.lookupsPerTip =
                new RateLimiter(
                        "look-ups of this tip",
                        settings.lookupsPerTip(),
                        settings.window(),
                        settings.clock());
    }

    public TipLine tipLine() {
        return tipLine;
    }

    /** What a tipster sees: status, dates (days only) and the exchange, nothing else. */
    public record TipStatus(
            String tipNumber,
            String status,
            LocalDate receivedOn,
            LocalDate reviewedOn,
            List<TipLineCase.Message> messages) {}

    /** What an analyst sees of a case (never the phrase hash). */
    public record TipCase(
            String tipNumber,
            String tipId,
            String category,
            String status,
            Instant receivedAt,
            Instant reviewedAt,
            List<TipLineCase.Message> messages) {
        static TipCase of(TipLineCase c) {
            return new TipCase(
                    c.tipNumber(),
                    c.tipId(),
                    c.category(),
                    c.status(),
                    c.receivedAt(),
                    c.reviewedAt(),
                    c.messages());
        }
    }

    /** {@code {tipNumber, phrase}}. */
    public record TipLookup(String tipNumber, String phrase) {
        @JsonCreator
        public TipLookup(
                @JsonProperty("tipNumber") String tipNumber,
                @JsonProperty("phrase") String phrase) {
            this.tipNumber = JsonBody.text("tipNumber", tipNumber, 20, true);
            this.phrase = JsonBody.text("phrase", phrase, 200, true);
        }
    }

    /** {@code {tipNumber, phrase, text}}. */
    public record TipFollowUp(String tipNumber, String phrase, String text) {
        @JsonCreator
        public TipFollowUp(
                @JsonProperty("tipNumber") String tipNumber,
                @JsonProperty("phrase") String phrase,
                @JsonProperty("text") String text) {
            this.tipNumber = JsonBody.text("tipNumber", tipNumber, 20, true);
            this.phrase = JsonBody.text("phrase", phrase, 200, true);
            this.text = JsonBody.text("text", text, TipSubmission.MAX_TEXT, true);
        }
    }

    /** {@code {reply?}}. */
    public record TipReview(String reply) {
        @JsonCreator
        public TipReview(@JsonProperty("reply") String reply) {
            this.reply = JsonBody.text("reply", reply, TipSubmission.MAX_TEXT, false);
        }
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .before("/tip", TipLineRoutes::noStore)
                .before("/tip/*", TipLineRoutes::noStore)
                .before("/api/tips", TipLineRoutes::noStore)
                .before("/api/tips/*", TipLineRoutes::noStore)
                .get("/tip", new ClasspathFile("public/tip.html", "text/html"), Access.OPEN)
                .get(
                        "/tip/status",
                        new ClasspathFile("public/tip-status.html", "text/html"),
                        Access.OPEN)
                .get("/tips", new ClasspathFile("public/tips.html", "text/html"), Access.OPEN)
                .get("/api/tips/map", this::map, Access.OPEN)
                .post("/api/tips", this::submit, Access.OPEN)
                .post("/api/tips/status", this::status, Access.OPEN)
                .post("/api/tips/followups", this::followUp, Access.OPEN)
                .get("/api/tips", this::desk, Access.analyst(ANALYSTS_ONLY))
                .post("/api/tips/{number}/review", this::review, Access.analyst(ANALYSTS_ONLY));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    private void map(Context ctx) {
        byte[] body =
                geoJson.featureCollection(settings.mapLayer())
                        .orElseThrow(
                                () -> new NotFoundResponse("no map layer " + settings.mapLayer()));
        ctx.contentType("application/geo+json").result(body);
    }

    private void submit(Context ctx) {
        String body = BoundedBody.text(ctx, settings.maxBodyBytes());
        submits.acquire(ctx, null);
        TipSubmission tip = JsonBody.parse(body, TipSubmission.class);
        try {
            ctx.status(HttpStatus.CREATED).json(tipLine.submit(tip));
        } catch (IntakeWriter.IntakeUnavailableException e) {
            throw unavailable();
        }
    }

    private void status(Context ctx) {
        String body = BoundedBody.text(ctx, settings.maxBodyBytes());
        lookups.acquire(ctx, null);
        TipLookup lookup = JsonBody.parse(body, TipLookup.class);
        lookupsPerTip.acquire(ctx, lookup.tipNumber());
        ctx.json(
                view(
                        tipLine.open(lookup.tipNumber(), lookup.phrase())
                                .orElseThrow(TipLineRoutes::noSuchTip)));
    }

    private void followUp(Context ctx) {
        String body = BoundedBody.text(ctx, settings.maxBodyBytes());
        lookups.acquire(ctx, null);
        TipFollowUp f = JsonBody.parse(body, TipFollowUp.class);
        lookupsPerTip.acquire(ctx, f.tipNumber());
        try {
            TipLineCase c =
                    tipLine.followUp(f.tipNumber(), f.phrase(), f.text())
                            .orElseThrow(TipLineRoutes::noSuchTip);
            ctx.status(HttpStatus.CREATED).json(view(c));
        } catch (IntakeWriter.IntakeUnavailableException e) {
            throw unavailable();
        }
    }

    private void desk(Context ctx) {
        ctx.json(tipLine.store().all().stream().map(TipCase::of).toList());
    }

    private void review(Context ctx) {
        String number = ctx.pathParam("number");
        TipReview r =
                ctx.body().isBlank()
                        ? new TipReview(null)
                        : JsonBody.parse(ctx.body(), TipReview.class);
        try {
            ctx.json(
                    TipCase.of(
                            tipLine.review(number, r.reply())
                                    .orElseThrow(
                                            () ->
                                                    new NotFoundResponse(
                                                            "no tip number '" + number + "'"))));
        } catch (IntakeWriter.IntakeUnavailableException e) {
            throw unavailable();
        }
    }

    private TipStatus view(TipLineCase c) {
        return new TipStatus(
                c.tipNumber(),
                c.status(),
                c.receivedAt().atZone(timeZone).toLocalDate(),
                c.reviewedAt() == null ? null : c.reviewedAt().atZone(timeZone).toLocalDate(),
                c.messages());
    }

    private static NotFoundResponse noSuchTip() {
        return new NotFoundResponse("no tip with that number and phrase");
    }

    private static BadRequestResponse unavailable() {
        return new BadRequestResponse(
                "the tip line could not store this and kept nothing: try again later");
    }
}
