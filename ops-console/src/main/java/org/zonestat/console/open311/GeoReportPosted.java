package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code POST /open311/v2/requests.{json,xml}} (an array of one): the new request's
 * id and what the resident can expect. {@code account_id} is always null: ZoneStat keeps no
 * accounts.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GeoReportPosted(
        @JsonProperty("service_request_id") String serviceRequestId,
        @JsonProperty("service_notice") String serviceNotice,
        @JsonProperty("account_id") String accountId) {}
