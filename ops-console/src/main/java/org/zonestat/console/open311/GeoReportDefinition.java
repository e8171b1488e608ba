package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /open311/v2/services/{code}.{json,xml}}: a service's code and attributes (empty for a
 * service that needs none), in XML {@code <service_definition>}.
 */
public record GeoReportDefinition(
        @JsonProperty("service_code") String serviceCode,
        @JsonProperty("attributes") List<ServiceList.Attribute> attributes) {

    public static GeoReportDefinition of(ServiceList.Service s) {
        return new GeoReportDefinition(s.code(), s.attributes());
    }
}
