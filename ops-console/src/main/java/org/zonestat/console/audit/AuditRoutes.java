package org.zonestat.console.audit;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Objects;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.RouteGroup;
import org.zonestat.topics.AuditMessage;

/**
 * The audit trail for admins: {@code GET /api/audit} (the latest reads of restricted data, newest
 * first) and the {@code /audit} page that shows them.
 *
 * <p>Thread-safe.
 */
public final class AuditRoutes implements RouteGroup {
    private final AuditLog log;

    public AuditRoutes(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@code GET /api/audit}. */
    public record Records(List<AuditMessage> records) {}

    @Override
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/audit",
                ctx -> ctx.header("Cache-Control", "no-store").json(new Records(log.newestFirst())),
                Access.admin("the %s role does not read the audit trail"));
        cfg.routes.get("/audit", new ClasspathFile("public/audit.html", "text/html"), Access.OPEN);
    }
}
