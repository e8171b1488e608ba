package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Every topic has its flag, and without flags the names are the defaults. */
class TopicOptionsTest {
    @Command(name = "t")
    static final class WithTopics {
        @Mixin TopicOptions topics;
    }

    @Test
    void withoutFlagsTheTopicsAreTheDefaults() {
        assertThat(parse().topics()).isEqualTo(Topics.defaults());
    }

    @Test
    void eachTopicHasItsOwnFlag() {
        Topics t =
                parse(
                                "--topic-incidents",
                                "a",
                                "--topic-requests311",
                                "b",
                                "--topic-tips",
                                "c",
                                "--topic-zones",
                                "d",
                                "--topic-events",
                                "e",
                                "--topic-rejected",
                                "f",
                                "--topic-alerts",
                                "g",
                                "--topic-notifications",
                                "h",
                                "--topic-zone-stats",
                                "i",
                                "--topic-hotspots",
                                "j",
                                "--topic-action-items",
                                "k",
                                "--topic-contacts",
                                "l",
                                "--topic-tip-line",
                                "m",
                                "--topic-deliveries",
                                "n",
                                "--topic-dead-letters",
                                "o",
                                "--topic-positions",
                                "p",
                                "--topic-transitions",
                                "q",
                                "--topic-audit",
                                "r",
                                "--topic-activities",
                                "s",
                                "--topic-activity-log",
                                "t",
                                "--topic-places",
                                "u",
                                "--topic-history",
                                "v")
                        .topics();
        assertThat(t)
                .isEqualTo(
                        new Topics(
                                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
                                "n", "o", "p", "q", "r", "s", "t", "u", "v"));
    }

    private static TopicOptions parse(String... args) {
        WithTopics command = new WithTopics();
        new CommandLine(command).parseArgs(args);
        return command.topics;
    }
}
