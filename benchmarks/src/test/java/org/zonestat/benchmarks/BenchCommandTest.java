package org.zonestat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import picocli.CommandLine;

/** The benchmarks' flags: help with defaults, and bad values refused before anything runs. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void eachBenchmarkListsItsFlagsWithTheirDefaults() {
        assertThat(run("geo", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: zonestat bench geo", "--forks=N", "Default: 1");
        assertThat(run("pipeline", "--help")).isZero();
        assertThat(out.toString()).contains("--records=N", "Default: 1000000", "--flink=KEY=VALUE");
        assertThat(run("websocket", "--help")).isZero();
        assertThat(out.toString()).contains("--clients=N", "Default: 200");
        assertThat(run("positions", "--help")).isZero();
        assertThat(out.toString()).contains("--devices=N", "Default: 10000", "--city-rate=M");
        assertThat(run("tag", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: zonestat bench tag", "--rows=N");
        assertThat(run("history", "--help")).isZero();
        assertThat(out.toString()).contains("--incidents=N", "Default: 1000000");
    }

    @Test
    void aBadValueExitsWithTwoNamingTheFlagBeforeAnythingRuns() {
        assertThat(run("pipeline", "--records", "10")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("--records must be >= 10000, was 10");
        assertThat(run("pipeline", "--only", "both-ways")).isEqualTo(2);
        assertThat(err.toString()).contains("--only must be throughput or latency");
        assertThat(run("pipeline", "--flink", "no-equals-sign")).isEqualTo(2);
        assertThat(err.toString()).contains("'--flink'");
        assertThat(run("history", "--incidents", "10")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("--incidents must be in [1000, 50000000], was 10");
        assertThat(run("websocket", "--clients", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be in [1, 5000], was 0");
        assertThat(run("positions", "--devices", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--devices must be in [100, 200000], was 5");
        assertThat(run("geo", "--date", "today")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--date'");
        assertThat(run("cpu")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "'cpu'");
    }

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(new BenchCommand(), Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
