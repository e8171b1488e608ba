package org.zonestat.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The messages the console pushes on {@code /ws/live}: a closed set, each serialized as a JSON
 * object whose {@code type} field names the variant. The README documents the same shapes.
 *
 * <p>Every item message ({@code event}, {@code alert}, {@code halo}, {@code cell}, {@code unit},
 * {@code monitored}, {@code transition}) carries the hub's sequence number {@code seq}, one
 * sequence across all of them. A client remembers the largest {@code seq} it has seen (or a
 * snapshot's {@code lastSeq}) and sends it back as {@code resumeAfter} when it reconnects.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LiveMessage.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = LiveMessage.Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = LiveMessage.Event.class, name = "event"),
    @JsonSubTypes.Type(value = LiveMessage.Alert.class, name = "alert"),
    @JsonSubTypes.Type(value = LiveMessage.Halo.class, name = "halo"),
    @JsonSubTypes.Type(value = LiveMessage.Cell.class, name = "cell"),
    @JsonSubTypes.Type(value = LiveMessage.Unit.class, name = "unit"),
    @JsonSubTypes.Type(value = LiveMessage.Monitored.class, name = "monitored"),
    @JsonSubTypes.Type(value = LiveMessage.Transition.class, name = "transition"),
    @JsonSubTypes.Type(value = LiveMessage.Error.class, name = "error")
})
public sealed interface LiveMessage {

    /** Why a snapshot was sent. */
    enum SnapshotReason {
        /** The client subscribed without asking to resume. */
        @JsonProperty("subscribe")
        SUBSCRIBE,
        /**
         * The client asked to resume after a sequence number the server no longer buffers (or never
         * issued, e.g. before a console restart): this snapshot replaces what it shows.
         */
        @JsonProperty("resume-too-old")
        RESUME_TOO_OLD
    }

    /**
     * The answer to a {@code subscribe} that is not a resume: what the client asked for and may
     * see, as it stands now. Later item messages have a larger {@code seq}.
     *
     * @param streamId identifies this console's sequence; a resume names it
     * @param lastSeq the hub's newest sequence number (0 if none)
     * @param reason why the snapshot was sent
     * @param subscription the subscription as served (role rules applied)
     * @param events recent events, oldest first
     * @param alerts recent alerts, oldest first
     * @param halos risk halos not yet expired at the newest event time, oldest first
     * @param cells the current state of each hot-spot cell worth showing
     * @param units the latest position of each device the client may see, oldest fix first
     * @param transitions recent transitions, oldest first
     */
    record Snapshot(
            String streamId,
            long lastSeq,
            SnapshotReason reason,
            LiveSubscription subscription,
            List<LiveEvent> events,
            List<LiveAlert> alerts,
            List<RiskHalo> halos,
            List<HotCell> cells,
            List<LiveUnit> units,
            List<LiveTransition> transitions)
            implements LiveMessage {
        public Snapshot {
            events = List.copyOf(events);
            alerts = List.copyOf(alerts);
            halos = List.copyOf(halos);
            cells = List.copyOf(cells);
            units = List.copyOf(units);
            transitions = List.copyOf(transitions);
        }

        /** A snapshot without units or transitions. */
        public Snapshot(
                String streamId,
                long lastSeq,
                SnapshotReason reason,
                LiveSubscription subscription,
                List<LiveEvent> events,
                List<LiveAlert> alerts,
                List<RiskHalo> halos,
                List<HotCell> cells) {
            this(
                    streamId,
                    lastSeq,
                    reason,
                    subscription,
                    events,
                    alerts,
                    halos,
                    cells,
                    List.of(),
                    List.of());
        }
    }

    /**
     * The answer to a resume the server can serve: exactly {@code missed} item messages follow
     * (every one after {@code afterSeq} that the subscription matches), then live messages.
     *
     * @param streamId as in the snapshot the client resumed from
     * @param afterSeq the client's {@code resumeAfter}
     * @param lastSeq the hub's newest sequence number
     * @param missed how many item messages follow before the live ones
     * @param subscription the subscription as served
     */
    record Resumed(
            String streamId, long afterSeq, long lastSeq, int missed, LiveSubscription subscription)
            implements LiveMessage {}

    /** One new event. */
    record Event(long seq, LiveEvent event) implements LiveMessage {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /** One new alert. */
    record Alert(long seq, LiveAlert alert) implements LiveMessage {
        public Alert {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** One new risk halo. */
    record Halo(long seq, RiskHalo halo) implements LiveMessage {
        public Halo {
            Objects.requireNonNull(halo, "halo");
        }
    }

    /** A hot-spot cell's new state (one per window per cell). */
    record Cell(long seq, HotCell cell) implements LiveMessage {
        public Cell {
            Objects.requireNonNull(cell, "cell");
        }
    }

    /** A unit's new position. */
    record Unit(long seq, LiveUnit unit) implements LiveMessage {
        public Unit {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** A monitored device's new position (restricted). */
    record Monitored(long seq, LiveUnit unit) implements LiveMessage {
        public Monitored {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** A device entered, left or crossed a zone or hot cell. */
    record Transition(long seq, LiveTransition transition) implements LiveMessage {
        public Transition {
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * A client message the server could not use; the connection and its previous subscription stay
     * as they were.
     *
     * @param error what was wrong, naming the member
     */
    record Error(String error) implements LiveMessage {}

    /** The item message for {@code item} at {@code seq}. */
    static LiveMessage of(long seq, LiveItem item) {
        if (item instanceof LiveEvent e) {
            return new Event(seq, e);
        } else if (item instanceof LiveAlert a) {
            return new Alert(seq, a);
        } else if (item instanceof RiskHalo h) {
            return new Halo(seq, h);
        } else if (item instanceof LiveUnit u) {
            return u.restricted() ? new Monitored(seq, u) : new Unit(seq, u);
        } else if (item instanceof LiveTransition t) {
            return new Transition(seq, t);
        }
        return new Cell(seq, (HotCell) item);
    }
}
