package org.zonestat.console;

import io.javalin.config.JavalinConfig;

/**
 * A set of the console's routes (the live WebSocket, replay, site visits, zone upload, scorecard,
 * Open311, ...), given to {@link OpsConsoleApp} in its constructor. Each declares its routes with
 * an {@link Access.Rule} apiece and may set what the server needs for them (a request size, a
 * WebSocket timeout, a start-up task).
 *
 * <p>Implementations only translate HTTP to calls on plain classes.
 */
@FunctionalInterface
public interface RouteGroup {
    /**
     * Adds this group's routes to {@code cfg.routes} (called once, inside {@code Javalin.create}).
     */
    void addTo(JavalinConfig cfg);
}
