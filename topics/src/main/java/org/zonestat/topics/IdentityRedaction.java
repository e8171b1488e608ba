package org.zonestat.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * Strips {@link IdentityFields identity fields} from a record's text, valid JSON or not, before the
 * text is kept or written anywhere: each member whose key is an identity field is removed with its
 * value and one comma beside it; everything else is left exactly as it was (spacing, key order,
 * duplicate keys, number spelling), so a record without identity fields comes back unchanged.
 *
 * <h2>How it works</h2>
 *
 * The text is read as JSON tokens without parsing it, so that a record cut short or otherwise
 * malformed is stripped too:
 *
 * <ul>
 *   <li>a key is a string (in {@code "} or {@code '} quotes, escapes decoded) or a bare word,
 *       followed by {@code :}; keys are found at every depth;
 *   <li>its value is the next string, the next object or array (brackets counted, strings skipped),
 *       or the text up to the next {@code ,}, {@code @literal }} or {@code ]}; a string or bracket
 *       left open runs to the end of the text;
 *   <li>a string value that itself holds JSON text (escaped quotes) is stripped the same way, up to
 *       {@value #MAX_DEPTH} levels deep, and re-escaped only if something was removed.
 * </ul>
 *
 * The scan is iterative and linear in the text's length, whatever its nesting.
 *
 * <p>Thread-safe: no state.
 */
public final class IdentityRedaction {
    /** How many levels of JSON text inside JSON strings are stripped. */
    public static final int MAX_DEPTH = 4;

    private IdentityRedaction() {}

    /** The text without its identity fields; the same instance when it has none. */
    public static String strip(String text) {
        return strip(text, 0);
    }

    /** Text from {@code from} to {@code to} replaced by {@code with}: a cut when it is "". */
    private record Edit(int from, int to, String with) {}

    private static String strip(String text, int depth) {
        int n = text.length();
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = stringEnd(text, i);
                int colon = skipSpace(text, end);
                if (colon < n && text.charAt(colon) == ':') {
                    if (IdentityFields.isIdentity(
                            unescape(text, i + 1, contentEnd(text, i, end)))) {
                        i = cut(text, i, colon, edits);
                        continue;
                    }
                } else if (depth < MAX_DEPTH && hasEscapedQuote(text, i, end)) {
                    String inner = unescape(text, i + 1, contentEnd(text, i, end));
                    String strippedInner = strip(inner, depth + 1);
                    if (!strippedInner.equals(inner)) {
                        edits.add(new Edit(i, end, quote(strippedInner, c)));
                    }
                }
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int end = i;
                while (end < n && isWordPart(text.charAt(end))) {
                    end++;
                }
                int colon = skipSpace(text, end);
                if (colon < n
                        && text.charAt(colon) == ':'
                        && IdentityFields.isIdentity(text.substring(i, end))) {
                    i = cut(text, i, colon, edits);
                    continue;
                }
                i = end;
            } else {
                i++;
            }
        }
        if (edits.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int at = 0;
        for (Edit e : edits) {
            b.append(text, at, e.from()).append(e.with());
            at = e.to();
        }
        return b.append(text, at, n).toString();
    }

    /**
     * Records the cut of the member whose key starts at {@code keyStart} and whose colon is at
     * {@code colon}, with one comma beside it; returns where scanning goes on. Edits are found in
     * text order and never overlap: a cut reaches back only over spaces, a comma and earlier cuts.
     */
    private static int cut(String text, int keyStart, int colon, List<Edit> edits) {
        int n = text.length();
        int valueEnd = valueEnd(text, skipSpace(text, colon + 1));
        int after = skipSpace(text, valueEnd);
        if (after < n && text.charAt(after) == ',') {
            addCut(edits, keyStart, after + 1);
            return after + 1;
        }
        int before = keyStart - 1;
        while (before >= 0) {
            Edit last = edits.isEmpty() ? null : edits.get(edits.size() - 1);
            if (last != null
                    && last.with().isEmpty()
                    && before >= last.from()
                    && before < last.to()) {
                before = last.from() - 1;
            } else if (Character.isWhitespace(text.charAt(before))) {
                before--;
            } else {
                break;
            }
        }
        addCut(edits, before >= 0 && text.charAt(before) == ',' ? before : keyStart, valueEnd);
        return valueEnd;
    }

    /** Adds a cut, merged with the cuts before it that it touches or overlaps. */
    private static void addCut(List<Edit> edits, int from, int to) {
        while (!edits.isEmpty()
                && edits.get(edits.size() - 1).with().isEmpty()
                && edits.get(edits.size() - 1).to() >= from) {
            Edit last = edits.remove(edits.size() - 1);
            from = Math.min(from, last.from());
            to = Math.max(to, last.to());
        }
        edits.add(new Edit(from, to, ""));
    }

    /** The index after the string starting with a quote at {@code start}, or the text's end. */
    private static int stringEnd(String text, int start) {
        char q = text.charAt(start);
        int n = text.length();
        int j = start + 1;
        while (j < n) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == q) {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    /** Where a string's content ends: before its closing quote, or at the end of a cut text. */
    private static int contentEnd(String text, int start, int end) {
        boolean closed =
                end - 1 > start
                        && end <= text.length()
                        && text.charAt(end - 1) == text.charAt(start)
                        && !escapedAt(text, start, end - 1);
        return closed ? end - 1 : Math.min(end, text.length());
    }

    private static boolean escapedAt(String text, int start, int index) {
        int backslashes = 0;
        for (int k = index - 1; k > start && text.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The index after the value starting at {@code start}. */
    private static int valueEnd(String text, int start) {
        int n = text.length();
        if (start >= n) {
            return n;
        }
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            return stringEnd(text, start);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int j = start;
            while (j < n) {
                char d = text.charAt(j);
                if (d == '"' || d == '\'') {
                    j = stringEnd(text, j);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
                j++;
            }
            return n;
        }
        int j = start;
        while (j < n && ",}]".indexOf(text.charAt(j)) < 0) {
            j++;
        }
        while (j > start && Character.isWhitespace(text.charAt(j - 1))) {
            j--;
        }
        return j;
    }

    private static int skipSpace(String text, int from) {
        int j = from;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-' || c == '.';
    }

    private static boolean hasEscapedQuote(String text, int start, int end) {
        for (int j = start + 1; j + 1 < end; j++) {
            if (text.charAt(j) == '\\') {
                if (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\'') {
                    return true;
                }
                j++;
            }
        }
        return false;
    }

    /** A string's content with its JSON escapes decoded; a broken escape is kept as it is. */
    private static String unescape(String text, int from, int to) {
        if (text.indexOf('\\', from) < 0 || text.indexOf('\\', from) >= to) {
            return text.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        int j = from;
        while (j < to) {
            char c = text.charAt(j);
            if (c != '\\' || j + 1 >= to) {
                b.append(c);
                j++;
                continue;
            }
            char e = text.charAt(j + 1);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (j + 6 <= to && isHex(text, j + 2, j + 6)) {
                        b.append((char) Integer.parseInt(text.substring(j + 2, j + 6), 16));
                        j += 6;
                        continue;
                    }
                    b.append('u');
                }
                default -> b.append(e);
            }
            j += 2;
        }
        return b.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int j = from; j < to; j++) {
            if (Character.digit(text.charAt(j), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code content} as a string literal in quote {@code q}, escaped as JSON needs. */
    private static String quote(String content, char q) {
        StringBuilder b = new StringBuilder(content.length() + 2).append(q);
        for (int j = 0; j < content.length(); j++) {
            char c = content.charAt(j);
            if (c == q || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(q).toString();
    }
}
