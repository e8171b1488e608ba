package org.zonestat.sim.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import picocli.CommandLine;

/** The synthetic command's flags: bad values are refused before anything is published. */
class SyntheticCityMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBadValueExitsWithTwoNamingTheFlag() {
        assertThat(run("--rate", "0")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("--rate must be in [1, 100000], was 0.0");
        assertThat(run("--duplicates", "0.7")).isEqualTo(2);
        assertThat(err.toString()).contains("--duplicates must be in [0, 0.5], was 0.7");
        assertThat(run("--duration-seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration-seconds must be > 0");
        assertThat(run("--rate-multiplier", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate-multiplier must be in (0, 1000000], was 0.0");
        assertThat(run("--start", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--start'", "'yesterday'");
        assertThat(run("--seed", "one")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--seed'");
    }

    @Test
    void helpListsTheFlagsWithTheirDefaults() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: zonestat synthetic", "--rate=N", "Default: 1000")
                .contains("--bootstrap", "Default: 127.0.0.1:9092");
    }

    private int run(String... args) {
        PrintStream progress =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cl = Cli.commandLine(new SyntheticCityMain(progress), Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
