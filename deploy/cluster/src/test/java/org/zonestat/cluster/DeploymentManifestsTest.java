package org.zonestat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.config.Cli;
import org.zonestat.config.EnvironmentDefaults;
import org.zonestat.console.OpsConsoleMain;
import org.zonestat.jobs.JobCommand;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;
import org.zonestat.topics.Topics;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment manifests under {@code deploy/k8s} and {@code deploy/compose} parse as YAML and
 * agree with the code: the job's entry class, jar and flags, the topics, the console's Secret, the
 * Kafka and Flink versions. They cannot run here; this test fails when they drift.
 */
class DeploymentManifestsTest {
    /** How to bring the manifests' topic sections in step with {@code Topics.newTopics}. */
    private static final String REGENERATE =
            "the manifest's topic section differs from Topics.newTopics; regenerate it from the"
                    + " repository root after a build with `java -cp"
                    + " deploy/cluster/target/classes:$(cat deploy/cluster/target/classpath.txt)"
                    + " org.zonestat.cluster.TopicManifests`";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("zonestat.repo-root", "../.."));
    private static final Path JOB_JAR = Path.of(System.getProperty("zonestat.job-jar"));

    @Test
    void everyManifestIsValidYamlWithKindsAndNames() throws IOException {
        List<Path> files;
        try (Stream<Path> s =
                Stream.concat(
                        Files.list(ROOT.resolve("deploy/k8s")),
                        Files.list(ROOT.resolve("deploy/compose")))) {
            files =
                    s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted()
                            .toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "flink-deployment.yaml",
                        "kafka.yaml",
                        "console.yaml",
                        "docker-compose.yml");
        for (Path f : files) {
            List<JsonNode> docs = documents(f);
            assertThat(docs).as("%s has documents", f).isNotEmpty();
            if (f.startsWith(ROOT.resolve("deploy/k8s"))) {
                for (JsonNode d : docs) {
                    assertThat(d.path("apiVersion").asText())
                            .as("apiVersion in %s", f)
                            .isNotEmpty();
                    assertThat(d.path("kind").asText()).as("kind in %s", f).isNotEmpty();
                    assertThat(d.path("metadata").path("name").asText())
                            .as("name in %s", f)
                            .matches("[a-z0-9.-]+");
                    assertThat(d.path("metadata").path("namespace").asText())
                            .as("namespace in %s", f)
                            .isEqualTo("zonestat");
                }
            }
        }
    }

    @Test
    void theFlinkDeploymentRunsTheRealJobWithDurableStateAndHighAvailability() throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/flink-deployment.yaml"));
        JsonNode fd = only(docs, "FlinkDeployment");
        assertThat(fd.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        JsonNode spec = fd.path("spec");
        assertThat(spec.path("flinkVersion").asText())
                .isEqualTo("v" + flinkMinor().replace('.', '_'));
        JsonNode job = spec.path("job");
        assertThat(job.path("entryClass").asText())
                .isEqualTo(ZoneTaggingJob.class.getName())
                .isEqualTo(LocalCluster.ENTRY_CLASS);
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        JobConfig config = JobCommand.parse(strings(job.path("args")), Map.of());
        JsonNode kafka = only(documents(ROOT.resolve("deploy/k8s/kafka.yaml")), "Kafka");
        assertThat(config.bootstrapServers())
                .startsWith(kafka.path("metadata").path("name").asText() + "-kafka-bootstrap.");

        // The jar the image puts in usrlib is the one the job names, and it is the real build
        // output.
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/job.Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM flink:" + flinkMinor() + "-java17")
                .contains(
                        "COPY stream-jobs/target/"
                                + JOB_JAR.getFileName()
                                + " "
                                + job.path("jarURI").asText().replace("local://", ""));
        assertThat(spec.path("image").asText()).isEqualTo("zonestat/stream-jobs:0.1.0");

        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        JsonNode mount =
                spec.path("podTemplate")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .path("volumeMounts")
                        .get(0);
        String durable = "file://" + mount.path("mountPath").asText() + "/";
        for (String key :
                List.of(
                        "high-availability.storageDir",
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir")) {
            assertThat(conf.path(key).asText()).as(key).startsWith(durable);
        }
        String claim =
                spec.path("podTemplate")
                        .path("spec")
                        .path("volumes")
                        .get(0)
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText();
        JsonNode pvc = only(docs, "PersistentVolumeClaim");
        assertThat(pvc.path("metadata").path("name").asText()).isEqualTo(claim);
        assertThat(strings(pvc.path("spec").path("accessModes"))).containsExactly("ReadWriteMany");
        for (String role : List.of("jobManager", "taskManager")) {
            assertThat(spec.path(role).path("resource").path("memory").asText())
                    .as(role)
                    .isNotEmpty();
            assertThat(spec.path(role).path("resource").path("cpu").asDouble())
                    .as(role)
                    .isPositive();
        }
        assertThat(conf.path("env.java.opts.all").asText())
                .contains(String.join(" ", LocalCluster.ADD_OPENS.subList(0, 2)));
    }

    @Test
    void theKafkaClusterIsKraftWithThreeNodesAndEveryTopicReplicatedThreeTimes()
            throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/kafka.yaml"));
        JsonNode kafka = only(docs, "Kafka");
        String name = kafka.path("metadata").path("name").asText();
        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafka.path("spec").path("kafka").path("version").asText())
                .isEqualTo(AppInfoParser.getVersion());
        assertThat(
                        kafka.path("spec")
                                .path("kafka")
                                .path("config")
                                .path("min.insync.replicas")
                                .asInt())
                .isEqualTo(2);
        assertThat(
                        kafka.path("metadata")
                                .path("annotations")
                                .path("strimzi.io/node-pools")
                                .asText())
                .isEqualTo("enabled");
        JsonNode pool = only(docs, "KafkaNodePool");
        assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .isEqualTo(name);
        assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(strings(pool.path("spec").path("roles")))
                .containsExactlyInAnyOrder("controller", "broker");

        Set<String> topics = new HashSet<>();
        for (JsonNode t : docs) {
            if (t.path("kind").asText().equals("KafkaTopic")) {
                assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .isEqualTo(name);
                assertThat(t.path("spec").path("replicas").asInt()).isEqualTo(3);
                assertThat(t.path("spec").path("config").path("min.insync.replicas").asInt())
                        .isEqualTo(2);
                topics.add(t.path("spec").path("topicName").asText());
            }
        }
        Set<String> expected = new HashSet<>(Topics.defaults().streams());
        expected.addAll(Topics.defaults().compacted());
        expected.addAll(Topics.defaults().tracks());
        expected.add(Topics.defaults().history());
        assertThat(topics).isEqualTo(expected);
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/kafka.yaml")))
                .as(REGENERATE)
                .isEqualTo(TopicManifests.kafkaManifest(ROOT.resolve("deploy/k8s/kafka.yaml")));
    }

    @Test
    void theConsoleMountsItsTokenSecretAndItsServiceReachesItsPort() throws Exception {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/console.yaml"));
        JsonNode secret = only(docs, "Secret");
        JsonNode deployment = only(docs, "Deployment");
        JsonNode service = only(docs, "Service");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode volume = pod.path("volumes").get(0);
        assertThat(volume.path("secret").path("secretName").asText())
                .isEqualTo(secret.path("metadata").path("name").asText());
        JsonNode container = pod.path("containers").get(0);
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(mount.path("name").asText()).isEqualTo(volume.path("name").asText());
        List<String> args = List.of(strings(container.path("args")));
        String tokens = args.get(args.indexOf("--tokens") + 1);
        String key = secret.path("stringData").fieldNames().next();
        assertThat(tokens).isEqualTo(mount.path("mountPath").asText() + "/" + key);
        for (String line : secret.path("stringData").path(key).asText().strip().split("\n")) {
            assertThat(line).matches("[^=]+=(public|dispatcher|analyst|admin)");
        }
        int port = Integer.parseInt(args.get(args.indexOf("--port") + 1));
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
                .isEqualTo(container.path("ports").get(0).path("name").asText());
        assertThat(container.path("env").get(0).path("name").asText())
                .isEqualTo(EnvironmentDefaults.variable("--bootstrap"));
        Map<String, String> env = new HashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(consoleVariables()).as("the console's variables").containsAll(env.keySet());
        assertThat(console(args.toArray(String[]::new), env).bootstrap())
                .isEqualTo("zonestat-kafka-kafka-bootstrap.zonestat.svc:9092");
        assertThat(container.path("image").asText()).isEqualTo("zonestat/ops-console:0.1.0");
        assertThat(Files.readString(ROOT.resolve("deploy/docker/console.Dockerfile")))
                .contains("org.zonestat.console.OpsConsoleMain")
                .contains("deploy/cluster/target/console-lib/");
        assertThat(
                        Class.forName(
                                "org.zonestat.console.OpsConsoleMain",
                                false,
                                getClass().getClassLoader()))
                .isNotNull();
    }

    @Test
    void theComposeFileRunsKafkaAJobManagerATaskManagerAndTheConsole() throws Exception {
        Path file = ROOT.resolve("deploy/compose/docker-compose.yml");
        JsonNode services = documents(file).get(0).path("services");
        assertThat(services.path("kafka").path("image").asText())
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(services.path(flink).path("image").asText())
                    .isEqualTo("flink:" + flinkMinor() + "-java17");
            String jar = strings(services.path(flink).path("volumes"))[0].split(":")[0];
            assertThat(file.getParent().resolve(jar).normalize())
                    .isEqualTo(JOB_JAR.toAbsolutePath().normalize());
        }
        assertThat(
                        services.path("taskmanager")
                                .path("environment")
                                .path("FLINK_PROPERTIES")
                                .asText())
                .isEqualTo(
                        services.path("jobmanager")
                                .path("environment")
                                .path("FLINK_PROPERTIES")
                                .asText())
                .contains("execution.checkpointing.dir: file:///flink-state/");
        List<String> command =
                List.of(services.path("jobmanager").path("command").asText().split("\\s+"));
        assertThat(command.subList(0, 3))
                .containsExactly(
                        "standalone-job", "--job-classname", ZoneTaggingJob.class.getName());
        assertThat(
                        JobCommand.parse(
                                        command.subList(3, command.size()).toArray(String[]::new),
                                        Map.of())
                                .bootstrapServers())
                .isEqualTo("kafka:9092");
        assertThat(services.path("taskmanager").path("command").asText()).isEqualTo("taskmanager");
        String topics = services.path("topics").path("command").get(0).asText();
        assertThat(Files.readString(file))
                .as(REGENERATE)
                .isEqualTo(TopicManifests.composeFile(file));
        for (String t : Topics.defaults().streams()) {
            assertThat(topics).contains(" " + t + " ");
        }
        assertThat(topics).contains("--topic zones").contains("cleanup.policy=compact");
        JsonNode console = services.path("console");
        assertThat(strings(console.path("command")))
                .contains("org.zonestat.console.OpsConsoleMain");
        assertThat(console.path("environment").path("ZONESTAT_BOOTSTRAP").asText())
                .isEqualTo("kafka:9092");
        Map<String, String> env = new HashMap<>();
        console.path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertThat(consoleVariables()).as("the console's variables").containsAll(env.keySet());
        List<String> java = List.of(strings(console.path("command")));
        String[] consoleArgs =
                java.subList(java.indexOf("org.zonestat.console.OpsConsoleMain") + 1, java.size())
                        .toArray(String[]::new);
        assertThat(console(consoleArgs, env).port()).isEqualTo(7070);
    }

    @Test
    void theJobAndTheConsoleServeTheSameShippedCityInEveryManifest() throws IOException {
        JsonNode fd =
                only(
                        documents(ROOT.resolve("deploy/k8s/flink-deployment.yaml")),
                        "FlinkDeployment");
        List<String> k8sJob = List.of(strings(fd.path("spec").path("job").path("args")));
        JsonNode pod =
                only(documents(ROOT.resolve("deploy/k8s/console.yaml")), "Deployment")
                        .path("spec")
                        .path("template")
                        .path("spec");
        List<String> k8sConsole = List.of(strings(pod.path("containers").get(0).path("args")));
        JsonNode services =
                documents(ROOT.resolve("deploy/compose/docker-compose.yml"))
                        .get(0)
                        .path("services");
        List<String> composeJob =
                List.of(services.path("jobmanager").path("command").asText().split("\\s+"));
        List<String> composeConsole = List.of(strings(services.path("console").path("command")));

        for (List<String> args : List.of(k8sJob, k8sConsole, composeJob, composeConsole)) {
            assertThat(args).as("every command names its city").contains("--city");
            String city = args.get(args.indexOf("--city") + 1);
            assertThat(city).as("the city of %s", args).isEqualTo(cityOf(k8sJob));
            assertThat(CityProfiles.shippedNames()).as("shipped cities").contains(city);
        }
    }

    private static String cityOf(List<String> args) {
        return args.get(args.indexOf("--city") + 1);
    }

    /**
     * The console's flags as its command parses them: an unknown flag or a bad value in a manifest
     * fails here.
     */
    private static OpsConsoleMain console(String[] args, Map<String, String> env) {
        OpsConsoleMain console = new OpsConsoleMain();
        Cli.commandLine(console, env).parseArgs(args);
        return console;
    }

    /** Every ZONESTAT_* variable the console reads. */
    private static Set<String> consoleVariables() {
        Set<String> names = new HashSet<>();
        for (OptionSpec o :
                Cli.commandLine(new OpsConsoleMain(), Map.of()).getCommandSpec().options()) {
            EnvironmentDefaults.variable(o).ifPresent(names::add);
        }
        return names;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> found =
                docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("exactly one %s", kind).hasSize(1);
        return found.get(0);
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }

    /** The Flink minor version the build uses, e.g. {@code 2.2}. */
    private static String flinkMinor() {
        String v = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
        return v.substring(0, v.indexOf('.', v.indexOf('.') + 1));
    }
}
