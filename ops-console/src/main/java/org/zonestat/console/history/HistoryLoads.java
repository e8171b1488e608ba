package org.zonestat.console.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.topics.HistoryMessage;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.ReprocessMessage;
import org.zonestat.topics.RunMessage;

/**
 * The backfills and reprocesses of the city's history as the {@code history} topic tells them, one
 * {@link Load} each: a backfill is {@code publishing}, then {@code queued} (published, waiting for
 * the history service), a reprocess is {@code queued} when asked; both are {@code running} (with
 * records processed, total, rate and time left from the run's {@code progress} messages), then
 * {@code done} (with the reconciliation) or {@code failed}. Reads the topic from its beginning on
 * the console's {@link TopicFeed}; keeps the latest {@value #KEPT} loads.
 *
 * <p>{@link #completed()} counts the runs that ended {@code done}: pages that show history
 * (scorecard, report, replay) watch it and reload when it moves, so a finished load shows without a
 * restart. Thread-safe: the feed's thread writes, request threads read.
 */
public final class HistoryLoads {
    /** The most loads kept; older ones are forgotten first. */
    public static final int KEPT = 200;

    /** Where a load stands. */
    public enum State {
        PUBLISHING,
        QUEUED,
        RUNNING,
        DONE,
        FAILED;

        /** The name in JSON and query strings, e.g. {@code running}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean active() {
            return this == PUBLISHING || this == QUEUED || this == RUNNING;
        }
    }

    /**
     * One backfill or reprocess as the console shows it.
     *
     * @param id the load's or the reprocess request's id
     * @param kind {@code backfill} or {@code reprocess}
     * @param source what is loaded: the file and its feed, or the layer recomputed
     * @param state where it stands ({@link State#id()})
     * @param records publishing: records published; running or done: records processed
     * @param total the records expected (a load's published records; while publishing, estimated
     *     from the share of its file read), 0 if unknown
     * @param ratePerSecond records per second so far
     * @param secondsLeft the time left at that rate, or null
     * @param reconciliation done: what became of every record
     * @param detail failed: what went wrong
     * @param updatedAt when its last message was written
     */
    public record Load(
            String id,
            String kind,
            String source,
            String state,
            long records,
            long total,
            double ratePerSecond,
            Double secondsLeft,
            RunMessage.Reconciliation reconciliation,
            String detail,
            Instant updatedAt) {
        Load with(String newState, long n, long of, double rate, Double left, Instant at) {
            return new Load(id, kind, source, newState, n, of, rate, left, null, null, at);
        }
    }

    private final Map<String, Load> loads = new LinkedHashMap<>();
    private final TopicProgress progress;
    private long completed;

    /** Follows {@code historyTopic} on {@code feed} (subscribe before the feed starts). */
    public HistoryLoads(TopicFeed feed, String historyTopic) {
        this.progress =
                feed.subscribe(
                        historyTopic,
                        HistoryMessage.class,
                        StartAt.beginning(),
                        r -> accept(r.value()));
    }

    /** A store fed by the caller (tests). */
    HistoryLoads() {
        this.progress = null;
    }

    /** How far the topic has been read, or null when fed by the caller. */
    public TopicProgress progress() {
        return progress;
    }

    /** Applies one message of {@code history}. */
    public synchronized void accept(HistoryMessage m) {
        if (m instanceof LoadMessage l) {
            State s =
                    switch (l.status()) {
                        case LoadMessage.PUBLISHED -> State.QUEUED;
                        case LoadMessage.FAILED -> State.FAILED;
                        default -> State.PUBLISHING;
                    };
            long total = l.isPublished() ? l.records() : expected(l);
            put(
                    new Load(
                            l.loadId(),
                            "backfill",
                            l.file() + " (" + l.feed() + ")",
                            s.id(),
                            l.records(),
                            total,
                            l.ratePerSecond(),
                            s == State.PUBLISHING && total > 0 && l.ratePerSecond() > 0
                                    ? (total - l.records()) / l.ratePerSecond()
                                    : null,
                            null,
                            l.detail(),
                            l.at()));
        } else if (m instanceof ReprocessMessage q) {
            put(
                    new Load(
                            q.requestId(),
                            "reprocess",
                            "layer " + (q.layer() == null ? "(all)" : q.layer()),
                            State.QUEUED.id(),
                            0,
                            0,
                            0,
                            null,
                            null,
                            null,
                            q.at()));
        } else if (m instanceof RunMessage run) {
            List<String> ids = new ArrayList<>(run.loads());
            ids.addAll(run.requests());
            for (String id : ids) {
                Load before = loads.get(id);
                if (before != null) {
                    put(next(before, run));
                }
            }
            if (run.isDone()) {
                completed++;
            }
        }
    }

    /**
     * The records a publishing load will have in all, from the share of its file read so far (0
     * while unknown).
     */
    private static long expected(LoadMessage l) {
        return l.bytesRead() > 0 && l.bytesTotal() > 0
                ? Math.round((double) l.records() * l.bytesTotal() / l.bytesRead())
                : 0;
    }

    private static Load next(Load before, RunMessage run) {
        return switch (run.status()) {
            case RunMessage.DONE ->
                    new Load(
                            before.id(),
                            before.kind(),
                            before.source(),
                            State.DONE.id(),
                            run.recordsRead(),
                            run.recordsTotal(),
                            run.ratePerSecond(),
                            null,
                            run.reconciliation(),
                            null,
                            run.at());
            case RunMessage.FAILED ->
                    new Load(
                            before.id(),
                            before.kind(),
                            before.source(),
                            State.FAILED.id(),
                            before.records(),
                            before.total(),
                            0,
                            null,
                            null,
                            run.detail(),
                            run.at());
            default ->
                    before.with(
                            State.RUNNING.id(),
                            run.recordsRead(),
                            run.recordsTotal() > 0 ? run.recordsTotal() : before.total(),
                            run.ratePerSecond(),
                            run.secondsLeft(),
                            run.at());
        };
    }

    private void put(Load load) {
        loads.remove(load.id());
        loads.put(load.id(), load);
        if (loads.size() > KEPT) {
            loads.remove(loads.keySet().iterator().next());
        }
    }

    /**
     * The loads in {@code filter}, newest first.
     *
     * @param filter {@code all}, {@code active} (publishing, queued or running) or a state's id
     * @throws IllegalArgumentException for any other filter
     */
    public synchronized List<Load> list(String filter) {
        boolean all = "all".equals(filter);
        boolean active = "active".equals(filter);
        State only = null;
        if (!all && !active) {
            only = parse(filter);
        }
        List<Load> out = new ArrayList<>();
        for (Load l : loads.values()) {
            State s = State.valueOf(l.state().toUpperCase(Locale.ROOT));
            if (all || (active && s.active()) || s == only) {
                out.add(0, l);
            }
        }
        return out;
    }

    private static State parse(String filter) {
        for (State s : State.values()) {
            if (s.id().equals(filter)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "state must be all, active, publishing, queued, running, done or failed, was '"
                        + filter
                        + "'");
    }

    /** One load by id. */
    public synchronized Optional<Load> get(String id) {
        return Optional.ofNullable(loads.get(id));
    }

    /** How many runs have ended {@code done} so far. */
    public synchronized long completed() {
        return completed;
    }
}
