package org.zonestat.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code ZONESTAT_*} environment variables as picocli defaults: an option not given on the
 * command line takes the value of {@code ZONESTAT_} + its long name without the leading dashes, in
 * upper case with {@code _} for {@code -} ({@code --checkpoint-interval-seconds} → {@code
 * ZONESTAT_CHECKPOINT_INTERVAL_SECONDS}). A flag on the command line wins; a blank variable counts
 * as unset and a value is trimmed; a boolean flag takes {@code true} or {@code false} ({@code
 * ZONESTAT_BOUNDED=true} sets {@code --bounded}). A bad value fails like the same value on the
 * command line. Help options and positional parameters have no variable.
 *
 * <p>Immutable and thread-safe: the environment is copied when constructed.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    /** What every variable starts with. */
    public static final String PREFIX = "ZONESTAT_";

    private final Map<String, String> environment;

    /**
     * @param environment variable names to values, usually {@link System#getenv()}
     */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The variable that stands for a flag: {@code --topic-zone-stats} (or {@code topic-zone-stats})
     * → {@code ZONESTAT_TOPIC_ZONE_STATS}.
     */
    public static String variable(String flag) {
        String name = flag.replaceFirst("^-+", "");
        return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The variable of an option, or empty for help options and positional parameters. */
    public static Optional<String> variable(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return Optional.empty();
        }
        return Optional.of(variable(option.longestName()));
    }

    /** The trimmed value of an option's variable, or empty when it is unset or blank. */
    public Optional<String> valueOf(ArgSpec arg) {
        return variable(arg).map(environment::get).filter(v -> !v.isBlank()).map(String::strip);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return valueOf(arg).orElse(null);
    }
}
