package org.zonestat.topics;

import java.util.Locale;
import java.util.Optional;

/**
 * What an agency did, as {@code activities.raw} and {@code activity-log} name it: the one
 * vocabulary of activity kinds, shared by the job (which refuses any other kind as {@code
 * unknown-kind}), the console's forms and the CSV mappings.
 */
public enum ActivityKind {
    /** A street outreach worker spoke with someone ({@code count}: people met). */
    OUTREACH_CONTACT,
    /** A coordinated site visit of a zone (the rotating all-hands visits). */
    SITE_VISIT,
    /** An inspection of a place (business, liquor license, vacant building, ...). */
    INSPECTION,
    /** A code-enforcement action: a notice, a citation, a boarding. */
    CODE_ENFORCEMENT,
    /** A cleanup of a lot, an alley, a block. */
    CLEANUP,
    /** Street lights repaired. */
    LIGHTING_REPAIR,
    /** Anything else an agency wants counted. */
    OTHER;

    /**
     * The kind named by {@code text}, case-insensitive, with spaces or hyphens for {@code _}
     * ({@code "site visit"}, {@code "Lighting-Repair"}); empty when it names none.
     */
    public static Optional<ActivityKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (ActivityKind k : values()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind as a phrase for people: {@code site visit}, {@code outreach contact}. */
    public String phrase() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
