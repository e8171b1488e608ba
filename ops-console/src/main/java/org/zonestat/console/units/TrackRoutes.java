package org.zonestat.console.units;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Objects;
import org.zonestat.console.Access;
import org.zonestat.console.LiveUnit;
import org.zonestat.console.Role;
import org.zonestat.console.RouteGroup;
import org.zonestat.console.audit.AuditTrail;
import org.zonestat.topics.AuditMessage;

/**
 * {@code GET /api/units} (staff): every unit's latest position; {@code GET /api/tracks/{deviceId}}
 * (staff for a unit, analysts and admins for a monitored device): the device's track of the last
 * two hours. Every read of a monitored device's track is written to the audit trail first; without
 * an audit trail such tracks are never served.
 *
 * <p>Thread-safe.
 */
public final class TrackRoutes implements RouteGroup {
    private final UnitRoster roster;
    private final AuditTrail audit;

    public TrackRoutes(UnitRoster roster, AuditTrail audit) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** {@code GET /api/units}. */
    public record Units(List<LiveUnit> units) {}

    /** {@code GET /api/tracks/{deviceId}}: oldest fix first. */
    public record Track(String deviceId, String kind, List<LiveUnit> fixes) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/units",
                ctx -> ctx.json(new Units(roster.units())),
                Access.staff("the %s role does not see units (exact locations)"));
        cfg.routes.get(
                "/api/tracks/{deviceId}",
                this::track,
                Access.staff("the %s role does not see tracks (exact locations)"));
    }

    private void track(Context ctx) {
        String deviceId = ctx.pathParam("deviceId");
        List<LiveUnit> fixes = roster.track(deviceId);
        if (fixes.isEmpty()) {
            throw new NotFoundResponse("no recent fix of device '" + deviceId + "'");
        }
        LiveUnit last = fixes.get(fixes.size() - 1);
        if (last.restricted()) {
            Role role = Access.role(ctx);
            if (!role.maySeeMonitored() || !audit.enabled()) {
                throw new ForbiddenResponse(
                        "the " + role.id() + " role does not see monitored devices");
            }
            audit.record(
                    AuditTrail.Reader.of(Access.token(ctx), role),
                    AuditMessage.TRACK_READ,
                    deviceId,
                    "GET /api/tracks/{deviceId}");
        }
        ctx.json(new Track(deviceId, last.kind(), fixes));
    }
}
