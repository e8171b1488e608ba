package org.zonestat.jobs.positions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.zonestat.jobs.model.ZoneFact;
import org.zonestat.jobs.model.ZoneMeasure;

/**
 * Turns a unit's visits into dosage facts for the daily scorecard ({@code zone-stats}), per zone
 * (or hot cell) and local day:
 *
 * <ul>
 *   <li>a visit counts on the day it begins ({@code *_VISIT}, when the unit enters);
 *   <li>a visit that lasts at least the long-visit length counts once more ({@code *_LONG_VISIT},
 *       on the day it began, as soon as a fix or its exit shows it has lasted that long);
 *   <li>its minutes ({@code *_MINUTES}) count on the days they fall on: from the entry to the exit
 *       (the first fix outside, or the last fix when the signal is lost), split at local midnights.
 *       Minutes are handed over when a fix shows a local midnight has passed and at the exit, so a
 *       stay of many days never waits for its end.
 * </ul>
 *
 * Only units count (monitored devices never do), each towards its team's measures. Facts carry
 * their own time ({@code occurredAt}: the entry, or the start of the minutes), which is how the
 * daily window places them.
 *
 * <p>Immutable and thread-safe.
 */
public final class VisitLedger {
    private final ZoneId timeZone;
    private final long longVisitMillis;

    public VisitLedger(ZoneId timeZone, Duration longVisit) {
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.longVisitMillis = longVisit.toMillis();
    }

    /** A visit beginning at {@code at}; its {@code VISIT} fact goes to {@code facts}. */
    public Visit open(
            String deviceId,
            DeviceKind kind,
            Team team,
            String layer,
            String zone,
            int layerVersion,
            long at,
            List<ZoneFact> facts) {
        if (kind == DeviceKind.UNIT) {
            facts.add(
                    fact(
                            layer,
                            zone,
                            team == Team.OUTREACH
                                    ? ZoneMeasure.OUTREACH_VISIT
                                    : ZoneMeasure.PATROL_VISIT,
                            deviceId,
                            at,
                            at,
                            1,
                            layerVersion));
        }
        return new Visit(zone, at, at, false);
    }

    /**
     * The visit after a fix at {@code at} still inside: a long visit counted once, and the minutes
     * up to the last local midnight handed over.
     */
    public Visit stay(
            String deviceId,
            DeviceKind kind,
            Team team,
            String layer,
            int layerVersion,
            Visit v,
            long at,
            List<ZoneFact> facts) {
        boolean longCounted = countLong(deviceId, kind, team, layer, layerVersion, v, at, facts);
        long midnight = startOfDay(at);
        long accountedFrom = v.accountedFrom();
        if (midnight > accountedFrom) {
            minutes(deviceId, kind, team, layer, layerVersion, v, accountedFrom, midnight, facts);
            accountedFrom = midnight;
        }
        return new Visit(v.zone(), v.enteredAt(), accountedFrom, longCounted);
    }

    /** Ends the visit at {@code at}: its remaining minutes, and its long-visit count if due. */
    public void close(
            String deviceId,
            DeviceKind kind,
            Team team,
            String layer,
            int layerVersion,
            Visit v,
            long at,
            List<ZoneFact> facts) {
        countLong(deviceId, kind, team, layer, layerVersion, v, at, facts);
        minutes(deviceId, kind, team, layer, layerVersion, v, v.accountedFrom(), at, facts);
    }

    private boolean countLong(
            String deviceId,
            DeviceKind kind,
            Team team,
            String layer,
            int layerVersion,
            Visit v,
            long at,
            List<ZoneFact> facts) {
        if (v.longCounted()) {
            return true;
        }
        if (at - v.enteredAt() < longVisitMillis) {
            return false;
        }
        if (kind == DeviceKind.UNIT) {
            facts.add(
                    fact(
                            layer,
                            v.zone(),
                            team == Team.OUTREACH
                                    ? ZoneMeasure.OUTREACH_LONG_VISIT
                                    : ZoneMeasure.PATROL_LONG_VISIT,
                            deviceId,
                            v.enteredAt(),
                            v.enteredAt(),
                            1,
                            layerVersion));
        }
        return true;
    }

    /** The minutes of {@code [from, to)}, one fact per local day they fall on. */
    private void minutes(
            String deviceId,
            DeviceKind kind,
            Team team,
            String layer,
            int layerVersion,
            Visit v,
            long from,
            long to,
            List<ZoneFact> facts) {
        if (kind != DeviceKind.UNIT || to <= from) {
            return;
        }
        ZoneMeasure measure =
                team == Team.OUTREACH ? ZoneMeasure.OUTREACH_MINUTES : ZoneMeasure.PATROL_MINUTES;
        long start = from;
        while (start < to) {
            long end = Math.min(to, nextDay(start));
            facts.add(
                    fact(
                            layer,
                            v.zone(),
                            measure,
                            deviceId,
                            v.enteredAt(),
                            start,
                            (end - start) / 60_000.0,
                            layerVersion));
            start = end;
        }
    }

    private long startOfDay(long at) {
        return Instant.ofEpochMilli(at)
                .atZone(timeZone)
                .toLocalDate()
                .atStartOfDay(timeZone)
                .toInstant()
                .toEpochMilli();
    }

    private long nextDay(long at) {
        return Instant.ofEpochMilli(at)
                .atZone(timeZone)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(timeZone)
                .toInstant()
                .toEpochMilli();
    }

    private static ZoneFact fact(
            String layer,
            String zone,
            ZoneMeasure measure,
            String deviceId,
            long enteredAt,
            long at,
            double value,
            int layerVersion) {
        return new ZoneFact(
                layer,
                zone,
                measure,
                measure + "/" + deviceId + "/" + enteredAt + "/" + at,
                Instant.ofEpochMilli(at),
                value,
                layerVersion);
    }
}
