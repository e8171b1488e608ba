package org.zonestat.jobs.model;

import java.util.Optional;

/** What one event counts as on the per-zone daily scorecard. */
public enum ZoneMeasure {
    HOMICIDE,
    SHOOTING,
    /** Aggravated assault, robbery and other violent incidents (not OTHER). */
    OTHER_VIOLENT,
    /** A 311 request received (status New). */
    REQUEST_OPENED,
    /** A 311 request closed (any Closed status). */
    REQUEST_CLOSED,
    TIP,
    /** A 311 request became overdue (its due time passed while it was open). */
    REQUEST_OVERDUE,
    /** A 311 request closed, valued by its days open (for the median days to close). */
    DAYS_TO_CLOSE,
    /** The zone's open 311 requests changed by the value (+1 opened or reopened, -1 closed). */
    OPEN_CHANGE,
    /** The zone's overdue 311 requests changed by the value. */
    OVERDUE_CHANGE,
    /** Minutes a police unit was inside the zone (the value), on the day the minutes fall on. */
    PATROL_MINUTES,
    /** A police unit's visit began. */
    PATROL_VISIT,
    /** A police unit's visit reached the long-visit length (counted on the day it began). */
    PATROL_LONG_VISIT,
    /** Minutes an outreach worker was inside the zone (the value). */
    OUTREACH_MINUTES,
    /** An outreach worker's visit began. */
    OUTREACH_VISIT,
    /** An outreach worker's visit reached the long-visit length. */
    OUTREACH_LONG_VISIT,
    /** An activity of the kind named by the fact's detail, counting the value (its count). */
    ACTIVITY,
    /** An outreach contact whose weekly token is the fact's detail (for unique contacts). */
    CONTACT;

    /** Whether facts of this measure carry an amount rather than counting one distinct id. */
    public boolean carriesValue() {
        return this == DAYS_TO_CLOSE
                || this == OPEN_CHANGE
                || this == OVERDUE_CHANGE
                || this == PATROL_MINUTES
                || this == OUTREACH_MINUTES
                || this == ACTIVITY;
    }

    /** The measure an event counts towards, or empty when the scorecard does not count it. */
    public static Optional<ZoneMeasure> of(CityEvent e) {
        return switch (e.stream()) {
            case INCIDENT ->
                    switch (IncidentKind.parse(e.kind()).orElse(IncidentKind.OTHER)) {
                        case HOMICIDE -> Optional.of(HOMICIDE);
                        case SHOOTING -> Optional.of(SHOOTING);
                        case AGGRAVATED_ASSAULT, ROBBERY, OTHER_VIOLENT ->
                                Optional.of(OTHER_VIOLENT);
                        case OTHER -> Optional.empty();
                    };
            case REQUEST311 ->
                    e.status() == null
                            ? Optional.empty()
                            : switch (RequestPhase.of(e.status())) {
                                case NEW -> Optional.of(REQUEST_OPENED);
                                case CLOSED -> Optional.of(REQUEST_CLOSED);
                                case OPEN -> Optional.empty();
                            };
            case TIP -> Optional.of(TIP);
            // An activity is counted by its kind and count: ActivityZoneFacts.
            case ACTIVITY -> Optional.empty();
        };
    }
}
