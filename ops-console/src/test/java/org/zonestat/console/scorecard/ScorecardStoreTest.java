package org.zonestat.console.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zonestat.topics.ZoneStatsMessage;

/** A day's counts are the sum of the live job's and every load's, in whatever order they come. */
class ScorecardStoreTest {
    private static final LocalDate DAY = LocalDate.parse("2015-06-01");

    @Test
    void loadsAddToTheLiveCountsAndAReEmittedContributionReplacesOnlyItsOwn() {
        ScorecardStore store = new ScorecardStore();
        store.accept(day(1, 2, null));
        store.accept(day(0, 3, "load-a"));
        store.accept(day(1, 0, "load-b"));
        // The live job re-emits its day after a late record: only its own part changes.
        store.accept(day(2, 2, null));

        ZoneDay sum = store.day("vri-zones", "Penn North", DAY).orElseThrow();
        assertThat(sum.count(Kind.HOMICIDES)).isEqualTo(3);
        assertThat(sum.count(Kind.SHOOTINGS)).isEqualTo(5);
        assertThat(sum.openAtEnd()).isEqualTo(3);
    }

    @Test
    void theDosageOfTheLiveJobAndOfALoadAddUpAndAReEmittedDayReplacesItsOwnMinutes() {
        ScorecardStore store = new ScorecardStore();
        store.accept(patrolled(20.0, 2L, null));
        store.accept(patrolled(12.5, 1L, "load-a"));
        // The live job re-emits its day with more minutes: only its own minutes change.
        store.accept(patrolled(30.0, 3L, null));

        ZoneDay sum = store.day("vri-zones", "Penn North", DAY).orElseThrow();
        assertThat(sum.dosage().patrolMinutes()).isEqualTo(42.5);
        assertThat(sum.dosage().patrolVisits()).isEqualTo(4);
        assertThat(sum.dosage().outreachMinutes()).isZero();
    }

    @Test
    void theOrderOfTheContributionsDoesNotChangeTheSum() {
        long seed = 20_151_201L;
        List<ZoneStatsMessage> parts = new ArrayList<>();
        parts.add(day(1, 2, null));
        parts.add(day(0, 3, "load-a"));
        parts.add(day(4, 1, "load-b"));
        parts.add(day(2, 2, "load-c"));
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(parts, random);
            ScorecardStore store = new ScorecardStore();
            parts.forEach(store::accept);
            ZoneDay sum = store.day("vri-zones", "Penn North", DAY).orElseThrow();
            assertThat(sum.count(Kind.HOMICIDES)).as("seed %d", seed).isEqualTo(7);
            assertThat(sum.count(Kind.SHOOTINGS)).as("seed %d", seed).isEqualTo(8);
        }
    }

    @Test
    void aReprocessOfAnEditedLayerReplacesTheCountsOfEarlierVersions() {
        ScorecardStore store = new ScorecardStore();
        store.accept(day(1, 2, null));
        store.accept(day(0, 3, "load-a"));
        store.accept(day(2, 0, "load-b", 2));
        store.accept(day(1, 1, "reprocess/vri-zones@2", 2));

        ZoneDay sum = store.day("vri-zones", "Penn North", DAY).orElseThrow();
        assertThat(sum.count(Kind.HOMICIDES)).isEqualTo(3);
        assertThat(sum.count(Kind.SHOOTINGS)).isEqualTo(1);
        assertThat(sum.layerVersion()).isEqualTo(2);
    }

    @Test
    void theScorecardNamesTheLayerVersionsItsNumbersComeFromAndTheDaysOfAnOlderOne() {
        ScorecardStore store = new ScorecardStore();
        LocalDate next = DAY.plusDays(1);
        store.accept(day(1, 2, null));
        store.accept(day(1, 1, "reprocess/vri-zones@2", 2));
        store.accept(day(next, 0, 1, null, 1, null, null));
        ScorecardQuery q =
                new ScorecardQuery("vri-zones", DAY, next, Kind.GUN_VIOLENCE, false, null);

        Scorecard card = store.query(q).withLayerVersion(2);

        assertThat(card.layerVersion()).isEqualTo(2);
        assertThat(card.versions())
                .containsExactly(
                        new Scorecard.VersionDays(2, 1, DAY, DAY),
                        new Scorecard.VersionDays(1, 1, next, next));
        assertThat(card.olderVersionZoneDays()).as("the day only version 1 counted").isEqualTo(1);
        assertThat(store.query(q).withLayerVersion(1).olderVersionZoneDays()).isZero();
        assertThat(
                        store.query(
                                        new ScorecardQuery(
                                                "vri-zones",
                                                DAY,
                                                DAY,
                                                Kind.GUN_VIOLENCE,
                                                false,
                                                null))
                                .withLayerVersion(2)
                                .olderVersionZoneDays())
                .as("a window the reprocess covers whole")
                .isZero();
    }

    private static ZoneStatsMessage day(long homicides, long shootings, String load) {
        return day(homicides, shootings, load, 1);
    }

    private static ZoneStatsMessage day(
            long homicides, long shootings, String load, int layerVersion) {
        return day(DAY, homicides, shootings, load, layerVersion, null, null);
    }

    private static ZoneStatsMessage patrolled(double minutes, long visits, String load) {
        return day(DAY, 0, 0, load, 1, minutes, visits);
    }

    private static ZoneStatsMessage day(
            LocalDate date,
            long homicides,
            long shootings,
            String load,
            int layerVersion,
            Double patrolMinutes,
            Long patrolVisits) {
        Instant from = date.atStartOfDay(java.time.ZoneId.of("America/New_York")).toInstant();
        return new ZoneStatsMessage(
                "vri-zones",
                "Penn North",
                date,
                from,
                from.plusSeconds(86_400),
                homicides,
                shootings,
                0,
                0,
                0,
                0,
                0L,
                1L,
                0L,
                layerVersion,
                null,
                Map.of(),
                null,
                null,
                patrolMinutes,
                patrolVisits,
                null,
                null,
                null,
                null,
                load);
    }
}
