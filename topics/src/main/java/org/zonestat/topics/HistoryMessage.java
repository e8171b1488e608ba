package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on {@code history}: what happened to the city's history, in the order it happened (one
 * partition). Three shapes, told apart by their {@code type} field, written first: a backfill's
 * {@link LoadMessage} ({@code load}: publishing, then published with where its records are), a
 * {@link ReprocessMessage} ({@code reprocess}: a request to recompute outputs from the raw
 * history), and the history service's {@link RunMessage} ({@code run}: a recomputation running,
 * done with its reconciliation, or failed). Readers decode the topic as this type and switch on the
 * record they get; an unknown {@code type} is a malformed message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LoadMessage.class, name = "load"),
    @JsonSubTypes.Type(value = ReprocessMessage.class, name = "reprocess"),
    @JsonSubTypes.Type(value = RunMessage.class, name = "run")
})
public sealed interface HistoryMessage extends OutputMessage
        permits LoadMessage, ReprocessMessage, RunMessage {}
