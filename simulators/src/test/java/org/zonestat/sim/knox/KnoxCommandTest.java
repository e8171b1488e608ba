package org.zonestat.sim.knox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.sim.baltimore.BaltimoreData;

/** {@code ./zonestat knox} on the real Baltimore shooting cases 2012-2017, and its bad flags. */
class KnoxCommandTest {
    @TempDir Path dir;

    @Test
    void theRealShootingsGiveASeededTableOfEveryBandPair() throws IOException {
        Path input = dir.resolve("shootings.csv");
        try (InputStream in = BaltimoreData.open(BaltimoreData.SHOOTINGS_2012_2017)) {
            Files.copy(in, input);
        }
        String[] args = {
            "--input", input.toString(), "--mapping", "baltimore-shootings-trace", "--seed", "7"
        };
        Run first = run(args);
        System.out.print(first.out);
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out)
                .contains("3,479 incidents of SHOOTING, HOMICIDE from 2012-01-01 to 2017-07-26")
                .contains("0-100          0-7")
                .contains("800-1600       28-56")
                .contains("(99 permutations, seed 7");
        assertThat(first.out.lines().filter(l -> l.matches("\\d+-\\d+ .*"))).hasSize(25);
        String table = first.out.substring(0, first.out.lastIndexOf("(99 permutations"));
        Run again = run(args);
        assertThat(again.out).as("the same seed, the same table").startsWith(table);
    }

    @Test
    void badBandsOrAnotherFeedsMappingAreRefused() {
        assertThat(
                        run(
                                        "--input",
                                        "x.csv",
                                        "--mapping",
                                        "baltimore-shootings-trace",
                                        "--bands",
                                        "100,50:7")
                                .code)
                .isEqualTo(2);
        assertThat(
                        run(
                                        "--input",
                                        "x.csv",
                                        "--mapping",
                                        "baltimore-shootings-trace",
                                        "--bands",
                                        "100")
                                .code)
                .isEqualTo(2);
        Run other = run("--input", "x.csv", "--mapping", "baltimore-311");
        assertThat(other.code).isEqualTo(1);
        assertThat(other.err).contains("not an incidents mapping");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                new KnoxCommand()
                        .run(
                                args,
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
