package org.zonestat.console.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.topics.LoadMessage;
import org.zonestat.topics.ReprocessMessage;
import org.zonestat.topics.RunMessage;

class HistoryLoadsTest {
    private static final Instant AT = Instant.parse("2026-11-02T14:00:00Z");

    private static LoadMessage publishing(String id) {
        return new LoadMessage(
                id,
                LoadMessage.PUBLISHING,
                "incidents",
                "incidents.raw",
                id + ".csv",
                "m",
                0,
                0,
                0,
                1000,
                0,
                List.of(),
                null,
                null,
                AT,
                null);
    }

    @Test
    void aPublishingLoadShowsItsRecordsTheTotalItsShareOfTheFileImpliesAndTheTimeLeft() {
        HistoryLoads loads = new HistoryLoads();
        loads.accept(publishing("a").withProgress(250, 100, 125.0, AT));

        HistoryLoads.Load a = loads.get("a").orElseThrow();
        assertThat(a.state()).isEqualTo("publishing");
        assertThat(a.records()).isEqualTo(250);
        assertThat(a.total()).as("a tenth of the file read: ten times the records").isEqualTo(2500);
        assertThat(a.secondsLeft()).isEqualTo(18.0);
    }

    @Test
    void aReprocessIsQueuedThenRunningThenFailedAndTheFiltersSelectByState() {
        HistoryLoads loads = new HistoryLoads();
        loads.accept(publishing("a"));
        loads.accept(new ReprocessMessage("r", "focus", LocalDate.of(2015, 1, 1), null, AT));
        assertThat(loads.list("queued")).extracting(HistoryLoads.Load::id).containsExactly("r");
        loads.accept(run("r", RunMessage.PROGRESS));
        assertThat(loads.get("r").orElseThrow().state()).isEqualTo("running");
        loads.accept(run("r", RunMessage.FAILED));

        assertThat(loads.list("failed")).extracting(HistoryLoads.Load::id).containsExactly("r");
        assertThat(loads.get("r").orElseThrow().detail()).isEqualTo("broker gone");
        assertThat(loads.list("active")).extracting(HistoryLoads.Load::id).containsExactly("a");
        assertThat(loads.list("all")).extracting(HistoryLoads.Load::id).containsExactly("r", "a");
        assertThat(loads.completed()).isZero();
        assertThatThrownBy(() -> loads.list("sideways"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sideways'");
    }

    @Test
    void onlyTheLatestLoadsAreKept() {
        HistoryLoads loads = new HistoryLoads();
        for (int i = 0; i <= HistoryLoads.KEPT; i++) {
            loads.accept(publishing("load-" + i));
        }
        assertThat(loads.list("all")).hasSize(HistoryLoads.KEPT);
        assertThat(loads.get("load-0")).isEmpty();
        assertThat(loads.get("load-" + HistoryLoads.KEPT)).isPresent();
    }

    private static RunMessage run(String request, String status) {
        return new RunMessage(
                "run/" + request,
                status,
                List.of(),
                List.of(request),
                "focus",
                Map.of("focus", 2),
                null,
                null,
                10,
                0,
                5.0,
                null,
                null,
                AT,
                RunMessage.FAILED.equals(status) ? "broker gone" : null);
    }
}
