package org.zonestat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    }
}
