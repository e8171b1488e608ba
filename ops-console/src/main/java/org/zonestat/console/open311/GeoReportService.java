package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /open311/v2/services.{json,xml}}: a {@link ServiceList.Service} in
 * GeoReport v2's fields. {@code type} is always {@code realtime}: the console assigns the {@code
 * service_request_id} when it takes a request.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GeoReportService(
        @JsonProperty("service_code") String serviceCode,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("description") String description,
        @JsonProperty("metadata") boolean metadata,
        @JsonProperty("type") String type,
        @JsonProperty("keywords") String keywords,
        @JsonProperty("group") String group) {

    public static GeoReportService of(ServiceList.Service s) {
        return new GeoReportService(
                s.code(),
                s.name(),
                s.description(),
                s.metadata(),
                "realtime",
                s.keywords(),
                s.group());
    }
}
