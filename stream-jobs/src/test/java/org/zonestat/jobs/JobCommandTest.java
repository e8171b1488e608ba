package org.zonestat.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import org.zonestat.config.EnvironmentDefaults;
import org.zonestat.geo.ZoneLayerSpec;
import org.zonestat.jobs.io.RecordLimits;
import org.zonestat.topics.Topics;
import picocli.CommandLine.ParameterException;

/**
 * The job's flags: the defaults are {@link JobConfig#defaults}'s, each flag reaches its setting,
 * each may come from its ZONESTAT_* environment variable (the command line wins), and a bad value
 * is refused naming the flag.
 */
class JobCommandTest {
    @Test
    void eachFlagHasOneEnvironmentVariableNamedAfterIt() {
        assertThat(
                        Cli.commandLine(new JobCommand(), Map.of())
                                .getCommandSpec()
                                .options()
                                .stream()
                                .map(EnvironmentDefaults::variable)
                                .flatMap(java.util.Optional::stream))
                .contains(
                        "ZONESTAT_BOOTSTRAP",
                        "ZONESTAT_CHECKPOINT_INTERVAL_SECONDS",
                        "ZONESTAT_TOPIC_ZONE_STATS",
                        "ZONESTAT_LAYERS",
                        "ZONESTAT_GROUP")
                .doesNotHaveDuplicates();
    }

    @Test
    void withoutFlagsTheConfigurationIsTheDefaults() {
        assertThat(JobCommand.parse(new String[0], Map.of()))
                .usingRecursiveComparison()
                .isEqualTo(JobConfig.defaults("127.0.0.1:9092"));
    }

