package org.zonestat.sim.backfill;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.zonestat.sim.Feed;

/**
 * What one backfill was asked to do, as {@link BackfillCommand} parsed it from its flags.
 * Immutable; thread-safe.
 *
 * @param kind the raw feed the records are for
 * @param input the export to load
 * @param mapping a mapping file or a shipped mapping's name
 * @param bootstrap Kafka bootstrap servers
 * @param topic the destination topic, if not the mapping's
 * @param source the records' source name, if not the mapping's
 * @param timeOrder publish in event-time order (the whole file is read first), else in file order
 */
public record BackfillOptions(
        Feed kind,
        Path input,
        String mapping,
        String bootstrap,
        Optional<String> topic,
        Optional<String> source,
        boolean timeOrder) {
    public BackfillOptions {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(source, "source");
    }
}
