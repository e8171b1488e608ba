package org.zonestat.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * The one conformance check every {@link ZoneLocator} strategy must pass: on every real Baltimore
 * layer, its answer equals {@link BruteForceZoneLocator}'s on
 *
 * <ul>
 *   <li>{@value #RANDOM_POINTS} random points over the city's bounding box (enlarged by 2% so some
 *       fall outside every zone), seeded: the seed is in every failure message and can be set with
 *       {@code -Dzonestat.seed=...};
 *   <li>every real event location of the three Baltimore event files;
 *   <li>vertices of the layer's zones (points exactly on boundaries, where the lowest-index rule
 *       decides) and edge midpoints (points within rounding of a boundary): all of them, or a
 *       seeded sample of {@value #MAX_BOUNDARY_POINTS} for layers with more.
 * </ul>
 *
 * <p>A synthetic layer with shared edges, overlaps, a hole and a multipolygon is checked the same
 * way on a lattice that hits its edges and corners exactly.
 *
 * <p>Brute-force answers are computed once per layer and shared by all strategies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneLocatorConformanceTest {
    static final int RANDOM_POINTS = 100_000;
    static final long SEED = Long.getLong("zonestat.seed", 0x5EED_2019L);
    static final int MAX_BOUNDARY_POINTS = 30_000;

    /** The strategies under test; add a new {@link ZoneLocator} here. */
    static final List<Strategy> STRATEGIES =
            List.of(
                    new Strategy("StrTreeZoneLocator", StrTreeZoneLocator::new),
                    new Strategy("GridZoneLocator (default 8 m cells)", GridZoneLocator::new),
                    new Strategy(
                            "GridZoneLocator (60 m cells, many boundary cells)",
                            layer -> new GridZoneLocator(layer, 60)));

    private final Map<String, Oracle> oracles = new HashMap<>();
    private List<double[]> events;

    record Strategy(String name, Function<ZoneLayer, ZoneLocator> factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Points of one layer with the brute-force answer for each. */
    record Oracle(ZoneLayer layer, double[] lons, double[] lats, int[] expected) {}

    Stream<Arguments> realLayersAndStrategies() {
        List<Arguments> out = new ArrayList<>();
        for (ZoneLayerSpec spec : BaltimoreFixtures.ALL_LAYERS) {
            for (Strategy s : STRATEGIES) {
                out.add(Arguments.of(spec, s));
            }
        }
        return out.stream();
    }

    Stream<Strategy> strategies() {
        return STRATEGIES.stream();
    }

    @ParameterizedTest(name = "{1} agrees with brute force on every point of {0}")
    @MethodSource("realLayersAndStrategies")
    void locatorAgreesWithBruteForceOnEveryPointOfARealLayer(
            ZoneLayerSpec spec, Strategy strategy) {
        Oracle oracle = oracles.computeIfAbsent(spec.id(), id -> realOracle(spec));
        assertAgreement(oracle, strategy.factory().apply(oracle.layer()), strategy.name());
    }

    @ParameterizedTest(name = "{0} agrees with brute force on edges, corners, holes and overlaps")
    @MethodSource("strategies")
    void locatorAgreesWithBruteForceOnASyntheticLayer(Strategy strategy) {
        Oracle oracle = oracles.computeIfAbsent("synthetic", id -> syntheticOracle());
        assertAgreement(oracle, strategy.factory().apply(oracle.layer()), strategy.name());
    }

    @Test
    void everyLayerFileInTheResourcesFolderIsChecked() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(BaltimoreFixtures.ZONES_DIR)) {
            files =
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".geojson"))
                            .map(n -> BaltimoreFixtures.ZONES + n)
                            .toList();
        }
        assertThat(BaltimoreFixtures.ALL_LAYERS)
                .extracting(ZoneLayerSpec::location)
                .containsExactlyInAnyOrderElementsOf(files);
    }

    private void assertAgreement(Oracle oracle, ZoneLocator locator, String strategy) {
        List<String> disagreements = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < oracle.lons().length; i++) {
            int actual = locator.locate(oracle.lons()[i], oracle.lats()[i]);
            if (actual != oracle.expected()[i]) {
                count++;
                if (disagreements.size() < 10) {
                    disagreements.add(
                            String.format(
                                    "(%.17g, %.17g): brute force %d, %s %d",
                                    oracle.lons()[i],
                                    oracle.lats()[i],
                                    oracle.expected()[i],
                                    strategy,
                                    actual));
                }
            }
        }
        assertThat(count)
                .as(
                        "%s on layer '%s': %d of %d points disagree with brute force (seed %d); first: %s",
                        strategy,
                        oracle.layer().id(),
                        count,
                        oracle.lons().length,
                        SEED,
                        disagreements)
                .isZero();
        // A conformance test that saw only NO_ZONE would prove nothing.
        assertThat(Arrays.stream(oracle.expected()).filter(z -> z >= 0).count())
                .as("points of layer '%s' inside some zone (seed %d)", oracle.layer().id(), SEED)
                .isPositive();
    }

    private Oracle realOracle(ZoneLayerSpec spec) {
        ZoneLayer layer = BaltimoreFixtures.layer(spec);
        List<double[]> points = new ArrayList<>();
        Envelope city = cityBox();
        double dx = city.getWidth() * 0.02;
        double dy = city.getHeight() * 0.02;
        // Seeded per layer so that each layer's points are reproducible on their own.
        SplittableRandom random = new SplittableRandom(SEED ^ spec.id().hashCode());
        for (int i = 0; i < RANDOM_POINTS; i++) {
            points.add(
                    new double[] {
                        random.nextDouble(city.getMinX() - dx, city.getMaxX() + dx),
                        random.nextDouble(city.getMinY() - dy, city.getMaxY() + dy)
                    });
        }
        if (events == null) {
            events = BaltimoreFixtures.eventLocations();
        }
        points.addAll(events);
        List<double[]> onBoundaries = new ArrayList<>();
        for (Zone z : layer.zones()) {
            Coordinate[] cs = z.geometry().getCoordinates();
            for (int k = 0; k < cs.length; k++) {
                onBoundaries.add(new double[] {cs[k].x, cs[k].y});
                if (k + 1 < cs.length) {
                    onBoundaries.add(
                            new double[] {
                                (cs[k].x + cs[k + 1].x) / 2, (cs[k].y + cs[k + 1].y) / 2
                            });
                }
            }
        }
        // The brute-force oracle is slowest exactly there (long rings): a seeded sample suffices.
        for (int i = 0; i < Math.min(MAX_BOUNDARY_POINTS, onBoundaries.size()); i++) {
            int j = i + random.nextInt(onBoundaries.size() - i);
            double[] swap = onBoundaries.get(j);
            onBoundaries.set(j, onBoundaries.get(i));
            points.add(swap);
        }
        System.out.printf(
                "conformance points for %s: %d (%d random, %d events, %d on or near boundaries), seed %d%n",
                spec.id(),
                points.size(),
                RANDOM_POINTS,
                events.size(),
                points.size() - RANDOM_POINTS - events.size(),
                SEED);
        return oracle(layer, points);
    }

    private Envelope cityBox() {
        return BaltimoreFixtures.layer(BaltimoreFixtures.ALL_LAYERS.get(6)).extent();
    }

    private static Oracle syntheticOracle() {
        ZoneLayer layer = SyntheticLayers.edgesHolesAndOverlaps();
        List<double[]> points = new ArrayList<>();
        // Quarter-unit lattice: hits every vertex, edge and corner of the synthetic zones exactly.
        for (int i = -8; i <= 4 * 36; i++) {
            for (int j = -8; j <= 4 * 32; j++) {
                points.add(new double[] {SyntheticLayers.x(i / 4.0), SyntheticLayers.y(j / 4.0)});
            }
        }
        return oracle(layer, points);
    }

    private static Oracle oracle(ZoneLayer layer, List<double[]> points) {
        BruteForceZoneLocator brute = new BruteForceZoneLocator(layer);
        int n = points.size();
        double[] lons = new double[n];
        double[] lats = new double[n];
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            lons[i] = points.get(i)[0];
            lats[i] = points.get(i)[1];
        }
        // The oracle is slow and thread-safe: use every core.
        IntStream.range(0, n).parallel().forEach(i -> expected[i] = brute.locate(lons[i], lats[i]));
        return new Oracle(layer, lons, lats, expected);
    }
}