    @Test
    void everyFlagReachesItsSetting() {
        JobConfig c =
                JobCommand.parse(
                        new String[] {
                            "--bootstrap",
                            "k:9092",
                            "--group",
                            "g",
                            "--layers",
                            "wards=/data/wards.geojson#WARD",
                            "--h3-resolution",
                            "8",
                            "--out-of-orderness-seconds",
                            "60",
                            "--future-tolerance-seconds",
                            "3600",
                            "--checkpoint-interval-seconds",
                            "5",
                            "--dedupe-window-hours",
                            "24",
                            "--near-repeat-meters",
                            "250.5",
                            "--near-repeat-days",
                            "7",
                            "--allowed-lateness-hours",
                            "48",
                            "--bounded",
                            "--fail-after-records",
                            "100",
                            "--max-raw-record-bytes",
                            "32768",
                            "--max-output-record-bytes",
                            "500000",
                            "--topic-events",
                            "city-a.events",
                            "--topic-hotspots",
                            "city-a.hotspots"
                        },
                        Map.of());
        assertThat(c.bootstrapServers()).isEqualTo("k:9092");
        assertThat(c.groupId()).isEqualTo("g");
        assertThat(c.layers())
                .containsExactly(
                        new ZoneLayerSpec("wards", "wards", "/data/wards.geojson", "WARD"));
        assertThat(c.h3Resolution()).isEqualTo(8);
        assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.futureTolerance()).isEqualTo(Duration.ofHours(1));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(c.analytics().nearRepeatRadiusMeters()).isEqualTo(250.5);
        assertThat(c.analytics().nearRepeatWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.analytics().zoneStatsLateness()).isEqualTo(Duration.ofHours(48));
        assertThat(c.bounded()).isTrue();
        assertThat(c.failAfterRecords()).isEqualTo(100);
        assertThat(c.limits()).isEqualTo(new RecordLimits(32_768, 500_000));
        assertThat(c.topics().events()).isEqualTo("city-a.events");
        assertThat(c.topics().hotspots()).isEqualTo("city-a.hotspots");
        assertThat(c.topics().incidents()).isEqualTo(Topics.defaults().incidents());
    }

    @Test
    void flagsNotOnTheCommandLineAreReadFromTheEnvironment() {
        JobConfig c =
                JobCommand.parse(
                        new String[0],
                        Map.of(
                                "ZONESTAT_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                                "ZONESTAT_CHECKPOINT_INTERVAL_SECONDS", "30",
                                "ZONESTAT_GROUP", "city-a",
                                "ZONESTAT_TOPIC_EVENTS", "city-a.events",
                                "ZONESTAT_BOUNDED", "true",
                                "ZONESTAT_ALLOWED_LATENESS_HOURS", "72"));
        assertThat(c.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(c.analytics().zoneStatsLateness()).isEqualTo(Duration.ofHours(72));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.groupId()).isEqualTo("city-a");
        assertThat(c.topics().events()).isEqualTo("city-a.events");
        assertThat(c.bounded()).isTrue();
    }

    @Test
    void theCommandLineWinsAndFalseDoesNotSetBounded() {
        JobConfig c =
                JobCommand.parse(
                        new String[] {"--bootstrap", "localhost:9092"},
                        Map.of("ZONESTAT_BOOTSTRAP", "kafka:9092", "ZONESTAT_BOUNDED", "false"));
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.bounded()).isFalse();
        assertThat(JobCommand.parse(new String[0], Map.of()).bootstrapServers())
                .isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aBadEnvironmentValueFailsLikeABadFlag() {
        assertThatThrownBy(
                        () ->
                                JobCommand.parse(
                                        new String[0], Map.of("ZONESTAT_H3_RESOLUTION", "nine")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Invalid value for option '--h3-resolution': 'nine'");
        assertThatThrownBy(
                        () -> JobCommand.parse(new String[] {"--h3-resolution", "nine"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Invalid value for option '--h3-resolution': 'nine'");
    }

    @Test
    void theCityGivesTheLayersTimeZoneFocusLayerAndAnalyticsAndFlagsOverrideThem() {
        JobConfig nyc = JobCommand.parse(new String[] {"--city", "nyc"}, Map.of());

        assertThat(nyc.layers()).extracting(ZoneLayerSpec::id).containsExactly("precincts");
        assertThat(nyc.analytics().priorityLayer()).isEqualTo("precincts");
        assertThat(nyc.analytics().timeZone()).hasToString("America/New_York");
        assertThat(nyc.hotspots().timeZone()).hasToString("America/New_York");
        assertThat(nyc.hotspots().cellResolution()).isEqualTo(8);
        assertThat(nyc.analytics().serviceLevels().forType("Noise - Residential"))
                .isEqualTo(Duration.ofDays(3));
        assertThat(nyc.hotspots().studyArea().toString()).contains("nyc_police_precincts.geojson");

        JobConfig overridden =
                JobCommand.parse(
                        new String[] {
                            "--city",
                            "nyc",
                            "--layers",
                            "wards=/w.geojson",
                            "--near-repeat-meters",
                            "250"
                        },
                        Map.of());
        assertThat(overridden.layers()).extracting(ZoneLayerSpec::id).containsExactly("wards");
        assertThat(overridden.analytics().nearRepeatRadiusMeters()).isEqualTo(250);
        assertThat(overridden.analytics().nearRepeatWindow()).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> JobCommand.parse(new String[] {"--city", "gotham"}, Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Invalid value for option '--city': gotham: no such folder");
    }

    @Test
    void anOutOfRangeValueOrAnUnknownFlagIsRefusedNamingIt() {
        assertThatThrownBy(() -> JobCommand.parse(new String[] {"--h3-resolution", "16"}, Map.of()))
                .hasMessageContaining("'--h3-resolution': must be 0..15, was 16");
        assertThatThrownBy(
                        () ->
                                JobCommand.parse(
                                        new String[] {"--checkpoint-interval-seconds", "0"},
                                        Map.of()))
                .hasMessageContaining("'--checkpoint-interval-seconds': must be >= 1, was 0");
        assertThatThrownBy(
                        () ->
                                JobCommand.parse(
                                        new String[] {"--near-repeat-meters", "0"}, Map.of()))
                .hasMessageContaining("'--near-repeat-meters': must be (0, 50000]");
        assertThatThrownBy(
                        () ->
                                JobCommand.parse(
                                        new String[] {"--max-output-record-bytes", "2000000"},
                                        Map.of()))
                .hasMessageContaining(
                        "'--max-output-record-bytes': must be 65536..1048587, was 2000000");
        assertThatThrownBy(() -> JobCommand.parse(new String[] {"--layers", "wards"}, Map.of()))
                .hasMessageContaining("Invalid value for option '--layers'");
        assertThatThrownBy(() -> JobCommand.parse(new String[] {"--topic", "x"}, Map.of()))
                .hasMessageContaining("Unknown option", "'--topic'");
    }

    @Test
    void helpPrintsTheFlagsWithTheirDefaultsAndGivesNoConfiguration() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(
                        JobCommand.parse(
                                new String[] {"--help"},
                                Map.of(),
                                new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: zonestat job", "--dedupe-window-hours=N", "Default: 168")
                .contains("--topic-action-items=TOPIC", "Default: action-items");
    }
}
