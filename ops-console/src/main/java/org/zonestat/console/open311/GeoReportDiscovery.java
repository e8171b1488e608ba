package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Open311 service discovery document ({@code /open311/discovery.{json,xml}}): where the
 * GeoReport v2 endpoint is and which formats it speaks.
 *
 * @param changeset when the service list last changed (sortable)
 * @param contact how to get help
 * @param keyService how to get an API key
 * @param endpoints the endpoints
 */
public record GeoReportDiscovery(
        @JsonProperty("changeset") String changeset,
        @JsonProperty("contact") String contact,
        @JsonProperty("key_service") String keyService,
        @JsonProperty("endpoints") List<Endpoint> endpoints) {

    /**
     * @param specification {@code http://wiki.open311.org/GeoReport_v2}
     * @param url the endpoint's base URL
     * @param changeset as above
     * @param type {@code production} or {@code test}
     * @param formats MIME types
     */
    public record Endpoint(
            @JsonProperty("specification") String specification,
            @JsonProperty("url") String url,
            @JsonProperty("changeset") String changeset,
            @JsonProperty("type") String type,
            @JsonProperty("formats") List<String> formats) {}
}
