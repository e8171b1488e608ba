package org.zonestat.sim.mapping;

/**
 * Repairs the two quirks real Open311 responses (and the GeoReport v2 specification's own examples)
 * have, where the meaning is clear, keeping every line where it was so that line numbers in
 * messages stay true:
 *
 * <ul>
 *   <li>an HTTP status line and headers in front of the JSON ({@code HTTP/1.1 403 Forbidden}, up to
 *       the first blank line) are blanked out, and the status line is kept for messages;
 *   <li>numbers written with leading zeros ({@code "service_code":006}) become strings ({@code
 *       "006"}), which keeps the code as written.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class LenientJson {
    /** The repaired text and the HTTP status line that was in front of it, if any. */
    public record Repaired(String json, String httpStatusLine, int quotedNumbers) {}

    private LenientJson() {}

    public static Repaired repair(String text) {
        String statusLine = null;
        String body = text;
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        String trimmedStart = body.stripLeading();
        if (trimmedStart.startsWith("HTTP/")) {
            StringBuilder blanked = new StringBuilder(body.length());
            String[] lines = body.split("\n", -1);
            boolean inHeader = true;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (inHeader) {
                    if (statusLine == null && line.strip().startsWith("HTTP/")) {
                        statusLine = line.strip();
                    } else if (statusLine != null && line.strip().isEmpty()) {
                        inHeader = false;
                    }
                    // header lines become empty lines
                } else {
                    blanked.append(line);
                }
                if (i < lines.length - 1) {
                    blanked.append('\n');
                }
            }
            body = blanked.toString();
        }
        StringBuilder out = new StringBuilder(body.length() + 16);
        int quoted = 0;
        boolean inString = false;
        boolean escaped = false;
        char previousSignificant = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    previousSignificant = '"';
                }
                i++;
                continue;
            }
            if (c == '"') {
                inString = true;
                out.append(c);
                i++;
                continue;
            }
            boolean valueStart =
                    previousSignificant == ':'
                            || previousSignificant == '['
                            || previousSignificant == ',';
            if (valueStart && (c == '-' || (c >= '0' && c <= '9'))) {
                int end = i + 1;
                while (end < body.length() && "0123456789.eE+-".indexOf(body.charAt(end)) >= 0) {
                    end++;
                }
                String number = body.substring(i, end);
                if (number.matches("-?0[0-9]+")) {
                    out.append('"').append(number).append('"');
                    quoted++;
                } else {
                    out.append(number);
                }
                previousSignificant = '0';
                i = end;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                previousSignificant = c;
            }
            out.append(c);
            i++;
        }
        return new Repaired(out.toString(), statusLine, quoted);
    }
}
