package org.zonestat.config;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A small command with the shared flags, for the tests of this module. */
@Command(name = "sample", subcommands = SampleCommand.Child.class)
class SampleCommand implements Callable<Integer> {
    @Mixin BootstrapOption kafka;
    @Mixin JobGroupOption group;

    @Option(names = "--checkpoint-interval-seconds", description = "How often | to checkpoint.")
    long checkpointSeconds = 10;

    @Option(names = "--bounded", description = "Stop at the end.")
    boolean bounded;

    @Option(names = "--hidden", hidden = true)
    String hidden;

    @Override
    public Integer call() {
        return 0;
    }

    @Command(name = "child")
    static final class Child implements Callable<Integer> {
        @Parameters(paramLabel = "ROLE", description = "Which one.")
        String role;

        @Option(names = "--port", description = "A port.")
        int port = 7070;

        @Override
        public Integer call() {
            return 0;
        }
    }
}
