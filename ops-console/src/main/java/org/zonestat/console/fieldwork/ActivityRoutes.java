package org.zonestat.console.fieldwork;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Point;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.JsonBody;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.console.scorecard.Params;
import org.zonestat.geo.Zone;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RawActivity;

/**
 * The activities endpoints: {@code POST /api/activities} (log what was done: the huddle's and the
 * site-visit plan's "log this visit"), {@code GET /api/activities} (a zone's activities), {@code
 * GET /api/activities/zone} (the huddle card's summary), {@code GET /api/site-visits/rotation}
 * (which zones were visited and when), {@code GET /api/report/inputs} (the weekly report's inputs
 * against outcomes, every zone of a layer) and the {@code /site-visits} page.
 *
 * <p>An activity is written to {@code activities.raw} and answered {@code 202}: it shows in the
 * lists and counts once the job has validated and tagged it. An outreach contact's "who" is hashed
 * with the city's contact key into the week's token ({@link org.zonestat.topics.ContactTokens})
 * before anything is written; it is never kept or logged.
 *
 * <p>Access: staff (dispatcher, analyst, admin). Thread-safe.
 */
public final class ActivityRoutes implements RouteGroup {
    /** The {@code source} of what the console writes. */
    static final String SOURCE = "console";

    private static final Access.Rule STAFF =
            Access.staff("the %s role does not see or log agencies' activities");

    private final FieldWork work;
    private final HuddleServices huddle;
    private final Supplier<ZoneCatalog> catalog;
    private final Params params;

    public ActivityRoutes(FieldWork work, HuddleServices huddle, Supplier<ZoneCatalog> catalog) {
        this.work = work;
        this.huddle = huddle;
        this.catalog = catalog;
        this.params = new Params(catalog);
    }

    /** {@code 202}: the id the activity was written with and the event id it will have. */
    public record Sent(String id, String activityId, Instant occurredAt) {}

    /** A zone's activities as the huddle card shows them. */
    public record ZoneSummary(
            String layer,
            String zone,
            LocalDate date,
            LocalDate lastSiteVisit,
            Map<String, Long> last7d,
            long uniqueContacts7d,
            List<ActivityMessage> recent) {}

    /** Which zones were visited and when. */
    public record Rotation(String layer, LocalDate asOf, int days, List<Visit> zones) {}

