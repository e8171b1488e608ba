package org.zonestat.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every flag of a command and its subcommands as one Markdown table: command, flag, environment
 * variable, default, meaning, read from the picocli specs themselves so the table cannot drift from
 * the code. Help options and hidden commands or options are left out.
 *
 * <p>Build the command line with an empty environment ({@link Cli#commandLine(Object,
 * java.util.Map)} with {@code Map.of()}) so that the defaults shown are the built-in ones.
 * Stateless.
 */
public final class ConfigurationTable {
    private ConfigurationTable() {}

    /**
     * One flag (or positional parameter) of one command; {@code defaultValue} is empty when there
     * is none or the flag is required.
     */
    public record Row(
            String command,
            String flag,
            String variable,
            boolean required,
            String defaultValue,
            String meaning) {}

    /** The rows of the command and of every subcommand below it, depth first, in declared order. */
    public static List<Row> rows(CommandLine root) {
        List<Row> rows = new ArrayList<>();
        for (CommandLine cl : commands(root)) {
            CommandSpec spec = cl.getCommandSpec();
            for (ArgSpec arg : spec.args()) {
                if (arg.hidden()
                        || arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
                    continue;
                }
                rows.add(
                        new Row(
                                spec.qualifiedName(),
                                flag(arg),
                                EnvironmentDefaults.variable(arg).orElse(""),
                                arg.required(),
                                arg.required() ? "" : defaultValue(arg),
                                String.join(" ", arg.description())));
            }
        }
        return rows;
    }

    /** {@link #rows} as a Markdown table with a header row. */
    public static String markdown(CommandLine root) {
        StringBuilder md =
                new StringBuilder()
                        .append("| command | flag | environment variable | default | meaning |\n")
                        .append("|---|---|---|---|---|\n");
        for (Row r : rows(root)) {
            md.append("| ")
                    .append(code(r.command()))
                    .append(" | ")
                    .append(code(r.flag()))
                    .append(" | ")
                    .append(code(r.variable()))
                    .append(" | ")
                    .append(r.required() ? "required" : code(r.defaultValue()))
                    .append(" | ")
                    .append(escape(r.meaning()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The command and its visible subcommands, depth first (aliases once). */
    private static Set<CommandLine> commands(CommandLine root) {
        Set<CommandLine> all = new LinkedHashSet<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }

    private static String flag(ArgSpec arg) {
        if (arg instanceof PositionalParamSpec p) {
            return p.paramLabel();
        }
        OptionSpec o = (OptionSpec) arg;
        return o.arity().max() == 0 ? o.longestName() : o.longestName() + " " + o.paramLabel();
    }

    private static String defaultValue(ArgSpec arg) {
        String d = arg.defaultValueString();
        return d == null || d.equals("null") || d.equals("{}") || d.equals("[]") ? "" : d;
    }

    private static String code(String text) {
        return text.isEmpty() ? "" : "`" + escape(text) + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
