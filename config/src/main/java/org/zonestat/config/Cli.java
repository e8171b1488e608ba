package org.zonestat.config;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs a ZoneStat command the same way everywhere, whether as a subcommand of the {@value ROOT}
 * entry point or on its own (then named {@code zonestat <name>} in its usage): {@code -h}/{@code
 * --help} on every command and subcommand, listing each option with its default in the order
 * declared; the {@code ZONESTAT_*} environment variables as defaults ({@link EnvironmentDefaults});
 * enum values in any case; dates and instants in ISO-8601 ({@code 2018-07-07}, {@code
 * 2024-01-01T05:00:00Z}). A bad or missing value prints picocli's message naming the flag (and the
 * variable, when the value came from one) and the usage to standard error, and exits with {@link
 * #USAGE}.
 *
 * <p>Stateless; each call builds a new {@link CommandLine}, which is not thread-safe.
 */
public final class Cli {
    /** The name of the entry point every command is a subcommand of. */
    public static final String ROOT = "zonestat";

    /** Exit code of a command given bad or missing flags. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private Cli() {}

    /**
     * The command line of a picocli command object and its subcommands.
     *
     * @param environment where {@code ZONESTAT_*} defaults come from ({@link System#getenv()}, or a
     *     map in tests and for the built-in defaults)
     */
    public static CommandLine commandLine(Object command, Map<String, String> environment) {
        CommandLine cl = new CommandLine(command);
        if (!cl.getCommandName().equals(ROOT)) {
            // A subcommand run on its own still introduces itself as "zonestat <name>".
            cl.setCommandName(ROOT + " " + cl.getCommandName());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(LocalDate.class, v -> parse(v, LocalDate::parse, "2018-07-07"));
        cl.registerConverter(Instant.class, v -> parse(v, Instant::parse, "2024-01-01T05:00:00Z"));
        configure(cl);
        EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
        cl.setDefaultValueProvider(defaults);
        IParameterExceptionHandler picocli = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler(
                (e, args) -> picocli.handleParseException(namingVariable(e, args, defaults), args));
        return cl;
    }

    /** Runs the command with this process's environment; returns its exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command, System.getenv()).execute(args);
    }

    /** {@link #execute}, then exits the JVM with the command's exit code. */
    public static void main(Object command, String... args) {
        System.exit(execute(command, args));
    }

    /**
     * A flag's value outside what it allows, worded like picocli's own messages ({@code Invalid
     * value for option '--port': must be in [0, 65535], was 70000}); thrown from a command, it
     * exits with {@link #USAGE} like a parse error.
     */
    public static ParameterException invalid(
            CommandSpec command, String flag, Object value, String allowed) {
        return new ParameterException(
                command.commandLine(),
                "Invalid value for option '" + flag + "': must be " + allowed + ", was " + value);
    }

    /**
     * Refuses an empty value of a text or path option, for commands where no flag may be empty: a
     * {@link ParameterException} names the first such flag.
     */
    public static void requireNonBlank(CommandSpec command) {
        for (OptionSpec o : command.options()) {
            Object v = o.getValue();
            if ((v instanceof String || v instanceof Path) && v.toString().isBlank()) {
                throw new ParameterException(
                        command.commandLine(),
                        "Invalid value for option '" + o.longestName() + "': it is empty");
            }
        }
    }

    private static <T> T parse(String value, Function<String, T> parser, String example) {
        try {
            return parser.apply(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not like " + example);
        }
    }

    private static void configure(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(
                    OptionSpec.builder("-h", "--help")
                            .usageHelp(true)
                            .description("Show this help, with each option's default, and exit.")
                            .build());
        }
        spec.usageMessage().showDefaultValues(true).sortOptions(false);
        cl.getSubcommands().values().forEach(Cli::configure);
    }

    /**
     * The same exception with the variable named when the bad value came from the environment, i.e.
     * the option's variable is set and the option is not on the command line.
     */
    private static ParameterException namingVariable(
            ParameterException e, String[] args, EnvironmentDefaults defaults) {
        ArgSpec arg = e.getArgSpec();
        if (!(arg instanceof OptionSpec option) || defaults.valueOf(arg).isEmpty()) {
            return e;
        }
        boolean onCommandLine =
                Arrays.stream(args)
                        .anyMatch(
                                a ->
                                        Arrays.stream(option.names())
                                                .anyMatch(
                                                        n -> a.equals(n) || a.startsWith(n + "=")));
        if (onCommandLine) {
            return e;
        }
        String variable = EnvironmentDefaults.variable(option.longestName());
        return new ParameterException(
                e.getCommandLine(),
                e.getMessage() + " (from the environment variable " + variable + ")",
                e,
                arg,
                e.getValue());
    }
}
