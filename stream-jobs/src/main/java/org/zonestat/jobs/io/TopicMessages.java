package org.zonestat.jobs.io;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.zonestat.geo.stats.ForecastScore;
import org.zonestat.jobs.model.ActivityDetails;
import org.zonestat.jobs.model.Alert;
import org.zonestat.jobs.model.AlertType;
import org.zonestat.jobs.model.CityEvent;
import org.zonestat.jobs.model.ForecastEvaluation;
import org.zonestat.jobs.model.HotspotChange;
import org.zonestat.jobs.model.HotspotWindowSummary;
import org.zonestat.jobs.model.HotspotZoneCounts;
import org.zonestat.jobs.model.Notification;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.jobs.model.RiskHalo;
import org.zonestat.jobs.model.TaggedEvent;
import org.zonestat.jobs.model.ZoneDayStats;
import org.zonestat.jobs.model.ZoneDosage;
import org.zonestat.topics.ActivityKind;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.AlertMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.ForecastScoreMessage;
import org.zonestat.topics.HotspotCellMessage;
import org.zonestat.topics.HotspotWindowMessage;
import org.zonestat.topics.NotificationMessage;
import org.zonestat.topics.RejectedMessage;
import org.zonestat.topics.RiskHaloMessage;
import org.zonestat.topics.ZoneStatsMessage;
import org.zonestat.topics.ZoneWindowCountsMessage;

/**
 * What each of the job's outputs is on its topic: one mapping per output type to its message of the
 * {@code topics} contract. The wire decisions live here: statistics rounded (z to 4 decimals, p and
 * q to 6 unless under 1e-6, days open to 2, the median days to close to 3), "does not apply"
 * written as null (a NaN distance or median, an unrecorded layer version left out), enums by their
 * wire codes, and the zones of alerts, notifications and halos in layer-id order (the events' zones
 * keep the catalog's order).
 *
 * <p>Stateless and thread-safe.
 */
public final class TopicMessages {
    private TopicMessages() {}

    /** A tagged event on {@code events}. */
    public static EventMessage event(TaggedEvent tagged) {
        CityEvent e = tagged.event();
        return new EventMessage(
                e.eventId(),
                e.stream().wireName(),
                e.kind(),
                e.type(),
                e.status(),
                e.recordId(),
                e.source(),
                e.occurredAt(),
                e.lon(),
                e.lat(),
                tagged.h3(),
                tagged.zones(),
                tagged.layerVersions(),
                e.address(),
                e.dueAt());
    }

    /** A rejection on {@code rejected}. */
    public static RejectedMessage rejected(Rejection r) {
        return new RejectedMessage(
                r.source().topic(),
                r.source().partition(),
                r.source().offset(),
                Instant.ofEpochMilli(r.source().receivedAtMillis()),
                r.reason().code(),
                r.detail(),
                r.source().value());
    }

    /** An alert on {@code alerts}. */
    public static AlertMessage alert(Alert a) {
        return new AlertMessage(
                a.alertId(),
                a.type().code(),
                a.at(),
                a.subjectId(),
                a.relatedId(),
                a.category(),
                a.lon(),
                a.lat(),
                sorted(a.zones()),
                a.dueAt(),
                Double.isNaN(a.distanceMeters()) ? null : a.distanceMeters(),
                a.priority(),
                a.type() == AlertType.VIOLENCE ? PositionMessages.units(a.units()) : null,
                a.restricted() ? Boolean.TRUE : null,
                a.passedAt());
    }

    /** A closing-the-loop notification on {@code notifications}. */
    public static NotificationMessage notification(Notification n) {
        return new NotificationMessage(
                n.notificationId(),
                n.requestId(),
                n.type(),
                n.outcome(),
                n.createdAt(),
                n.closedAt(),
                round(n.daysOpen(), 100),
                n.dueAt(),
                n.metDueDate(),
                n.reopenedBefore(),
                n.channel().wireName(),
                sorted(n.zones()));
    }

    /** A zone's day on {@code zone-stats}. */
    public static ZoneStatsMessage zoneStats(ZoneDayStats s) {
        DosageFields d = dosage(s.dosage());
        return new ZoneStatsMessage(
                s.layer(),
                s.zone(),
                LocalDate.parse(s.day()),
                s.from(),
                s.until(),
                s.homicides(),
                s.shootings(),
                s.otherViolent(),
                s.requestsOpened(),
                s.requestsClosed(),
                s.tips(),
                s.requestsOverdue(),
                s.openAtEnd(),
                s.overdueAtEnd(),
                s.layerVersion() > 0 ? s.layerVersion() : null,
                Double.isNaN(s.medianDaysToClose()) ? null : round(s.medianDaysToClose(), 1000),
                inKindOrder(s.activities()),
                s.contactSketch() == null ? null : s.uniqueContacts(),
                s.contactSketch(),
                d.patrolMinutes(),
                d.patrolVisits(),
                d.patrolLongVisits(),
                d.outreachMinutes(),
                d.outreachVisits(),
                d.outreachLongVisits(),
                null);
    }

