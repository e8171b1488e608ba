package org.zonestat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.zonestat.config.Cli;
import org.zonestat.config.ConfigurationTable;

/**
 * {@code docs/configuration.md}: every flag of every {@code zonestat} command with its environment
 * variable, default and meaning, generated from the picocli commands ({@link ZoneStatCommand}) with
 * an empty environment, so that the defaults are the built-in ones. {@code
 * ConfigurationDocumentTest} fails when the committed file differs; {@link #main} rewrites it.
 * Stateless.
 */
public final class ConfigurationDocument {
    /** Where the document lives, relative to the repository root. */
    public static final Path PATH = Path.of("docs", "configuration.md");

    /** How to rewrite the document after changing a flag, from the repository root. */
    public static final String REGENERATE =
            "mvn -B -q -ntp -pl cli -am package -DskipTests && java -cp"
                    + " \"cli/target/classes:$(cat cli/target/classpath.txt)\""
                    + " org.zonestat.cli.ConfigurationDocument";

    private ConfigurationDocument() {}

    /** The whole document. */
    public static String render() {
        return """
                # Configuration

                Every ZoneStat command is a subcommand of `zonestat`; `./zonestat <command> --help` \
                prints its flags with their defaults. The job's cluster entry point \
                (`org.zonestat.jobs.ZoneTaggingJob`: `flink run`, the REST API's program \
                arguments, `deploy/k8s`, `deploy/compose`) takes the flags of `zonestat job`, \
                and the console's image runs `org.zonestat.console.OpsConsoleMain` with those of \
                `zonestat console`.

                - **Environment variables.** A flag not given on the command line may come from \
                `ZONESTAT_` + its name in upper case with `_` for `-` \
                (`--checkpoint-interval-seconds` → `ZONESTAT_CHECKPOINT_INTERVAL_SECONDS`); a \
                flag on the command line wins. A boolean flag takes `true` or `false` \
                (`ZONESTAT_BOUNDED=true`). A variable applies to every command that has the flag: \
                `ZONESTAT_BOOTSTRAP` points the job, the console and the tools at the same Kafka.
                - **Shared flags.** `--bootstrap`, `--group`, `--layers` and every `--topic-*` \
                mean the same thing, with the same default, wherever they appear.
                - **Bad values.** An unknown flag, a missing required one or a bad value prints a \
                message naming the flag (and the variable, when the value came from one) and the \
                usage, and exits with code 2.

                This file is generated from the commands; `ConfigurationDocumentTest` fails when \
                it differs from them. After changing a flag, regenerate it from the repository \
                root:

                ```bash
                %s
                ```

                %s"""
                .formatted(
                        REGENERATE,
                        ConfigurationTable.markdown(
                                Cli.commandLine(new ZoneStatCommand(), Map.of())));
    }

    /** Writes the document to the given file, or to {@link #PATH}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : PATH;
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
