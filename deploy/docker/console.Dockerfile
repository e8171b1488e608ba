# The ops console image for deploy/k8s/console.yaml: a JRE 17 and the console's class path.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/console.Dockerfile -t zonestat/ops-console:0.1.0 .
FROM eclipse-temurin:17-jre
COPY deploy/cluster/target/console-lib/ /opt/zonestat/lib/
EXPOSE 7070
ENTRYPOINT ["java", "-Xmx768m", "-cp", "/opt/zonestat/lib/*", "org.zonestat.console.OpsConsoleMain"]
