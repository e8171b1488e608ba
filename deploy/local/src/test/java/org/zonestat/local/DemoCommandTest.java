package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import picocli.CommandLine;

/** The demo's flags: their defaults, the environment, and bad values refused naming the flag. */
class DemoCommandTest {
    @Test
    void withoutFlagsTheDemoRunsOnPort7070WithTheBaltimoreFeedAtADayPerSecond() {
        assertThat(parse(Map.of()))
                .isEqualTo(
                        new DemoOptions(Path.of("var"), 7070, 9092, 86_400, "baltimore", 2, 2525));
    }

    @Test
    void flagsAndTheirEnvironmentVariablesReachTheOptions() {
        assertThat(
                        parse(
                                Map.of("ZONESTAT_SPEED", "0", "ZONESTAT_PORT", "7071"),
                                "--data-dir",
                                "/tmp/z",
                                "--kafka-port",
                                "0",
                                "--feed",
                                "none",
                                "--parallelism",
                                "1",
                                "--port",
                                "0"))
                .isEqualTo(new DemoOptions(Path.of("/tmp/z"), 0, 0, 0, "none", 1, 2525));
    }

    @Test
    void aBadValueIsRefusedNamingTheFlagAndExitsWithTwo() {
        assertThatThrownBy(() -> parse(Map.of(), "--feed", "chicago"))
                .hasMessageContaining("'--feed': must be baltimore or none, was chicago");
        assertThatThrownBy(() -> parse(Map.of(), "--parallelism", "0"))
                .hasMessageContaining("'--parallelism': must be >= 1, was 0");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-port", "99999"))
                .hasMessageContaining("'--kafka-port': must be in [0, 65535], was 99999");
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new DemoCommand(), Map.of());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--speed", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--speed': 'fast'");
    }

    private static DemoOptions parse(Map<String, String> env, String... args) {
        DemoCommand command = new DemoCommand();
        Cli.commandLine(command, env).parseArgs(args);
        return command.options();
    }
}
