package org.zonestat.jobs.functions;

import org.apache.flink.api.java.functions.KeySelector;
import org.zonestat.jobs.model.ParsedRecord;

/** Keys an accepted parsed record by its event id, so all copies of one event meet in one place. */
public final class EventIdKey implements KeySelector<ParsedRecord, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ParsedRecord record) {
        return record.event().eventId();
    }
}
