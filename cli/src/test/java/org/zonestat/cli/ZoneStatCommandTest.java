package org.zonestat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zonestat.config.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command under the {@code zonestat} entry point answers {@code --help}, describes every
 * flag, refuses an unknown flag or a bad number with exit code 2 naming the flag, and the shared
 * flags mean the same everywhere. Nothing here runs a command: every command line fails to parse or
 * asks for help.
 */
class ZoneStatCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theEntryPointHasEveryCommand() {
        assertThat(commands().keySet())
                .contains(
                        "zonestat demo",
                        "zonestat job",
                        "zonestat console",
                        "zonestat tag",
                        "zonestat backfill",
                        "zonestat synthetic",
                        "zonestat cluster up",
                        "zonestat cluster status",
                        "zonestat cluster down",
                        "zonestat cluster restart",
                        "zonestat cluster savepoint",
                        "zonestat cluster submit",
                        "zonestat bench geo",
                        "zonestat bench pipeline",
                        "zonestat bench websocket");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "job", "console", "bench", "./zonestat test");
    }

    @Test
    void everyCommandAnswersHelpAndDescribesEveryFlag() {
        commands()
                .forEach(
                        (name, spec) -> {
                            out.getBuffer().setLength(0);
                            assertThat(run(path(name, "--help"))).as(name).isZero();
                            assertThat(out.toString()).as(name).contains("Usage: " + name);
                            for (OptionSpec o : spec.options()) {
                                assertThat(String.join(" ", o.description()))
                                        .as("%s %s", name, o.longestName())
                                        .isNotBlank();
                            }
                        });
    }

    @Test
    void everyCommandRefusesAnUnknownFlagAndEveryNumberFlagAWordWithTwo() {
        commands()
                .forEach(
                        (name, spec) -> {
                            err.getBuffer().setLength(0);
                            assertThat(run(path(name, "--no-such-flag"))).as(name).isEqualTo(2);
                            // picocli names a missing required flag before an unknown one
                            assertThat(err.toString())
                                    .as(name)
                                    .containsAnyOf("'--no-such-flag'", "Missing required");
                            for (OptionSpec o : spec.options()) {
                                if (!isNumber(o.type())) {
                                    continue;
                                }
                                err.getBuffer().setLength(0);
                                String flag = o.longestName();
                                assertThat(run(path(name, flag, "many")))
                                        .as("%s %s", name, flag)
                                        .isEqualTo(Cli.USAGE);
                                assertThat(err.toString())
                                        .as("%s %s", name, flag)
                                        .contains("Invalid value for option '" + flag + "'");
                            }
                        });
    }

    @Test
    void aSharedFlagHasTheSameDefaultAndMeaningInEveryCommand() {
        Map<String, String> seen = new HashMap<>();
        Map<String, Set<String>> where = new HashMap<>();
        commands()
                .forEach(
                        (name, spec) -> {
                            for (OptionSpec o : spec.options()) {
                                String flag = o.longestName();
                                if (!(flag.equals("--bootstrap")
                                        || flag.equals("--group")
                                        || flag.equals("--city")
                                        || flag.equals("--layers")
                                        || flag.startsWith("--topic-"))) {
                                    continue;
                                }
                                String meaning =
                                        o.defaultValueString()
                                                + " | "
                                                + String.join(" ", o.description());
                                assertThat(seen.putIfAbsent(flag, meaning))
                                        .as("%s %s", name, flag)
                                        .isIn(null, meaning);
                                where.computeIfAbsent(flag, f -> new LinkedHashSet<>()).add(name);
                            }
                        });
        assertThat(where.get("--bootstrap"))
                .contains(
                        "zonestat job",
                        "zonestat console",
                        "zonestat backfill",
                        "zonestat synthetic");
        assertThat(where.get("--layers")).contains("zonestat job", "zonestat console");
        assertThat(where.get("--city"))
                .contains(
                        "zonestat demo",
                        "zonestat job",
                        "zonestat console",
                        "zonestat synthetic",
                        "zonestat notify");
        assertThat(where.get("--group")).contains("zonestat job", "zonestat console");
        assertThat(where.get("--topic-action-items")).contains("zonestat job", "zonestat console");
        assertThat(where.get("--topic-positions")).contains("zonestat job", "zonestat console");
        assertThat(where.keySet().stream().filter(f -> f.startsWith("--topic-"))).hasSize(22);
    }

    /** Every command with its own options (no subcommands), by qualified name. */
    private static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> all = new java.util.LinkedHashMap<>();
        collect(Cli.commandLine(new ZoneStatCommand(), Map.of()), all);
        return all;
    }

    private static void collect(CommandLine cl, Map<String, CommandSpec> all) {
        if (cl.getSubcommands().isEmpty()) {
            all.put(cl.getCommandSpec().qualifiedName(), cl.getCommandSpec());
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    private static String[] path(String qualifiedName, String... args) {
        List<String> words = new ArrayList<>(List.of(qualifiedName.split(" ")));
        words.remove(0);
        words.addAll(List.of(args));
        return words.toArray(String[]::new);
    }

    private static boolean isNumber(Class<?> type) {
        return type == int.class
                || type == long.class
                || type == double.class
                || Number.class.isAssignableFrom(type);
    }

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(new ZoneStatCommand(), Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
