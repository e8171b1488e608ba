package org.zonestat.console.units;

import java.util.Objects;
import org.zonestat.console.LiveEventHub;
import org.zonestat.console.LiveTransition;
import org.zonestat.console.LiveUnit;
import org.zonestat.console.kafka.StartAt;
import org.zonestat.console.kafka.TopicFeed;
import org.zonestat.console.kafka.TopicProgress;
import org.zonestat.topics.FixMessage;
import org.zonestat.topics.TransitionMessage;
import org.zonestat.topics.TransitionsMessage;

/**
 * Reads {@code transitions} on the console's feed: each fix updates the {@link UnitRoster} and then
 * goes to the live hub as a position, each transition likewise as a transition (the roster first,
 * so that a handheld's filter already knows the new position when the hub asks it). On start the
 * last {@value #LOOKBACK} records of each partition are read (the latest positions of a city's
 * units at a fix every 10 s).
 *
 * <p>Thread-safe: the feed calls it on its one thread.
 */
public final class MovingTopics {
    static final int LOOKBACK = 20_000;

    private final TopicProgress progress;

    /** Subscribes to {@code transitionsTopic} on {@code feed} (before the feed starts). */
    public MovingTopics(
            TopicFeed feed, String transitionsTopic, UnitRoster roster, LiveEventHub hub) {
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(hub, "hub");
        this.progress =
                feed.subscribe(
                        transitionsTopic,
                        TransitionsMessage.class,
                        StartAt.recent(LOOKBACK),
                        r -> {
                            if (r.value() instanceof FixMessage f) {
                                LiveUnit u = LiveUnit.of(f);
                                roster.accept(u);
                                hub.publish(u);
                            } else if (r.value() instanceof TransitionMessage t) {
                                LiveTransition lt = LiveTransition.of(t);
                                roster.accept(lt);
                                hub.publish(lt);
                            }
                        });
    }

    /** How far the topic has been read. */
    public TopicProgress progress() {
        return progress;
    }
}
