package org.zonestat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers --help and refuses a bad value with its flag named and exit code 2. */
class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsEachOptionWithItsDefaultOnEveryCommand() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString())
                .contains("--bootstrap=HOST:PORT[,...]", "Default: 127.0.0.1:9092")
                .contains("--checkpoint-interval-seconds", "Default: 10")
                .doesNotContain("--hidden");
        assertThat(run(Map.of(), "child", "-h")).isZero();
        assertThat(out.toString())
                .contains("Usage: zonestat sample child", "A port.", "Default: 7070");
    }

    @Test
    void aBadValueNamesTheFlagAndExitsWithTwo() {
        assertThat(run(Map.of(), "--checkpoint-interval-seconds", "ten")).isEqualTo(Cli.USAGE);
        assertThat(err.toString())
                .contains("Invalid value for option '--checkpoint-interval-seconds': 'ten'")
                .contains("Usage: zonestat sample");
        assertThat(run(Map.of(), "--bootstrap", " ")).isEqualTo(2);
        assertThat(err.toString()).contains("'--bootstrap': it is empty");
        assertThat(run(Map.of(), "--bootstrp", "k:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--bootstrp'");
        assertThat(run(Map.of(), "child")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'ROLE'");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheFlagAndTheVariable() {
        assertThat(run(Map.of("ZONESTAT_CHECKPOINT_INTERVAL_SECONDS", "ten"))).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Invalid value for option '--checkpoint-interval-seconds': 'ten'",
                        "(from the environment variable ZONESTAT_CHECKPOINT_INTERVAL_SECONDS)");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = Cli.commandLine(new SampleCommand(), env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
