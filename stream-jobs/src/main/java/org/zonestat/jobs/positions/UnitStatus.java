package org.zonestat.jobs.positions;

import java.util.Optional;

/** A unit's duty status as its device reports it. */
public enum UnitStatus {
    AVAILABLE("available"),
    BUSY("busy"),
    OFF_DUTY("off-duty");

    private final String code;

    UnitStatus(String code) {
        this.code = code;
    }

    /** The wire code: {@code available}, {@code busy} or {@code off-duty}. */
    public String code() {
        return code;
    }

    /** The status with this wire code (case-insensitive), or empty. */
    public static Optional<UnitStatus> parse(String code) {
        for (UnitStatus s : values()) {
            if (s.code.equalsIgnoreCase(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
