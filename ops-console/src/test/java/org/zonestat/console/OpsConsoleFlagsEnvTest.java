package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's flags may come from ZONESTAT_* environment variables; the command line wins. */
class OpsConsoleFlagsEnvTest {
    @Test
    void eachFlagMayComeFromItsEnvironmentVariable() {
        OpsConsoleMain f =
                OpsConsoleMain.parse(
                        new String[0],
                        Map.of(
                                "ZONESTAT_BOOTSTRAP",
                                "kafka-1:9092,kafka-2:9092",
                                "ZONESTAT_PORT",
                                "7071",
                                "ZONESTAT_TOKENS",
                                "/etc/zonestat/tokens.properties",
                                "ZONESTAT_HOST",
                                "0.0.0.0",
                                "ZONESTAT_TILE_URL",
                                "https://tiles.example/{z}/{x}/{y}.png",
                                "ZONESTAT_TOPIC_EVENTS",
                                "city-a.events"));
        assertThat(f.bootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(f.port()).isEqualTo(7071);
        assertThat(f.tokens()).isEqualTo(Path.of("/etc/zonestat/tokens.properties"));
        assertThat(f.host()).isEqualTo("0.0.0.0");
        assertThat(f.tileUrl()).isEqualTo("https://tiles.example/{z}/{x}/{y}.png");
        assertThat(f.topics().events()).isEqualTo("city-a.events");
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        OpsConsoleMain f =
                OpsConsoleMain.parse(
                        new String[] {"--port", "9000"},
                        Map.of("ZONESTAT_BOOTSTRAP", "kafka:9092", "ZONESTAT_PORT", "7071"));
        assertThat(f.port()).isEqualTo(9000);
        assertThat(f.bootstrap()).isEqualTo("kafka:9092");
    }

    @Test
    void aBadEnvironmentValueIsReportedWithItsFlagAndWithoutOneBootstrapIsTheDemosBroker() {
        assertThatThrownBy(
                        () ->
                                OpsConsoleMain.parse(
                                        new String[0],
                                        Map.of(
                                                "ZONESTAT_BOOTSTRAP",
                                                "kafka:9092",
                                                "ZONESTAT_PORT",
                                                "seventy")))
                .hasMessageContaining("Invalid value for option '--port': 'seventy'");
        assertThat(OpsConsoleMain.parse(new String[0], Map.of()).bootstrap())
                .isEqualTo("127.0.0.1:9092");
    }
}
