package org.zonestat.sim.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.sim.baltimore.BaltimoreData;

/** The backfill command's arguments, summary and exit codes, with an in-memory publisher. */
class BackfillCommandTest {
    @TempDir Path dir;

    private final ListPublisher publisher = new ListPublisher();
    private final BackfillCommand command =
            new BackfillCommand((bootstrap, load) -> publisher, Duration.ofMillis(500));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void the311ExportIsPublishedAsItsLifecycleRecordsToTheMappingsTopic() throws IOException {
        Path input = copy(BaltimoreData.SERVICE_311_2019);

        int code =
                run(
                        "--kind",
                        "requests311",
                        "--input",
                        input.toString(),
                        "--mapping",
                        "baltimore-311");

        assertThat(code).as(err()).isEqualTo(0);
        assertThat(publisher.sent).hasSize(5099);
        assertThat(publisher.sent).allMatch(s -> s.topic().equals("requests311.raw"));
        assertThat(publisher.closed).isTrue();
        assertThat(out())
                .contains(
                        "rows read:         3,000",
                        "good rows:         3,000",
                        "rejected rows:     0",
                        "records published: 5,099");
        assertThat(err())
                .contains(
                        "publishing "
                                + input.getFileName()
                                + " [########################] 100% 5,099 records");
    }

    @Test
    void rejectedRowsAreCountedAndTheFirstTwentyListedWithFileAndLine() throws IOException {
        String rows =
                IntStream.rangeClosed(1, 30)
                        .mapToObj(
                                i ->
                                        i <= 25
                                                ? "c" + i + ",not-a-date,SHOOTING,1,x,39.3,-76.6,p"
                                                : "c"
                                                        + i
                                                        + ",2017-01-0"
                                                        + (i - 25)
                                                        + ",SHOOTING,1,x,39.3,-76.6,p")
                        .collect(Collectors.joining("\n"));
        Path input = dir.resolve("cases.csv");
        Files.writeString(
                input,
                "case_number,date,case_type,victims,block_address,latitude,longitude,geocode_type\n"
                        + rows
                        + "\n");

        int code =
                run(
                        "--kind",
                        "incidents",
                        "--input",
                        input.toString(),
                        "--mapping",
                        "baltimore-shootings-trace",
                        "--topic",
                        "my.topic",
                        "--source",
                        "my-extract");

        assertThat(code).as(err()).isEqualTo(0);
        assertThat(publisher.sent)
                .hasSize(5)
                .allMatch(
                        s ->
                                s.topic().equals("my.topic")
                                        && s.record().json().contains("\"source\":\"my-extract\""));
        assertThat(out())
                .contains(
                        "good rows:         5",
                        "rejected rows:     25",
                        "rejected rows (first 20 of 25):",
                        "  cases.csv:2: 'not-a-date' matches none of the time formats [yyyy-MM-dd]",
                        "  cases.csv:21: 'not-a-date'");
        assertThat(out()).doesNotContain("cases.csv:22:");
    }

    @Test
    void missingUnknownOrBadFlagsExitWithTwoAndTheUsage() {
        assertThat(run("--kind", "incidents", "--mapping", "baltimore-part1-legacy"))
                .isEqualTo(BackfillCommand.USAGE);
        assertThat(err())
                .contains("Missing required option: '--input=FILE'", "Usage: zonestat backfill");
        assertThat(run("--kind", "weather", "--input", "x", "--mapping", "y")).isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--kind'", "'weather'");
        assertThat(run("--kind", "tips", "--input", "x", "--mapping", "y", "--inptu", "x"))
                .isEqualTo(2);
        assertThat(err()).contains("Unknown option", "'--inptu'");
        assertThat(run("--kind", "tips", "--input", "x", "--mapping", "y", "--topic", " "))
                .isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--topic': it is empty");
        assertThat(run("--kind", "tips", "--input", "x", "--mapping", "y", "--order", "random"))
                .isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--order'");
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out()).contains("--kind=incidents|requests311|tips", "Default: 127.0.0.1:9092");
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void anUnreadableInputOrMappingExitsWithOne() throws IOException {
        assertThat(
                        run(
                                "--kind",
                                "incidents",
                                "--input",
                                dir.resolve("missing.csv").toString(),
                                "--mapping",
                                "baltimore-part1-legacy"))
                .isEqualTo(1);
        assertThat(err()).contains("cannot read input file");

        Path input = copy(BaltimoreData.PART1_2018);
        assertThat(
                        run(
                                "--kind",
                                "incidents",
                                "--input",
                                input.toString(),
                                "--mapping",
                                "springfield"))
                .isEqualTo(1);
        assertThat(err()).contains("no shipped mapping named 'springfield'");

        assertThat(
                        run(
                                "--kind",
                                "tips",
                                "--input",
                                input.toString(),
                                "--mapping",
                                "baltimore-part1-legacy"))
                .isEqualTo(1);
        assertThat(err())
                .contains(
                        "--kind tips does not match mapping baltimore-part1-legacy, which is for incidents");

        assertThat(
                        run(
                                "--kind",
                                "incidents",
                                "--input",
                                input.toString(),
                                "--mapping",
                                "baltimore-shootings-trace"))
                .as("a file without the mapping's columns")
                .isEqualTo(1);
        assertThat(err()).contains("names columns [case_number");
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void progressIsPrintedAtMostOncePerIntervalThenAFinalLine() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressReporter progress =
                new ProgressReporter(
                        new PrintStream(lines, true, StandardCharsets.UTF_8),
                        () -> now[0],
                        Duration.ofMillis(500),
                        "f.csv",
                        false);
        List<Long> announced = new ArrayList<>();
        progress.announcingTo((records, bytesRead, rate) -> announced.add(records));
        for (int i = 1; i <= 3000; i++) {
            now[0] += 1_000_000; // 1 ms per record: 3 s in all
            progress.update(i, i * 10L, 30_000);
        }
        progress.finish(3000);

        assertThat(progress.lines()).isEqualTo(7);
        assertThat(announced)
                .as("once a second, for the console")
                .containsExactly(1000L, 2000L, 3000L);
        String text = lines.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith(
                        "publishing f.csv [####--------------------]  16% 500 records 1,000"
                                + " records/s 0:03 left\n");
        assertThat(text)
                .endsWith(
                        "publishing f.csv [########################] 100% 3,000 records 1,000"
                                + " records/s\n");
    }

    /** Publishing only: no history service processes the load in these tests. */
    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--no-wait";
        System.arraycopy(args, 0, all, 1, args.length);
        return command.run(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path copy(String shippedFile) throws IOException {
        Path target = dir.resolve(shippedFile);
        try (InputStream in = BaltimoreData.open(shippedFile)) {
            Files.copy(in, target);
        }
        return target;
    }
}
