package org.zonestat.console.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.console.sitevisit.CodeEnforcement;
import org.zonestat.geo.Distances;
import org.zonestat.sim.RawEvent;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.mapping.PlaceMapping;
import org.zonestat.topics.ActivityMessage;
import org.zonestat.topics.EventMessage;
import org.zonestat.topics.PlaceMessage;
import org.zonestat.topics.RawIncident;
import org.zonestat.topics.RawRequestStep;
import org.zonestat.topics.RiskHaloMessage;

/**
 * The priority inspection list on the shipped Baltimore data: the real vacant building notices and
 * the synthetic licenses against the real shootings 2012-2017, Part 1 2018 and the 311 export of
 * October 2019. Every place's counts equal a brute-force count over every (place, incident) pair
 * with the great-circle distance; the order follows the score.
 */
class PlaceRankingTest {
    private static final ZoneId BALTIMORE = ZoneId.of("America/New_York");
    private static final double R = 100;
    private static final List<PlaceMessage> PLACES = new ArrayList<>();
    private static final CodeEnforcement CODE_ENFORCEMENT =
            new CodeEnforcement(CityProfiles.shipped("baltimore").codeEnforcement());
    private static final EventHistory HISTORY = new EventHistory(CODE_ENFORCEMENT);
    private static final List<RawIncident> INCIDENTS = new ArrayList<>();
    private static final List<RawRequestStep> STEPS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        Instant loaded = Instant.parse("2019-02-08T12:00:00Z");
        for (String[] m :
                List.of(
                        new String[] {
                            "baltimore-vacant-notices-2019",
                            "places/vacant_building_notices_2019-02-07_vri_zones.csv"
                        },
                        new String[] {
                            "baltimore-businesses-synthetic", "places/businesses_synthetic.csv"
                        })) {
            try (InputStream in = BaltimoreData.open(m[1])) {
                PlaceMapping.resolve(m[0]).read(in, m[1], loaded, PLACES::add, r -> {});
            }
        }
        List<RawEvent> raw = new ArrayList<>(BaltimoreData.shootings2012To2017().events());
        raw.addAll(BaltimoreData.part1Of2018().events());
        raw.addAll(BaltimoreData.requests311Of2019().events());
        for (RawEvent e : raw) {
            if (e.record().lat() == null || e.record().lon() == null) {
                continue;
            }
            if (e.record() instanceof RawIncident i) {
                INCIDENTS.add(i);
                HISTORY.accept(event("incident", i.id(), i.kind(), null, null, i, null));
            } else if (e.record() instanceof RawRequestStep s) {
                STEPS.add(s);
                HISTORY.accept(
                        event(
                                EventMessage.REQUEST_311,
                                s.id(),
                                "REQUEST_311",
                                s.type(),
                                s.status(),
                                s,
                                s.dueAt()));
            }
        }
    }

    @Test
    void everyPlacesIncidentCountsEqualTheBruteForceCountOverAllPairs() {
        for (LocalDate asOf :
                List.of(LocalDate.parse("2017-06-30"), LocalDate.parse("2018-07-07"))) {
            List<PlaceRanking.Row> rows =
                    new PlaceRanking(BALTIMORE, R)
                            .rank(PLACES, asOf, HISTORY, new HaloHistory(), Set.of(), Map.of());
            assertThat(rows).hasSize(PLACES.size());
            Instant end = asOf.plusDays(1).atStartOfDay(BALTIMORE).toInstant();
            Instant from90 = asOf.minusDays(89).atStartOfDay(BALTIMORE).toInstant();
            Instant from365 = asOf.minusDays(364).atStartOfDay(BALTIMORE).toInstant();
            Map<String, PlaceMessage> byId = new HashMap<>();
            PLACES.forEach(p -> byId.put(p.placeId(), p));
            long nonZero = 0;
            for (PlaceRanking.Row row : rows) {
                PlaceMessage p = byId.get(row.placeId());
                long v90 = 0;
                long v365 = 0;
                long gun90 = 0;
                for (RawIncident i : INCIDENTS) {
                    if (!EventHistory.VIOLENT.contains(i.kind())
                            || i.occurredAt().isBefore(from365)
                            || !i.occurredAt().isBefore(end)
                            || Distances.meters(p.lon(), p.lat(), i.lon(), i.lat()) > R) {
                        continue;
                    }
                    v365++;
                    if (!i.occurredAt().isBefore(from90)) {
                        v90++;
                        gun90 += i.kind().equals("HOMICIDE") || i.kind().equals("SHOOTING") ? 1 : 0;
                    }
                }
                assertThat(row.violent365d()).as("%s on %s", p.placeId(), asOf).isEqualTo(v365);
                assertThat(row.violent90d()).as("%s on %s", p.placeId(), asOf).isEqualTo(v90);
                assertThat(row.homicides90d() + row.shootings90d()).isEqualTo(gun90);
                nonZero += v365 > 0 ? 1 : 0;
            }
            System.out.printf(
                    "place ranking %s: %d places, %d with a violent incident within %.0f m in 365"
                            + " days; first: %s%n",
                    asOf, rows.size(), nonZero, R, rows.get(0).explanation());
            assertThat(nonZero).as("the check must count something").isGreaterThan(50);
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i - 1).score()).isGreaterThanOrEqualTo(rows.get(i).score());
                assertThat(rows.get(i).rank()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void openAndOverdueCodeEnforcementRequestsEqualTheBruteForceCount() {
        LocalDate asOf = LocalDate.parse("2019-10-20");
        Instant end = asOf.plusDays(1).atStartOfDay(BALTIMORE).toInstant();
        List<PlaceRanking.Row> rows =
                new PlaceRanking(BALTIMORE, 200)
                        .rank(PLACES, asOf, HISTORY, new HaloHistory(), Set.of(), Map.of());
        Map<String, EventHistory.Request> requests = new HashMap<>();
        for (EventHistory.Request r : HISTORY.requestsBefore(end)) {
            requests.put(r.requestId(), r);
        }
        long withOpen = 0;
        for (PlaceRanking.Row row : rows) {
            long open = 0;
            long overdue = 0;
            for (EventHistory.Request r : requests.values()) {
                if (r.openAt(end)
                        && Distances.meters(row.lon(), row.lat(), r.lon(), r.lat()) <= 200) {
                    open++;
                    overdue += r.overdueAt(end) ? 1 : 0;
                }
            }
            assertThat(row.open311()).as(row.placeId()).isEqualTo(open);
            assertThat(row.overdue311()).as(row.placeId()).isEqualTo(overdue);
            withOpen += open > 0 ? 1 : 0;
        }
        assertThat(withOpen).isPositive();
        assertThat(requests.values()).allMatch(r -> CODE_ENFORCEMENT.covers(r.type()));
    }

    @Test
    void halosHotCellsAndARecentInspectionShowInTheSentenceAndTheOrder() {
        PlaceMessage a = PLACES.get(0);
        PlaceMessage b = PLACES.get(1);
        LocalDate asOf = LocalDate.parse("2018-07-07");
        Instant noon = asOf.atTime(12, 0).atZone(BALTIMORE).toInstant();
        HaloHistory halos = new HaloHistory();
        halos.accept(
                new RiskHaloMessage(
                        "halo/x",
                        "e",
                        "SHOOTING",
                        a.lon(),
                        a.lat(),
                        400,
                        noon.minusSeconds(86_400),
                        noon.plusSeconds(864_000),
                        Map.of()));
        String cell = org.zonestat.geo.H3Binner.h3().latLngToCellAddress(a.lat(), a.lon(), 8);
        ActivityMessage inspected =
                new ActivityMessage(
                        "activity/console/I-1",
                        "INSPECTION",
                        "Liquor Board",
                        "I-1",
                        "console",
                        noon,
                        b.lon(),
                        b.lat(),
                        null,
                        Map.of(),
                        b.placeId(),
                        1,
                        "no violation",
                        null);
        List<PlaceRanking.Row> rows =
                new PlaceRanking(BALTIMORE, R)
                        .rank(
                                List.of(a, b),
                                asOf,
                                new EventHistory(CODE_ENFORCEMENT),
                                halos,
                                Set.of(cell),
                                Map.of(b.placeId(), List.of(inspected)));
        assertThat(rows.get(0).placeId()).isEqualTo(a.placeId());
        assertThat(rows.get(0).score()).as("2 × 1 halo + 3 for the hot cell").isEqualTo(5.0);
        assertThat(rows.get(0).explanation())
                .isEqualTo(
                        "No violent incident within 100 m in the last 90 days; inside 1 near-repeat"
                                + " halo; in a hot cell (7-day Gi*); no inspection recorded");
        assertThat(rows.get(1).recentlyInspected()).isTrue();
        assertThat(rows.get(1).explanation())
                .endsWith("last inspected 2018-07-07 by Liquor Board (no violation)");
    }

    private static EventMessage event(
            String stream,
            String id,
            String kind,
            String type,
            String status,
            org.zonestat.topics.RawInput r,
            Instant dueAt) {
        return new EventMessage(
                stream
                        + "/test/"
                        + id
                        + (status == null ? "" : "/" + status + "@" + r.occurredAt()),
                stream,
                kind,
                type,
                status,
                id,
                "test",
                r.occurredAt(),
                r.lon(),
                r.lat(),
                null,
                Map.of(),
                Map.of(),
                null,
                dueAt);
    }
}
