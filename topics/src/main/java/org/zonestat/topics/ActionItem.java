package org.zonestat.topics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One huddle action item on the compacted {@code action-items} topic (key: {@code id}): what is to
 * be done in a zone, by which agency, by when. The latest message of an id is its state. Written
 * and read by the ops console.
 *
 * <p>The JSON also has {@code "open": true|false}, derived from {@code status} (written for the
 * console's pages, ignored when read).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable id, e.g. {@code AI-3f2a...}
 * @param layer zone layer id
 * @param zone zone name
 * @param what what is to be done
 * @param agency the agency it is assigned to
 * @param assignee the person at the agency, or null
 * @param dueDate local date it is due
 * @param status {@value #OPEN} or {@value #CLOSED}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param closedAt when it was closed, or null
 * @param note the closing note, or null
 */
public record ActionItem(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String layer,
        @JsonProperty(required = true) String zone,
        @JsonProperty(required = true) String what,
        @JsonProperty(required = true) String agency,
        String assignee,
        @JsonProperty(required = true) LocalDate dueDate,
        @JsonProperty(required = true) String status,
        @JsonProperty(required = true) Instant createdAt,
        @JsonProperty(required = true) Instant updatedAt,
        Instant closedAt,
        String note)
        implements TopicMessage {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public ActionItem {
        Fields.require(id, "id");
        Fields.require(layer, "layer");
        Fields.require(zone, "zone");
        Fields.require(what, "what");
        Fields.require(agency, "agency");
        Fields.require(dueDate, "dueDate");
        if (!OPEN.equals(status) && !CLOSED.equals(status)) {
            throw new IllegalArgumentException("status must be open or closed, was " + status);
        }
        Fields.require(createdAt, "createdAt");
        Fields.require(updatedAt, "updatedAt");
    }

    /** Whether the item is still open; written as {@code open}. */
    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** Open and due before {@code today}. */
    public boolean isOverdue(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

    /** The item assigned to another agency (and person) at {@code at}. */
    public ActionItem assignedTo(String newAgency, String newAssignee, Instant at) {
        return new ActionItem(
                id,
                layer,
                zone,
                what,
                newAgency,
                newAssignee,
                dueDate,
                status,
                createdAt,
                at,
                closedAt,
                note);
    }

    /** The item closed at {@code at} with a note. */
    public ActionItem closed(String closingNote, Instant at) {
        return new ActionItem(
                id,
                layer,
                zone,
                what,
                agency,
                assignee,
                dueDate,
                CLOSED,
                createdAt,
                at,
                at,
                closingNote);
    }
}
