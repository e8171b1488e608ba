package org.zonestat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.zonestat.jobs.JobConfig;
import org.zonestat.jobs.ZoneTaggingJob;

/**
 * Every operator of the job the cluster runs has a uid we chose, so a savepoint maps onto a rebuilt
 * jar's operators instead of onto generated ids that change with the graph.
 */
class StableOperatorUidsTest {
    @Test
    void everyOperatorOfTheProductionJobHasAStableUid() {
        StreamExecutionEnvironment env =
                ZoneTaggingJob.environment(JobConfig.defaults("127.0.0.1:9092"));
        ZoneTaggingJob.withKafka(JobConfig.defaults("127.0.0.1:9092")).build(env);
        StreamGraph graph = env.getStreamGraph();
        List<String> withoutUid =
                graph.getStreamNodes().stream()
                        .filter(n -> n.getTransformationUID() == null)
                        .map(StreamNode::getOperatorName)
                        .toList();
        assertThat(withoutUid).as("operators without a uid").isEmpty();
        List<String> uids =
                graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids)
                .doesNotHaveDuplicates()
                .contains(
                        "raw-topics-source",
                        "dedupe-and-tag",
                        "analytics-311-lifecycle",
                        "analytics-near-repeat",
                        "hotspots-gi-star",
                        "rejected-sink");
        System.out.printf("%d operators, each with its own uid%n", uids.size());
    }

    @Test
    void anOperatorWithoutAUidIsSeen() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3)
                .uid("numbers")
                .map(Integer::toBinaryString)
                .name("no-uid")
                .print()
                .uid("out");
        assertThat(env.getStreamGraph().getStreamNodes())
                .filteredOn(n -> n.getTransformationUID() == null)
                .extracting(StreamNode::getOperatorName)
                .anyMatch(name -> name.contains("no-uid"));
    }
}
