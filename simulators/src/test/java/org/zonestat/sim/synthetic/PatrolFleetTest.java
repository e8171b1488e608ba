package org.zonestat.sim.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.zonestat.city.CityProfile;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.Distances;
import org.zonestat.geo.ZoneCatalog;
import org.zonestat.geo.ZoneLayer;
import org.zonestat.topics.RawPosition;

/** The synthetic fleet: deterministic, in time order, at its rate, moving as units do. */
class PatrolFleetTest {
    private static final Instant START = Instant.parse("2024-05-06T12:00:00Z");
    private static final CityProfile CITY = CityProfiles.shipped("baltimore");
    private static final ZoneLayer FOCUS =
            ZoneCatalog.load(CITY.layers()).layer(CITY.focusLayer()).orElseThrow();

    private static List<RawPosition> take(PatrolOptions o, int n) {
        PatrolFleet fleet = new PatrolFleet(o);
        List<RawPosition> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fleet.next());
        }
        return out;
    }

    private static PatrolOptions options(long seed) {
        return PatrolOptions.forCity(seed, START, CityGeography.of(CITY), FOCUS)
                .with(40, 3, Duration.ofSeconds(10));
    }

    @Test
    void theSameSeedGivesTheSameFixesAndAnotherSeedOthers() {
        long seed = 20240506L;
        System.out.println("patrol fleet seed " + seed);
        assertThat(take(options(seed), 2_000)).isEqualTo(take(options(seed), 2_000));
        assertThat(take(options(seed + 1), 2_000)).isNotEqualTo(take(options(seed), 2_000));
    }

    @Test
    void everyDeviceReportsOncePerIntervalInTimeOrderSpreadOverTheInterval() {
        List<RawPosition> fixes = take(options(7), 43 * 60); // ten minutes of 43 devices
        for (int i = 1; i < fixes.size(); i++) {
            assertThat(fixes.get(i).at()).isAfterOrEqualTo(fixes.get(i - 1).at());
        }
        Map<String, Integer> perDevice = new HashMap<>();
        fixes.forEach(f -> perDevice.merge(f.deviceId(), 1, Integer::sum));
        assertThat(perDevice).hasSize(43);
        assertThat(perDevice.values()).allMatch(n -> n == 60);
        assertThat(fixes.get(0).at()).isEqualTo(START);
        assertThat(fixes.get(1).at()).isEqualTo(START.plusMillis(10_000 / 43));
        assertThat(perDevice.keySet()).contains("car-001", "ow-005", "m-01", "m-03");
    }

    @Test
    void unitsCarryTheirTeamAssignmentAndStatusAndMonitoredDevicesNeither() {
        List<RawPosition> fixes = take(options(7), 43);
        RawPosition car =
                fixes.stream()
                        .filter(f -> f.deviceId().equals("car-001"))
                        .findFirst()
                        .orElseThrow();
        assertThat(car.kind()).isEqualTo(RawPosition.UNIT);
        assertThat(car.team()).isEqualTo("patrol");
        assertThat(car.status()).isEqualTo("available");
        assertThat(car.assignment()).containsExactly("vri-zones:" + FOCUS.zone(0).name());
        RawPosition outreach =
                fixes.stream().filter(f -> f.deviceId().equals("ow-005")).findFirst().orElseThrow();
        assertThat(outreach.team()).isEqualTo("outreach");
        RawPosition m =
                fixes.stream().filter(f -> f.deviceId().equals("m-01")).findFirst().orElseThrow();
        assertThat(m.kind()).isEqualTo(RawPosition.MONITORED);
        assertThat(m.team()).isNull();
        assertThat(m.assignment()).isNull();
    }

    @Test
    void unitsMoveAtCitySpeedsStartInTheirZoneAndDwell() {
        List<RawPosition> fixes = take(options(11), 43 * 6 * 60); // an hour
        Map<String, RawPosition> last = new HashMap<>();
        Set<String> moved = new HashSet<>();
        int still = 0;
        GeometryFactory g = new GeometryFactory();
        for (RawPosition f : fixes) {
            RawPosition before = last.put(f.deviceId(), f);
            if (before == null) {
                if (f.kind().equals(RawPosition.UNIT)) {
                    String zone = f.assignment().get(0).substring("vri-zones:".length());
                    var geometry =
                            FOCUS.zones().stream()
                                    .filter(z -> z.name().equals(zone))
                                    .findFirst()
                                    .orElseThrow()
                                    .geometry();
                    assertThat(geometry.contains(g.createPoint(new Coordinate(f.lon(), f.lat()))))
                            .as("%s starts in its zone", f.deviceId())
                            .isTrue();
                }
                continue;
            }
            double meters = Distances.meters(before.lon(), before.lat(), f.lon(), f.lat());
            double seconds = Duration.between(before.at(), f.at()).toMillis() / 1000.0;
            assertThat(meters / seconds).as("%s speed", f.deviceId()).isLessThan(16);
            if (meters > 0) {
                moved.add(f.deviceId());
            } else {
                still++;
            }
        }
        assertThat(moved).as("every device moved within the first minute").hasSize(43);
        assertThat(still).as("fixes spent dwelling").isGreaterThan(fixes.size() / 10);
    }

    @Test
    void unitsGoOffDutyAtTheEndOfTheirShiftAndFallSilent() {
        PatrolFleet fleet = new PatrolFleet(options(3));
        List<RawPosition> fixes = new ArrayList<>();
        Instant end = START.plus(Duration.ofHours(11));
        while (fleet.nextFixTime() < end.toEpochMilli()) {
            fixes.add(fleet.next());
        }
        Set<String> offDuty = new HashSet<>();
        Map<String, Instant> lastFix = new HashMap<>();
        for (RawPosition f : fixes) {
            if ("off-duty".equals(f.status())) {
                offDuty.add(f.deviceId());
            }
            lastFix.put(f.deviceId(), f.at());
        }
        assertThat(offDuty).hasSize(40);
        for (String unit : offDuty) {
            assertThat(lastFix.get(unit))
                    .as(unit + " is silent after going off duty")
                    .isBefore(end.minusSeconds(10));
        }
        assertThat(lastFix.get("m-01")).isAfter(end.minusSeconds(11));
    }
}
