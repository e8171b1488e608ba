package org.zonestat.console.scorecard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One huddle action item: what is to be done in a zone, by which agency, by when. The value of a
 * record on the compacted {@code action-items} topic (key: {@code id}); the latest record of an id
 * is its state.
 *
 * @param id stable id, e.g. {@code AI-3f2a...}
 * @param layer zone layer id
 * @param zone zone name
 * @param what what is to be done
 * @param agency the agency it is assigned to
 * @param assignee the person at the agency, or null
 * @param dueDate local date it is due
 * @param status {@code open} or {@code closed}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param closedAt when it was closed, or null
 * @param note the closing note, or null
 */
public record ActionItem(
        String id,
        String layer,
        String zone,
        String what,
        String agency,
        String assignee,
        LocalDate dueDate,
        String status,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        String note) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public ActionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(dueDate, "dueDate");
        if (!OPEN.equals(status) && !CLOSED.equals(status)) {
            throw new IllegalArgumentException("status must be open or closed, was " + status);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** Open and due before {@code today}. */
    public boolean isOverdue(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

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
