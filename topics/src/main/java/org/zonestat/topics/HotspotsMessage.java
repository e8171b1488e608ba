package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on {@code hotspots}: five shapes, told apart by their {@code type} field, written
 * first. Readers decode the topic as this type and switch on the record they get; an unknown {@code
 * type} is a malformed message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RiskHaloMessage.class, name = "risk-halo"),
    @JsonSubTypes.Type(value = HotspotCellMessage.class, name = "hotspot-cell"),
    @JsonSubTypes.Type(value = HotspotWindowMessage.class, name = "hotspot-window"),
    @JsonSubTypes.Type(value = ZoneWindowCountsMessage.class, name = "zone-window-counts"),
    @JsonSubTypes.Type(value = ForecastScoreMessage.class, name = "forecast-score")
})
public sealed interface HotspotsMessage extends OutputMessage
        permits RiskHaloMessage,
                HotspotCellMessage,
                HotspotWindowMessage,
                ZoneWindowCountsMessage,
                ForecastScoreMessage {}
