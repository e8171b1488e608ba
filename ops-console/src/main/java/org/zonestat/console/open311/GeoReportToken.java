package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /open311/v2/tokens/{token}.{json,xml}} (an array of one): the id a token stands for.
 */
public record GeoReportToken(
        @JsonProperty("service_request_id") String serviceRequestId,
        @JsonProperty("token") String token) {}
