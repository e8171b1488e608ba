package org.zonestat.sim.mapping;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.zonestat.sim.AdapterResult;
import org.zonestat.sim.Feed;
import org.zonestat.sim.RawEvent;

/**
 * Reads one input format (a CSV layout through a {@link FeedMapping}, Open311 JSON, ...) into raw
 * topic records. Records keep the source's own ids and event times.
 *
 * <p>A record that cannot be read is reported to the sink and reading goes on; a problem with the
 * file as a whole (no header, a mapped column missing from the header, an I/O error) throws {@link
 * InvalidInputException}. Implementations are immutable and thread-safe; each call reads its own
 * stream.
 */
public interface RecordAdapter {
    /** The raw topic role the records are for. */
    Feed feed();

    /**
     * Streams the records of {@code in} to {@code sink}, one call per input record, and closes the
     * stream.
     *
     * @param name the file's name, used in rejections
     * @throws InvalidInputException if the input as a whole cannot be read
     */
    void read(InputStream in, String name, RecordSink sink);

    /**
     * Reads everything into memory: the records, and one {@code file:line: reason} per rejection.
     */
    default AdapterResult readAll(InputStream in, String name) {
        List<RawEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] rows = {0};
        read(
                in,
                name,
                new RecordSink() {
                    @Override
                    public void accepted(List<RawEvent> records) {
                        rows[0]++;
                        events.addAll(records);
                    }

                    @Override
                    public void rejected(Rejection rejection) {
                        rows[0]++;
                        problems.add(rejection.toString());
                    }
                });
        return new AdapterResult(events, problems, rows[0]);
    }
}