    /**
     * A tagged activity on {@code activity-log}: never its contact token, which only feeds the
     * unique-contact sketch of {@code zone-stats}.
     */
    public static ActivityMessage activity(TaggedEvent tagged) {
        CityEvent e = tagged.event();
        ActivityDetails a = e.activity();
        if (a == null) {
            throw new IllegalArgumentException(e.eventId() + " is not an activity");
        }
        return new ActivityMessage(
                e.eventId(),
                e.kind(),
                a.agency(),
                e.recordId(),
                e.source(),
                e.occurredAt(),
                e.lon(),
                e.lat(),
                tagged.h3(),
                tagged.zones(),
                a.placeId(),
                a.count(),
                a.outcome(),
                e.address());
    }

    /**
     * A day's dosage as written: absent (every field null) when no unit was in the zone, minutes
     * rounded to 0.1.
     */
    private static DosageFields dosage(ZoneDosage d) {
        if (d.isEmpty()) {
            return new DosageFields(null, null, null, null, null, null);
        }
        return new DosageFields(
                round(d.patrolMinutes(), 10),
                d.patrolVisits(),
                d.patrolLongVisits(),
                round(d.outreachMinutes(), 10),
                d.outreachVisits(),
                d.outreachLongVisits());
    }

    private record DosageFields(
            Double patrolMinutes,
            Long patrolVisits,
            Long patrolLongVisits,
            Double outreachMinutes,
            Long outreachVisits,
            Long outreachLongVisits) {}

    /** A risk halo on {@code hotspots}. */
    public static RiskHaloMessage halo(RiskHalo h) {
        return new RiskHaloMessage(
                h.haloId(),
                h.eventId(),
                h.kind(),
                h.lon(),
                h.lat(),
                h.radiusMeters(),
                h.startsAt(),
                h.expiresAt(),
                sorted(h.zones()));
    }

    /** A cell's Gi* result on {@code hotspots}. */
    public static HotspotCellMessage hotspotCell(HotspotChange c) {
        return new HotspotCellMessage(
                c.windowDays(),
                c.windowStart(),
                c.windowEnd(),
                c.cell(),
                c.lon(),
                c.lat(),
                c.homicides(),
                c.shootings(),
                c.otherIncidents(),
                c.value(),
                round(c.z(), 1e4),
                probability(c.p()),
                probability(c.q()),
                c.status(),
                c.category(),
                c.previousCategory(),
                c.change().name());
    }

    /** A window close's overview on {@code hotspots}. */
    public static HotspotWindowMessage hotspotWindow(HotspotWindowSummary s) {
        return new HotspotWindowMessage(
                s.windowDays(),
                s.windowStart(),
                s.windowEnd(),
                s.studyAreaCells(),
                s.activeCells(),
                s.value(),
                s.outsideValue(),
                s.hotCells(),
                s.coldCells(),
                s.turnedHot(),
                s.cooled());
    }

    /** A zone's counts over a sliding window on {@code hotspots}. */
    public static ZoneWindowCountsMessage zoneWindowCounts(HotspotZoneCounts z) {
        return new ZoneWindowCountsMessage(
                z.windowDays(),
                z.windowStart(),
                z.windowEnd(),
                z.layer(),
                z.zone(),
                z.homicides(),
                z.shootings(),
                z.aggravatedAssaults(),
                z.robberies(),
                z.otherViolent(),
                z.other());
    }

    /**
     * A scored forecast on {@code hotspots}: hit rates to 4 decimals, the area share to 6, PAIs to
     * 3; null where undefined (no events, or no cell flagged).
     */
    public static ForecastScoreMessage forecastScore(ForecastEvaluation f) {
        ForecastScore gi =
                new ForecastScore(f.events(), f.hits(), f.flaggedCells(), f.studyAreaCells());
        ForecastScore naive =
                new ForecastScore(
                        f.events(), f.baselineHits(), f.flaggedCells(), f.studyAreaCells());
        return new ForecastScoreMessage(
                f.windowDays(),
                f.horizonDays(),
                f.baselineDays(),
                f.forecastAt(),
                f.scoredUntil(),
                f.studyAreaCells(),
                f.flaggedCells(),
                f.events(),
                f.hits(),
                rate(gi),
                round(gi.areaShare(), 1e6),
                pai(gi),
                f.baselineHits(),
                rate(naive),
                pai(naive));
    }

    private static Double rate(ForecastScore s) {
        return s.events() == 0 ? null : round(s.hitRate(), 1e4);
    }

    private static Double pai(ForecastScore s) {
        return s.events() == 0 || s.flaggedArea() == 0 ? null : round(s.pai(), 1e3);
    }

    /** Activity counts in {@link ActivityKind} order (state and the wire do not keep order). */
    private static Map<String, Long> inKindOrder(Map<String, Long> activities) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ActivityKind k : ActivityKind.values()) {
            Long n = activities.get(k.name());
            if (n != null) {
                out.put(k.name(), n);
            }
        }
        return out;
    }

    private static Map<String, String> sorted(Map<String, String> zones) {
        return new TreeMap<>(zones);
    }

    private static double round(double x, double scale) {
        return Math.round(x * scale) / scale;
    }

    private static double probability(double p) {
        return p < 1e-6 ? p : round(p, 1e6);
    }
}
