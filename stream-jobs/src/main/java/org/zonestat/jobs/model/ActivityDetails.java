package org.zonestat.jobs.model;

import java.util.Objects;

/**
 * What an activity ({@code activities.raw}) carries beyond an event's fields. Flat and immutable.
 *
 * @param agency the agency that did it
 * @param placeId the place it concerns, or null
 * @param count how many (contacts made, lights repaired), at least 1
 * @param outcome what came of it (an inspection's result), or null
 * @param contactToken an outreach contact's weekly token, or null: it feeds the unique-contact
 *     sketch of the zone's day and is never written to any topic
 */
public record ActivityDetails(
        String agency, String placeId, long count, String outcome, String contactToken) {
    public ActivityDetails {
        Objects.requireNonNull(agency, "agency");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }
}
