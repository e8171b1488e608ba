package org.zonestat.console.sitevisit;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.zonestat.console.Access;
import org.zonestat.console.LiveItem;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.replay.ReplayReader;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;

/**
 * {@code GET /api/site-visits?layer=&asOf=YYYY-MM-DD[&days=28][&format=json|csv|geojson]}: the
 * {@link SiteVisitPlan} of a layer, read from the {@code events} and {@code alerts} topics through
 * a {@link ReplayReader}. Dispatchers, analysts and admins only (the public gets 403); tips are
 * never counted. Bad parameters get a 400 naming the parameter; an unknown layer a 404.
 *
 * <p>Thread-safe.
 */
public final class SiteVisitRoutes implements RouteGroup {
    private final ReplayReader reader;
    private final Supplier<ZoneCatalog> catalog;
    private final ZoneId timeZone;
    private final CodeEnforcement codeEnforcement;

    /** The JSON answer: the plan plus how it was made. */
    public record Answer(
            String layer,
            LocalDate asOf,
            int days,
            java.time.Instant from,
            java.time.Instant until,
            Map<String, Double> weights,
            String source,
            List<SiteVisitPlan.Row> rows) {}

    /**
     * @param reader reads the topics
     * @param catalog the layers as they are now
     * @param timeZone the city's zone, whose local days the plan counts
     * @param codeEnforcement the city's code-enforcement request types
     */
    public SiteVisitRoutes(
            ReplayReader reader,
            Supplier<ZoneCatalog> catalog,
            ZoneId timeZone,
            CodeEnforcement codeEnforcement) {
        this.reader = reader;
        this.catalog = catalog;
        this.timeZone = timeZone;
        this.codeEnforcement = codeEnforcement;
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/site-visits",
                this::plan,
                Access.staff(
                        "the %s role does not get site-visit plans (they rest on exact locations)"));
    }

    /** {@code GET /api/site-visits}. */
    private void plan(Context ctx) {
        Role role = Access.role(ctx);
        ZoneCatalog now = catalog.get();
        SiteVisitQuery q = SiteVisitQuery.parse(ctx::queryParam, now);
        ZoneLayer layer = q.layer();
        LocalDate asOf = q.asOf();
        int days = q.days();
        // Tips are left out for every role: a plan may be shared beyond analysts.
        Predicate<LiveItem> keep =
                item ->
                        !item.revealsTip()
                                && role.maySee(item)
                                && SiteVisitPlan.relevant(item, codeEnforcement);
        ReplayReader.Range range =
                reader.read(
                        SiteVisitPlan.readFrom(asOf, days, timeZone),
                        SiteVisitPlan.until(asOf, timeZone),
                        keep);
        SiteVisitPlan plan =
                SiteVisitPlan.rank(
                        now.locator(layer.id()).orElseThrow(),
                        asOf,
                        days,
                        timeZone,
                        codeEnforcement,
                        range.events(),
                        range.alerts());
        String file = "site-visits-" + layer.id() + "-" + asOf;
        switch (q.format()) {
            case "csv" ->
                    ctx.contentType("text/csv; charset=utf-8")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".csv\"")
                            .result(SiteVisitExport.csv(plan));
            case "geojson" ->
                    ctx.contentType("application/geo+json")
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + file + ".geojson\"")
                            .result(SiteVisitExport.geoJson(plan, layer));
            default ->
                    ctx.json(
                            new Answer(
                                    plan.layer(),
                                    plan.asOf(),
                                    plan.days(),
                                    plan.from(),
                                    plan.until(),
                                    SiteVisitPlan.weights(),
                                    "events and alerts topics (violence by occurredAt; 311 HCD-* requests"
                                            + " by their latest update; overdue from overdue-311 alerts)",
                                    plan.rows()));
        }
    }
}
