package org.zonestat.jobs.functions;

/**
 * Text as the job writes it: cut to a length at a code point (never between the two halves of a
 * surrogate pair) and free of unpaired surrogates, which no UTF-8 writer can encode. Feeds can send
 * an unpaired surrogate as a JSON escape ({@code "\ud800"}); a value quoted in a rejection's detail
 * or cut from an original must still be writable.
 *
 * <p>Stateless and thread-safe.
 */
public final class Texts {
    /** What a removed unpaired surrogate becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private Texts() {}

    /**
     * A value to quote in a sentence: at most {@code maxChars} characters (plus a note of the whole
     * length when cut), unpaired surrogates replaced.
     */
    public static String excerpt(String value, int maxChars) {
        if (value.length() <= maxChars) {
            return wellFormed(value);
        }
        return wellFormed(prefix(value, maxChars)) + "... (" + value.length() + " characters)";
    }

    /** The first {@code maxChars} characters or fewer, never ending inside a surrogate pair. */
    public static String prefix(String value, int maxChars) {
        if (value.length() <= maxChars) {
            return value;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    /** Whether the text has a surrogate without its other half. */
    public static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The text with each unpaired surrogate replaced by {@link #REPLACEMENT}. */
    public static String wellFormed(String value) {
        if (!hasUnpairedSurrogate(value)) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return b.toString();
    }
}
