package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicIsCreatedOnceWithItsSettings() {
        List<NewTopic> created = Topics.defaults().newTopics(2, (short) 1);
        Set<String> names = new HashSet<>();
        created.forEach(t -> names.add(t.name()));
        assertThat(names).hasSize(created.size());
        assertThat(names).containsAll(Topics.defaults().streams());
        assertThat(names).containsAll(Topics.defaults().compacted());
        NewTopic zones =
                created.stream().filter(t -> t.name().equals("zones")).findFirst().orElseThrow();
        assertThat(zones.numPartitions()).isEqualTo(1);
        assertThat(zones.configs()).containsEntry("cleanup.policy", "compact");
        NewTopic contacts =
                created.stream().filter(t -> t.name().equals("contacts")).findFirst().orElseThrow();
        assertThat(contacts.configs())
                .containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", String.valueOf(Topics.CONTACTS_RETENTION_MS));
        assertThat(Topics.defaults().compacted())
                .contains("tip-line", "notification-deliveries", "contacts");
        assertThat(Topics.defaults().streams()).contains("notification-dead-letters", "audit");
        NewTopic places =
                created.stream().filter(t -> t.name().equals("places")).findFirst().orElseThrow();
        assertThat(places.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.defaults().raw())
                .as("the job reads what agencies did beside incidents, 311 and tips")
                .containsExactly("incidents.raw", "requests311.raw", "tips.raw", "activities.raw");
        assertThat(Topics.defaults().streams()).contains("activities.raw", "activity-log");
        NewTopic history =
                created.stream().filter(t -> t.name().equals("history")).findFirst().orElseThrow();
        assertThat(history.numPartitions())
                .as("one partition orders the history runs")
                .isEqualTo(1);
        assertThat(history.configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void topicsKeptForeverCloseSegmentsBySizeNotByTheEventTimeTheirRecordsSpan() {
        List<NewTopic> created = Topics.defaults().newTopics(2, (short) 1);
        for (NewTopic t : created) {
            boolean forever = "-1".equals(t.configs().get("retention.ms"));
            assertThat(t.configs().get("segment.ms"))
                    .as(t.name())
                    .isEqualTo(forever ? String.valueOf(Long.MAX_VALUE) : null);
        }
        assertThat(created.stream().filter(t -> t.configs().containsKey("segment.ms")))
                .extracting(NewTopic::name)
                .contains("events", "incidents.raw", "hotspots", "zone-stats", "history");
    }

    @Test
    void positionsAndTransitionsAreKeptNinetyDaysFromWhenTheyWereWrittenAndTheAuditTrailForever() {
        List<NewTopic> created = Topics.defaults().newTopics(2, (short) 1);
        for (String name : List.of("positions.raw", "transitions")) {
            NewTopic t =
                    created.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
            assertThat(t.numPartitions()).as(name).isEqualTo(2);
            assertThat(t.configs())
                    .as(name)
                    .containsEntry("retention.ms", String.valueOf(Topics.TRACKS_RETENTION_MS))
                    .containsEntry("message.timestamp.type", "LogAppendTime");
        }
        NewTopic audit =
                created.stream().filter(n -> n.name().equals("audit")).findFirst().orElseThrow();
        assertThat(audit.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.defaults().withSuffix(".x").tracks())
                .containsExactly("positions.raw.x", "transitions.x");
    }

    @Test
    void everyTopicTakesOldTimestampsNoneFarAheadAndTheDefaultMessageSize() {
        for (NewTopic t : Topics.defaults().newTopics(2, (short) 1)) {
            boolean track = Topics.defaults().tracks().contains(t.name());
            assertThat(t.configs())
                    .as(t.name())
                    .containsEntry("message.timestamp.type", track ? "LogAppendTime" : "CreateTime")
                    .containsEntry("message.timestamp.before.max.ms", "9223372036854775807")
                    .containsEntry("message.timestamp.after.max.ms", "3600000");
        }
        NewTopic events =
                Topics.defaults().newTopics(2, (short) 1).stream()
                        .filter(t -> t.name().equals("events"))
                        .findFirst()
                        .orElseThrow();
        assertThat(events.configs()).containsEntry("max.message.bytes", "1048588");
    }

    @Test
    void aSuffixRenamesEveryTopic() {
        Topics t = Topics.defaults().withSuffix(".t1");
        assertThat(t.streams()).allMatch(n -> n.endsWith(".t1"));
        assertThat(t.compacted()).allMatch(n -> n.endsWith(".t1"));
        assertThat(t.tracks()).allMatch(n -> n.endsWith(".t1"));
        assertThat(t.history()).isEqualTo("history.t1");
    }
}
