package org.zonestat.console.fieldwork;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.scorecard.HuddleServices;
import org.zonestat.console.scorecard.Params;
import org.zonestat.console.scorecard.WeeklyReport;
import org.zonestat.geo.stats.KnoxNearRepeatAnalysis;
import org.zonestat.topics.ForecastScoreMessage;

/**
 * The forecast scores and the near-repeat table: {@code GET /api/forecast} (the latest score as the
 * huddle's line and the weekly series for the report's chart), {@code GET /api/knox} (the Knox
 * table of the loaded history) and the {@code /analysis} page that explains the terms.
 *
 * <p>Access: staff (the scores and the table are aggregates, but the page sits with the analysts'
 * tools). Thread-safe.
 */
public final class ForecastRoutes implements RouteGroup {
    private static final Access.Rule STAFF =
            Access.staff("the %s role does not see the analysts' forecast scores");

    private final FieldWork work;
    private final HuddleServices huddle;
    private final KnoxHistory knox;

    public ForecastRoutes(FieldWork work, HuddleServices huddle) {
        this.work = work;
        this.huddle = huddle;
        this.knox = new KnoxHistory(work.history());
    }

    /** One week of the chart: the forecast made at its Monday, scored over the week. */
    public record Week(
            String week,
            LocalDate monday,
            Integer flaggedCells,
            Double areaShare,
            Long events,
            Long hits,
            Double hitRate,
            Double pai,
            Long baselineHits,
            Double baselineHitRate,
            Double baselinePai) {}

    /**
     * The answer: the latest final score, its sentence, the weekly series (oldest first) and the
     * means of the weeks where both PAIs are defined.
     */
    public record Answer(
            LocalDate date,
            ForecastScoreMessage latest,
            String line,
            List<Week> weekly,
            Double meanPai,
            Double meanBaselinePai,
            int scoredWeeks) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes
                .get("/api/forecast", this::forecast, STAFF)
                .get("/api/knox", this::knox, STAFF)
                .get(
                        "/analysis",
                        new ClasspathFile("public/analysis.html", "text/html"),
                        Access.OPEN);
    }

    private void forecast(Context ctx) {
        LocalDate date = Params.date(ctx, "date");
        if (date == null) {
            date = huddle.today(huddle.settings().huddleLayer());
        }
        int weeks = (int) PlaceRoutes.number(ctx, "weeks", 52, 1, 260);
        ZoneId tz = huddle.settings().timeZone();
        Instant end = date.plusDays(1).atStartOfDay(tz).toInstant();
        Optional<ForecastScoreMessage> latest = work.forecasts().latest(end);
        // The last week whose scores are final by the end of the date: its Monday + 7 <= date + 1.
        LocalDate lastMonday = date.plusDays(1).minusDays(7).with(DayOfWeek.MONDAY);
        if (lastMonday.plusDays(7).isAfter(date.plusDays(1))) {
            lastMonday = lastMonday.minusWeeks(1);
        }
        List<Week> series = new ArrayList<>();
        double paiSum = 0;
        double baseSum = 0;
        int both = 0;
        for (int w = weeks - 1; w >= 0; w--) {
            LocalDate monday = lastMonday.minusWeeks(w);
            Optional<ForecastScoreMessage> s =
                    work.forecasts().at(monday.atStartOfDay(tz).toInstant());
            series.add(week(monday, s.orElse(null)));
            if (s.isPresent() && s.get().pai() != null && s.get().baselinePai() != null) {
                paiSum += s.get().pai();
                baseSum += s.get().baselinePai();
                both++;
            }
        }
        ctx.json(
                new Answer(
                        date,
                        latest.orElse(null),
                        latest.map(ForecastRoutes::line)
                                .orElse(
                                        "no forecast score yet: hot cells are scored a week after"
                                                + " they are flagged"),
                        series,
                        both == 0 ? null : Math.round(paiSum / both * 100) / 100.0,
                        both == 0 ? null : Math.round(baseSum / both * 100) / 100.0,
                        both));
    }

    private static Week week(LocalDate monday, ForecastScoreMessage s) {
        String name = WeeklyReport.weekOf(monday);
        if (s == null) {
            return new Week(name, monday, null, null, null, null, null, null, null, null, null);
        }
        return new Week(
                name,
                monday,
                s.flaggedCells(),
                s.areaShare(),
                s.events(),
                s.hits(),
                s.hitRate(),
                s.pai(),
                s.baselineHits(),
                s.baselineHitRate(),
                s.baselinePai());
    }

    /**
     * The huddle's sentence: "hot cells covered 2.1% of the city and 18% of the 11 shootings and
     * homicides of the following week: PAI 8.6; the simple rule: 6.2".
     */
    static String line(ForecastScoreMessage s) {
        if (s.events() == 0) {
            return "no shooting or homicide in the week after the hot cells were flagged: not scored";
        }
        if (s.flaggedCells() == 0) {
            return "no hot cell was flagged for the week: nothing to score ("
                    + s.events()
                    + " shootings and homicides)";
        }
        return String.format(
                Locale.ROOT,
                "hot cells covered %.1f%% of the city and %.0f%% of the %d shootings and homicides of"
                        + " the following week: PAI %.1f; the simple rule: %.1f",
                100 * s.areaShare(),
                100 * s.hitRate(),
                s.events(),
                s.pai(),
                s.baselinePai());
    }

    private void knox(Context ctx) {
        ZoneId tz = huddle.settings().timeZone();
        LocalDate from = Params.date(ctx, "from");
        LocalDate to = Params.date(ctx, "to");
        Instant start = from == null ? Instant.EPOCH : from.atStartOfDay(tz).toInstant();
        Instant until =
                to == null
                        ? Instant.parse("9999-01-01T00:00:00Z")
                        : to.plusDays(1).atStartOfDay(tz).toInstant();
        String bandText = ctx.queryParam("bands");
        KnoxNearRepeatAnalysis.Bands bands;
        try {
            bands =
                    KnoxNearRepeatAnalysis.Bands.parse(
                            bandText == null || bandText.isBlank()
                                    ? "100,200,400,800,1600:7,14,21,28,56"
                                    : bandText);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("query parameter 'bands': " + e.getMessage());
        }
        int permutations = (int) PlaceRoutes.number(ctx, "permutations", 99, 1, 999);
        long seed = (long) PlaceRoutes.number(ctx, "seed", 1, 0, Long.MAX_VALUE);
        try {
            ctx.json(knox.table(start, until, bands, permutations, seed, 0.05));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }
}
