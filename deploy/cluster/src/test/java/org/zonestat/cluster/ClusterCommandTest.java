package org.zonestat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.config.Cli;
import picocli.CommandLine;

class ClusterCommandTest {
    @Test
    void theJobJarIsTheOneShadedJarInTheFolder(@TempDir Path target) throws IOException {
        Files.createFile(target.resolve("zonestat-stream-jobs-0.1.0-SNAPSHOT.jar"));
        Path job = Files.createFile(target.resolve("zonestat-stream-jobs-0.1.0-SNAPSHOT-job.jar"));
        assertThat(ClusterCommand.builtJobJar(target)).isEqualTo(job);
    }

    @Test
    void aMissingJobJarIsReportedWithWhereItWasLookedFor(@TempDir Path target) {
        assertThatThrownBy(() -> ClusterCommand.builtJobJar(target))
                .hasMessageContaining("expected one zonestat-stream-jobs-*-job.jar in " + target)
                .hasMessageContaining("mvn package");
    }

    @Test
    void aFolderWithNoClusterSaysHowToStartOne(@TempDir Path dir) {
        assertThatThrownBy(() -> LocalCluster.load(dir))
                .hasMessageContaining("no cluster in " + dir)
                .hasMessageContaining("./zonestat cluster up");
        assertThat(run("status", "--dir", dir.toString())).isEqualTo(ClusterCommand.FAILED);
        assertThat(err.toString())
                .contains("zonestat cluster status: no cluster in " + dir, "./zonestat cluster up");
    }

    @Test
    void everySubcommandHasItsHelpAndABadOrMissingValueExitsWithTwo() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("up", "status", "down", "restart", "savepoint", "submit");
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString())
                .contains("--console-port=N", "Default: 7070", "--dir=DIR", "Default: var")
                .contains("--slots=N", "--parallelism=N", "--checkpoint-interval-seconds=N");
        assertThat(run("submit", "--help")).isZero();
        assertThat(out.toString()).contains("--from-savepoint=PATH", "--job-jar=FILE");

        assertThat(run("restart")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'ROLE'");
        assertThat(run("up", "--slots", "two")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--slots': 'two'");
        assertThat(run("status", "--slots", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--slots'");
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }

    @Test
    void upAfterDownResumesOnTheBrokersDataInsteadOfFormattingItAgain(@TempDir Path dir)
            throws IOException {
        String first = LocalCluster.formatStorage(dir, 3);
        Path meta = dir.resolve("kafka-1/meta.properties");
        String written = Files.readString(meta);

        // What `up` does again after `down`: the folders are formatted already.
        String second = LocalCluster.formatStorage(dir, 3);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(meta)).isEqualTo(written);
        assertThat(Files.readString(dir.resolve("kafka-3/meta.properties")))
                .contains("cluster.id=" + first);
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(new ClusterCommand(), Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
