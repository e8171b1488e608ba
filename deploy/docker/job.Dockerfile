# The job image for deploy/k8s/flink-deployment.yaml: Flink 2.2 with the job jar in usrlib.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/job.Dockerfile -t zonestat/stream-jobs:0.1.0 .
FROM flink:2.2-java17
COPY stream-jobs/target/zonestat-stream-jobs-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/zonestat-stream-jobs-job.jar
