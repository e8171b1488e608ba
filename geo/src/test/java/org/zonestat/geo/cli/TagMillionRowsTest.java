package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming: a million-row CSV is tagged by the real command in a separate JVM whose heap (48 MB)
 * is far smaller than the input, so any per-row retention would run it out of memory.
 */
class TagMillionRowsTest {
    private static final long SEED = Long.getLong("zonestat.seed", 1_000_000L);
    private static final int ROWS = 1_000_000;

    @TempDir Path dir;

    @Test
    void aMillionRowsAreTaggedInASmallHeap() throws Exception {
        Path zones = dir.resolve("wards.geojson");
        Files.writeString(zones, TagCommandTest.ZONES);
        Path input = dir.resolve("million.csv");
        long expectedBad = 0;
        SplittableRandom random = new SplittableRandom(SEED);
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            w.write("id,comment,lat,lon\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(Integer.toString(i));
                w.write(i % 7 == 0 ? ",\"quoted, with comma\"," : ",plain,");
                if (i % 100 == 0) {
                    w.write("NA,NA\n");
                    expectedBad++;
                } else {
                    w.write(Double.toString(random.nextDouble(0, 1)));
                    w.write(',');
                    w.write(Double.toString(random.nextDouble(-0.5, 2.5)));
                    w.write('\n');
                }
            }
        }
        assertThat(Files.size(input)).isGreaterThan(48L << 20);
        Path output = dir.resolve("tagged.csv");
        Path stderr = dir.resolve("stderr.txt");

        Process process =
                new ProcessBuilder(
                                List.of(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-Xmx48m",
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        TagCommand.class.getName(),
                                        "--zones",
                                        zones.toString(),
                                        "--name-property",
                                        "label",
                                        "--input",
                                        input.toString(),
                                        "--lat",
                                        "lat",
                                        "--lon",
                                        "lon",
                                        "--output",
                                        output.toString()))
                        .redirectError(stderr.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        assertThat(finished).as("finished in time; stderr: %s", errors).isTrue();
        assertThat(process.exitValue()).as("exit status; stderr: %s", errors).isZero();
        assertThat(errors).contains("rows " + ROWS + ", ", "bad coordinates " + expectedBad + " ");
        long lines;
        try (var stream = Files.lines(output)) {
            lines = stream.count();
        }
        assertThat(lines).as("header plus every row (seed %d)", SEED).isEqualTo(ROWS + 1);
    }
}
