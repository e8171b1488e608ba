package org.zonestat.jobs.positions;

/**
 * A device's current stay in one zone (or hot cell): in a {@link DeviceState}, one per layer.
 *
 * @param zone the zone name or H3 cell
 * @param enteredAt when it entered (epoch ms)
 * @param accountedFrom from when its minutes have not been counted yet (epoch ms): the entry, or
 *     the last local midnight passed while inside
 * @param longCounted whether it has already been counted as a visit of at least the long-visit
 *     length
 */
public record Visit(String zone, long enteredAt, long accountedFrom, boolean longCounted) {}
