package org.zonestat.config;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --bootstrap}: the Kafka cluster a command connects to, the same flag with the same default
 * in the job, the console and every tool. A picocli mixin ({@code @Mixin BootstrapOption kafka;}).
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class BootstrapOption {
    /** The demo's embedded broker. */
    public static final String DEFAULT = "127.0.0.1:9092";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private String servers = DEFAULT;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = DEFAULT,
            description = "Kafka bootstrap servers (the demo's embedded broker by default).")
    void servers(String value) {
        if (value.isBlank()) {
            throw new ParameterException(
                    command.commandLine(), "Invalid value for option '--bootstrap': it is empty");
        }
        this.servers = value.strip();
    }

    /** The bootstrap servers, e.g. {@code 127.0.0.1:9092} or {@code kafka-1:9092,kafka-2:9092}. */
    public String servers() {
        return servers;
    }
}
