package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.RawEvent;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RawTip;
import org.zonestat.topics.TopicCodec;

/** A replayed record moved to now keeps its own durations and every other field. */
class LiveRetimingTest {
    private static final Instant T = Instant.parse("2019-06-18T14:05:00Z");
    private static final Instant NOW = Instant.parse("2026-12-05T05:10:00.123Z");

    @Test
    void aRequestStepMovesWithItsCreatedDueAndClosedTimes() {
        RawRequestStep step =
                new RawRequestStep(
                        "SR-1",
                        "baltimore-311",
                        "Trash",
                        "Closed",
                        T,
                        39.29,
                        -76.61,
                        T.minus(Duration.ofDays(3)),
                        T.plus(Duration.ofDays(2)),
                        T,
                        "1 N Calvert St",
                        Map.of("agency", "DPW"));

        RawEvent moved = LiveRetiming.at(RawEvent.of(step), NOW);

        RawRequestStep back =
                TopicCodec.decode("requests311.raw", moved.json(), RawRequestStep.class);
        assertThat(back.occurredAt()).isEqualTo(NOW);
        assertThat(back.createdAt()).isEqualTo(NOW.minus(Duration.ofDays(3)));
        assertThat(back.dueAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(back.closedAt()).isEqualTo(NOW);
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields("occurredAt", "createdAt", "dueAt", "closedAt")
                .isEqualTo(step);
        assertThat(moved.key()).isEqualTo("SR-1");
    }

    @Test
    void anIncidentAndATipMoveWithoutTheirOtherFieldsChanging() {
        RawIncident incident =
                new RawIncident(
                        "I-9",
                        null,
                        "SHOOTING",
                        "1F",
                        T,
                        39.3,
                        -76.6,
                        "x",
                        Map.of("weapon", "FIREARM"));
        RawTip tip = new RawTip("T-4", null, "GUN", T, 39.3, -76.6, null, "heard shots", Map.of());

        assertThat(LiveRetiming.shifted(incident, Duration.ofHours(5)))
                .isEqualTo(
                        new RawIncident(
                                "I-9",
                                null,
                                "SHOOTING",
                                "1F",
                                T.plus(Duration.ofHours(5)),
                                39.3,
                                -76.6,
                                "x",
                                Map.of("weapon", "FIREARM")));
        assertThat(LiveRetiming.at(RawEvent.of(tip), NOW).occurredAt()).isEqualTo(NOW);
        assertThat(LiveRetiming.shifted(tip, Duration.ZERO)).isEqualTo(tip);
    }
}
