package org.zonestat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.config.Cli;
import picocli.CommandLine;

/** The demo's flags: their defaults, the environment, and bad values refused naming the flag. */
class DemoCommandTest {
    @Test
    void withoutFlagsTheDemoRunsBaltimoreOnPort7070WithItsHistoryAsFastAsPossibleThenLive() {
        DemoOptions options = parse(Map.of());
        assertThat(options)
                .isEqualTo(
                        new DemoOptions(
                                Path.of("var"),
                                7070,
                                9092,
                                0,
                                DemoOptions.DemoFeed.ALL,
                                2,
                                2525,
                                CityProfiles.shipped("baltimore"),
                                1,
                                options.clock()));
        assertThat(options.clock()).isEqualTo(Clock.systemUTC());
    }

    @Test
    void theCityFlagTakesAShippedCityOrAFolderAndRefusesABadOneNamingItsFile() {
        assertThat(parse(Map.of(), "--city", "nyc").city().name()).isEqualTo("New York City");
        assertThat(parse(Map.of("ZONESTAT_CITY", "nyc")).city().id()).isEqualTo("nyc");
        assertThatThrownBy(() -> parse(Map.of(), "--city", "atlantis"))
                .hasMessageContaining(
                        "Invalid value for option '--city': atlantis: no such folder, and no"
                                + " shipped city of that name (shipped: baltimore, nyc)");
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
                .satisfies(
                        o -> {
                            assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/z"));
                            assertThat(o.port()).isZero();
                            assertThat(o.kafkaPort()).isZero();
                            assertThat(o.feed()).isEqualTo(DemoOptions.DemoFeed.NONE);
                            assertThat(o.parallelism()).isEqualTo(1);
                            assertThat(o.mailPort()).isEqualTo(2525);
                        });
        assertThat(parse(Map.of(), "--feed", "history", "--seed", "7", "--speed", "86400"))
                .satisfies(
                        o -> {
                            assertThat(o.feed()).isEqualTo(DemoOptions.DemoFeed.HISTORY);
                            assertThat(o.seed()).isEqualTo(7);
                            assertThat(o.speed()).isEqualTo(86_400);
                        });
    }

    @Test
    void aBadValueIsRefusedNamingTheFlagAndExitsWithTwo() {
        assertThatThrownBy(() -> parse(Map.of(), "--feed", "chicago"))
                .hasMessageContaining("'--feed': must be all, history or none, was chicago");
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
