package org.zonestat.sim.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;

/** The synthetic city: deterministic, clustered, cyclic, and faulty exactly as asked. */
class SyntheticCityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameStream() {
        long seed = 20240101L;
        assertThat(SyntheticCity.take(seed, 20_000))
                .as("seed %d", seed)
                .isEqualTo(SyntheticCity.take(seed, 20_000));
        SyntheticCityOptions faulty =
                SyntheticCityOptions.builder(seed)
                        .count(20_000)
                        .outOfOrderFraction(0.1)
                        .duplicateFraction(0.1)
                        .malformedFraction(0.1)
                        .build();
        assertThat(list(new SyntheticCity(faulty)))
                .as("seed %d with faults", seed)
                .isEqualTo(list(new SyntheticCity(faulty)));
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        List<RawEvent> a = SyntheticCity.take(1, 5_000);
        List<RawEvent> b = SyntheticCity.take(2, 5_000);
        Set<String> common = new HashSet<>(a.stream().map(RawEvent::json).toList());
        common.retainAll(b.stream().map(RawEvent::json).toList());
        assertThat(common).as("records shared by seeds 1 and 2").isEmpty();
    }

    @Test
    void everyRecordFollowsTheRawContractInEventTimeOrderInsideBaltimore() throws IOException {
        long seed = 5;
        List<RawEvent> records = SyntheticCity.take(seed, 30_000);
        Instant previous = Instant.MIN;
        Map<Feed, Integer> perFeed = new HashMap<>();
        for (RawEvent e : records) {
            assertThat(e.occurredAt()).as("seed %d: %s", seed, e.json()).isAfterOrEqualTo(previous);
            previous = e.occurredAt();
            JsonNode n = JSON.readTree(e.json());
            assertThat(n.get("id").asText()).isEqualTo(e.key());
            assertThat(Instant.parse(n.get("occurredAt").asText())).isEqualTo(e.occurredAt());
            assertThat(n.get("lat").asDouble())
                    .as("seed %d: %s", seed, e.json())
                    .isBetween(39.17, 39.40);
            assertThat(n.get("lon").asDouble())
                    .as("seed %d: %s", seed, e.json())
                    .isBetween(-76.74, -76.50);
            switch (e.feed()) {
                case INCIDENTS -> assertThat(n.get("kind").asText()).isIn("SHOOTING", "HOMICIDE");
                case REQUESTS311 ->
                        assertThat(n.get("status").asText()).isIn("New", "Open", "Closed");
                case TIPS -> {
                    assertThat(n.get("category").asText())
                            .isIn("GUNS", "DRUGS", "VIOLENCE", "OTHER");
                    assertThat(n.get("text").asText()).isNotBlank();
                    List<String> fields = new ArrayList<>();
                    n.fieldNames().forEachRemaining(fields::add);
                    assertThat(fields)
                            .containsExactlyInAnyOrder(
                                    "id", "source", "category", "occurredAt", "lat", "lon", "text");
                }
            }
            perFeed.merge(e.feed(), 1, Integer::sum);
        }
        assertThat(perFeed)
                .as("seed %d: what happened, not what agencies did", seed)
                .containsOnlyKeys(Feed.INCIDENTS, Feed.REQUESTS311, Feed.TIPS);
    }

    @Test
    void requestsGoThroughNewOpenClosedAndSomeCloseOverdue() throws IOException {
        long seed = 11;
        SyntheticCity city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .duration(Duration.ofDays(20))
                                .feeds(EnumSet.of(Feed.REQUESTS311))
                                .build());
        Map<String, List<String>> statuses = new HashMap<>();
        int closed = 0;
        int overdue = 0;
        while (city.hasNext()) {
            JsonNode n = JSON.readTree(city.next().json());
            statuses.computeIfAbsent(n.get("id").asText(), k -> new ArrayList<>())
                    .add(n.get("status").asText());
            if (n.get("status").asText().equals("Closed")) {
                closed++;
                if (Instant.parse(n.get("closedAt").asText())
                        .isAfter(Instant.parse(n.get("dueAt").asText()))) {
                    overdue++;
                }
            }
        }
        assertThat(statuses.values())
                .as("seed %d", seed)
                .allMatch(s -> List.of("New", "Open", "Closed").subList(0, s.size()).equals(s));
        assertThat(statuses.size())
                .as("requests in 20 days, seed %d", seed)
                .isBetween(19_000, 23_000);
        double overdueShare = (double) overdue / closed;
        assertThat(overdueShare)
                .as("share closed after the due date, seed %d", seed)
                .isBetween(0.05, 0.5);
    }

    @Test
    void shootingsClusterInSpaceAndTimeMoreThanAShuffledBaseline() {
        long seed = 1234;
        List<double[]> shootings =
                shootings(seed, Duration.ofDays(730), EnumSet.of(Feed.INCIDENTS));
        int observed = closePairs(shootings);
        SplittableRandom shuffle = new SplittableRandom(seed);
        double baseline = 0;
        int rounds = 5;
        for (int k = 0; k < rounds; k++) {
            baseline += closePairs(shuffledTimes(shootings, shuffle));
        }
        baseline /= rounds;
        System.out.printf(
                "seed %d: %d shootings in 2 years, %d pairs within 400 m and 14 days, shuffled baseline"
                        + " %.0f (ratio %.2f)%n",
                seed, shootings.size(), observed, baseline, observed / baseline);
        assertThat(shootings.size())
                .as("shootings in 2 years, seed %d", seed)
                .isBetween(1_700, 2_500);
        assertThat(observed)
                .as("close pairs vs shuffled baseline %.0f, seed %d", baseline, seed)
                .isGreaterThan((int) (1.3 * baseline));
    }

    @Test
    void shootingsHappenMoreAtNightAndOnWeekends() {
        long seed = 77;
        List<double[]> shootings =
                shootings(seed, Duration.ofDays(730), EnumSet.of(Feed.INCIDENTS));
        int night = 0;
        int weekend = 0;
        for (double[] s : shootings) {
            ZonedDateTime local =
                    Instant.ofEpochMilli((long) s[2]).atZone(ZoneId.of("America/New_York"));
            if (local.getHour() >= 20 || local.getHour() < 4) {
                night++;
            }
            if (local.getDayOfWeek().getValue() >= 6) {
                weekend++;
            }
        }
        assertThat((double) night / shootings.size())
                .as("share between 20:00 and 04:00 (uniform: 0.33), seed %d", seed)
                .isGreaterThan(0.45);
        double weekendDaily = weekend / 2.0;
        double weekdayDaily = (shootings.size() - weekend) / 5.0;
        assertThat(weekendDaily / weekdayDaily)
                .as("weekend vs weekday shootings per day, seed %d", seed)
                .isGreaterThan(1.1);
    }

    @Test
    void someTipsFollowAShootingWithin300MetersAnd48Hours() throws IOException {
        long seed = 99;
        SyntheticCity city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .duration(Duration.ofDays(365))
                                .feeds(EnumSet.of(Feed.INCIDENTS, Feed.TIPS))
                                .build());
        List<double[]> shootings = new ArrayList<>();
        int tips = 0;
        int near = 0;
        while (city.hasNext()) {
            RawEvent e = city.next();
            JsonNode n = JSON.readTree(e.json());
            double[] p = {
                n.get("lat").asDouble(), n.get("lon").asDouble(), e.occurredAt().toEpochMilli()
            };
            if (e.feed() == Feed.INCIDENTS) {
                shootings.add(p);
            } else {
                tips++;
                if (shootings.stream()
                        .anyMatch(
                                s ->
                                        p[2] - s[2] <= 48 * 3_600_000L
                                                && p[2] >= s[2]
                                                && meters(s, p) <= 300)) {
                    near++;
                }
            }
        }
        assertThat(near)
                .as(
                        "tips near a preceding shooting (of %d tips, %d shootings), seed %d",
                        tips, shootings.size(), seed)
                .isGreaterThan((int) (0.3 * shootings.size()));
    }

    @Test
    void faultFractionsMatchTheOptions() throws IOException {
        long seed = 4242;
        double outOfOrder = 0.05;
        double duplicates = 0.03;
        double malformed = 0.02;
        SyntheticCity city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed)
                                .count(60_000)
                                .outOfOrderFraction(outOfOrder)
                                .duplicateFraction(duplicates)
                                .malformedFraction(malformed)
                                .build());
        List<RawEvent> records = list(city);

        int dup = 0;
        int late = 0;
        int bad = 0;
        int distinct = 0;
        Map<MalformedKind, Integer> kinds = new HashMap<>();
        Instant max = Instant.MIN;
        RawEvent previous = null;
        for (RawEvent e : records) {
            if (previous != null && e.equals(previous)) {
                dup++;
                previous = null;
                continue;
            }
            previous = e;
            distinct++;
            if (e.occurredAt().isBefore(max)) {
                late++;
            } else {
                max = e.occurredAt();
            }
            MalformedKind kind = malformedKind(e);
            if (kind != null) {
                bad++;
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        assertThat(records).hasSize(60_000);
        assertThat((double) dup / distinct)
                .as("duplicates, seed %d", seed)
                .isCloseTo(duplicates, within(0.005));
        assertThat((double) late / distinct)
                .as("out of order, seed %d", seed)
                .isCloseTo(outOfOrder, within(0.006));
        assertThat((double) bad / distinct)
                .as("malformed, seed %d", seed)
                .isCloseTo(malformed, within(0.004));
        assertThat(kinds)
                .as("every malformed kind occurs, seed %d", seed)
                .containsOnlyKeys(MalformedKind.values());
    }

    @Test
    void invalidOptionsFailWithTheSeedInTheMessage() {
        assertThatThrownBy(
                        () ->
                                SyntheticCityOptions.builder(3)
                                        .count(10)
                                        .duplicateFraction(0.7)
                                        .build())
                .hasMessage(
                        "synthetic city (seed 3): duplicate fraction must be in [0, 0.5], was 0.7");
        assertThatThrownBy(
                        () ->
                                SyntheticCityOptions.builder(3)
                                        .count(10)
                                        .malformedFraction(Double.NaN)
                                        .build())
                .hasMessageContaining("malformed fraction");
        assertThatThrownBy(
                        () ->
                                SyntheticCityOptions.builder(3)
                                        .count(10)
                                        .outOfOrderFraction(-0.1)
                                        .build())
                .hasMessageContaining("out-of-order fraction");
        assertThatThrownBy(
                        () ->
                                SyntheticCityOptions.builder(3)
                                        .count(10)
                                        .duration(Duration.ofDays(1))
                                        .build())
                .hasMessageContaining("exactly one");
        assertThatThrownBy(
                        () -> SyntheticCityOptions.builder(3).count(10).rateMultiplier(0).build())
                .hasMessageContaining("rate multiplier");
        assertThatThrownBy(() -> SyntheticCityOptions.builder(3).count(10).feeds(Set.of()).build())
                .hasMessageContaining("at least one feed");
    }

    @Test
    void theGeneratorsThroughputIsPrinted() {
        double perSecond = GeneratorThroughput.measure(300_000, 1);
        System.out.printf("synthetic city generator: %,.0f records/s on one thread%n", perSecond);
        assertThat(perSecond).isPositive();
    }

    private static MalformedKind malformedKind(RawEvent e) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(e.json());
        } catch (IOException ex) {
            return MalformedKind.BAD_JSON;
        }
        if (!n.has("occurredAt")) {
            return MalformedKind.MISSING_FIELD;
        }
        if (n.get("lat").asDouble() == 0 && n.get("lon").asDouble() == 0) {
            return MalformedKind.ZERO_COORDINATES;
        }
        if (n.get("lat").asDouble() < 0) {
            return MalformedKind.SWAPPED_COORDINATES;
        }
        return null;
    }

    /** lat, lon, epoch millis of every shooting. */
    private static List<double[]> shootings(long seed, Duration duration, Set<Feed> feeds) {
        SyntheticCity city =
                new SyntheticCity(
                        SyntheticCityOptions.builder(seed).duration(duration).feeds(feeds).build());
        List<double[]> out = new ArrayList<>();
        city.forEachRemaining(
                e -> {
                    try {
                        JsonNode n = JSON.readTree(e.json());
                        out.add(
                                new double[] {
                                    n.get("lat").asDouble(),
                                    n.get("lon").asDouble(),
                                    e.occurredAt().toEpochMilli()
                                });
                    } catch (IOException ex) {
                        throw new AssertionError(ex);
                    }
                });
        return out;
    }

    private static int closePairs(List<double[]> points) {
        int pairs = 0;
        long window = 14 * 86_400_000L;
        for (int i = 0; i < points.size(); i++) {
            for (int j = i + 1; j < points.size(); j++) {
                double[] a = points.get(i);
                double[] b = points.get(j);
                if (Math.abs(a[2] - b[2]) <= window && meters(a, b) <= 400) {
                    pairs++;
                }
            }
        }
        return pairs;
    }

    private static List<double[]> shuffledTimes(List<double[]> points, SplittableRandom r) {
        double[] times = points.stream().mapToDouble(p -> p[2]).toArray();
        for (int i = times.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = times[i];
            times[i] = times[j];
            times[j] = t;
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            out.add(new double[] {points.get(i)[0], points.get(i)[1], times[i]});
        }
        return out;
    }

    /** Equirectangular distance, accurate to well under 1% at city scale. */
    private static double meters(double[] a, double[] b) {
        double dLat = (a[0] - b[0]) * 111_320;
        double dLon = (a[1] - b[1]) * 111_320 * Math.cos(Math.toRadians(a[0]));
        return Math.sqrt(dLat * dLat + dLon * dLon);
    }

    private static List<RawEvent> list(SyntheticCity city) {
        List<RawEvent> out = new ArrayList<>();
        city.forEachRemaining(out::add);
        return out;
    }
}
