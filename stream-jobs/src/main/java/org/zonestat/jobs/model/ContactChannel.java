package org.zonestat.jobs.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a resident can be told their 311 request was closed. {@link #NONE} when the request carries
 * no contact details: ZoneStat never invents or looks up contact data.
 */
public enum ContactChannel {
    NONE("none"),
    EMAIL("email"),
    SMS("sms");

    private final String wireName;

    ContactChannel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The channel a raw record's {@code contactChannel} names ({@code email} or {@code sms}, any
     * case), or empty for any other text.
     */
    public static Optional<ContactChannel> fromWireName(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        for (ContactChannel c : values()) {
            if (c != NONE && c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The channel to prefer when updates disagree: SMS over email over none. */
    public static ContactChannel preferred(ContactChannel a, ContactChannel b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