    /**
     * @param lastVisit the latest day with a site visit up to {@code asOf} (looking back a year)
     * @param daysSince days from it to {@code asOf}
     * @param visits site visits in the {@code days} up to {@code asOf}
     */
    public record Visit(String zone, LocalDate lastVisit, Long daysSince, long visits) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .post("/api/activities", this::log, STAFF)
                .get("/api/activities", this::list, STAFF)
                .get("/api/activities/zone", this::zone, STAFF)
                .get("/api/site-visits/rotation", this::rotation, STAFF)
                .get("/api/report/inputs", this::inputs, STAFF)
                .get(
                        "/site-visits",
                        new ClasspathFile("public/site-visits.html", "text/html"),
                        Access.OPEN);
    }

    private void log(Context ctx) {
        FieldRequests.Activity body = JsonBody.parse(ctx.body(), FieldRequests.Activity.class);
        ZoneId tz = huddle.settings().timeZone();
        Instant now = work.settings().clock().instant();
        Instant at = when(body, now, tz);
        if (at.isAfter(now.plus(1, ChronoUnit.HOURS))) {
            throw new BadRequestResponse("field 'occurredAt' must not be in the future, was " + at);
        }
        double[] lonLat;
        String placeId = null;
        String address = null;
        if (body.placeId() != null) {
            PlaceMessage p =
                    work.places()
                            .get(body.placeId())
                            .orElseThrow(
                                    () ->
                                            new NotFoundResponse(
                                                    "no place '" + body.placeId() + "'"));
            lonLat = new double[] {p.lon(), p.lat()};
            placeId = p.placeId();
            address = p.address();
        } else if (body.lat() != null) {
            if (catalog.get().tag(body.lon(), body.lat()).isEmpty()) {
                throw new BadRequestResponse("'lat' and 'lon' lie in no zone of any layer");
            }
            lonLat = new double[] {body.lon(), body.lat()};
        } else {
            String layer = params.knownLayer("field 'layer'", body.layer());
            String zone = params.zone("field 'zone'", layer, body.zone());
            lonLat = insideOf(layer, zone);
        }
        String token = null;
        if (body.contact() != null) {
            if (work.settings().contactTokens() == null) {
                throw new BadRequestResponse(
                        "this console has no contact key (--contact-key): log the contact without"
                                + " 'contact'");
            }
            token =
                    work.settings()
                            .contactTokens()
                            .token(body.contact(), at.atZone(tz).toLocalDate());
        }
        RawActivity a =
                new RawActivity(
                        "A-" + UUID.randomUUID(),
                        SOURCE,
                        body.kind(),
                        body.agency(),
                        at,
                        lonLat[1],
                        lonLat[0],
                        placeId,
                        body.count(),
                        body.outcome(),
                        token,
                        address,
                        Map.of());
        work.writer().activity(a);
        ctx.status(202).json(new Sent(a.id(), "activity/" + SOURCE + "/" + a.id(), at));
    }

    /** {@code occurredAt}, or {@code date}: now if it is today, else noon that day; or now. */
    static Instant when(FieldRequests.Activity body, Instant now, ZoneId tz) {
        if (body.occurredAt() != null) {
            return body.occurredAt().toInstant();
        }
        if (body.date() == null || body.date().equals(now.atZone(tz).toLocalDate())) {
            return now;
        }
        return body.date().atTime(12, 0).atZone(tz).toInstant();
    }

    /** A point inside the zone (JTS's interior point), so the job tags the activity with it. */
    private double[] insideOf(String layer, String zone) {
        ZoneLayer l = catalog.get().layer(layer).orElseThrow();
        for (Zone z : l.zones()) {
            if (z.name().equals(zone)) {
                Point p = z.geometry().getInteriorPoint();
                return new double[] {p.getX(), p.getY()};
            }
        }
        throw new NotFoundResponse("unknown zone '" + zone + "' in layer " + layer);
    }

    private void list(Context ctx) {
        String layer = params.layer(ctx, huddle.settings().huddleLayer());
        String zone = params.zone("query parameter 'zone'", layer, ctx.queryParam("zone"));
        LocalDate to = Params.date(ctx, "to");
        if (to == null) {
            to = huddle.today(layer);
        }
        LocalDate from = Params.date(ctx, "from");
        if (from == null) {
            from = to.minusDays(27);
        }
        if (from.isAfter(to) || from.plusDays(366).isBefore(to)) {
            throw new BadRequestResponse(
                    "query parameters 'from' and 'to' must be in order and at most 366 days apart");
        }
        ZoneId tz = huddle.settings().timeZone();
        ctx.json(
                work.activities()
                        .inZone(
                                layer,
                                zone,
                                from.atStartOfDay(tz).toInstant(),
                                to.plusDays(1).atStartOfDay(tz).toInstant()));
    }

    private void zone(Context ctx) {
        String layer = params.layer(ctx, huddle.settings().huddleLayer());
        String zone = params.zone("query parameter 'zone'", layer, ctx.queryParam("zone"));
        LocalDate date = Params.date(ctx, "date");
        if (date == null) {
            date = huddle.today(layer);
        }
        ZoneId tz = huddle.settings().timeZone();
        ActivityDays.Summary week =
                work.activityDays().summary(layer, zone, date.minusDays(6), date);
        List<ActivityMessage> recent =
                work.activities()
                        .inZone(
                                layer,
                                zone,
                                date.minusDays(6).atStartOfDay(tz).toInstant(),
                                date.plusDays(1).atStartOfDay(tz).toInstant());
        ctx.json(
                new ZoneSummary(
                        layer,
                        zone,
                        date,
                        work.activityDays()
                                .lastDay(
                                        layer,
                                        zone,
                                        ActivityKind.SITE_VISIT,
                                        date.minusDays(365),
                                        date),
                        week.activities(),
                        week.uniqueContacts(),
                        recent.subList(0, Math.min(5, recent.size()))));
    }

    private void rotation(Context ctx) {
        String layer = params.layer(ctx, huddle.settings().huddleLayer());
        LocalDate asOf = Params.date(ctx, "asOf");
        if (asOf == null) {
            asOf = huddle.today(layer);
        }
        int days = (int) PlaceRoutes.number(ctx, "days", 28, 1, 365);
        List<Visit> out = new ArrayList<>();
        for (String zone : params.zones(layer)) {
            LocalDate last =
                    work.activityDays()
                            .lastDay(
                                    layer,
                                    zone,
                                    ActivityKind.SITE_VISIT,
                                    asOf.minusDays(365),
                                    asOf);
            long visits =
                    work.activityDays()
                            .summary(layer, zone, asOf.minusDays(days - 1L), asOf)
                            .count(ActivityKind.SITE_VISIT);
            out.add(
                    new Visit(
                            zone,
                            last,
                            last == null ? null : ChronoUnit.DAYS.between(last, asOf),
                            visits));
        }
        ctx.json(new Rotation(layer, asOf, days, out));
    }

    private void inputs(Context ctx) {
        String layer = params.layer(ctx, huddle.settings().huddleLayer());
        LocalDate monday = Params.weekMonday(ctx, () -> huddle.today(layer));
        double goal = Params.goal(ctx, huddle.settings().goalPercent());
        ctx.json(
                new InputsOutcomes(huddle.scorecard(), work.activityDays())
                        .build(layer, params.zones(layer), monday, goal));
    }
}
