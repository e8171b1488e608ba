package org.zonestat.geo.fence;

/**
 * A position in WGS84 degrees.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lon longitude
 * @param lat latitude
 */
public record LonLat(double lon, double lat) {}
