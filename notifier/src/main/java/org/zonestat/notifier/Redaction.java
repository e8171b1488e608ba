package org.zonestat.notifier;

import java.util.regex.Pattern;
import org.zonestat.topics.ContactMessage;

/**
 * Blanks a resident's contact details out of a text before it is logged or written to a dead
 * letter: an SMTP relay's refusal often quotes the address ({@code 550 5.1.1 <jane@example.org>:
 * Recipient address rejected}). Replaces the contact's own e-mail and phone and, to be safe, any
 * e-mail address, with {@code [contact]}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {
    private static final Pattern ANY_EMAIL = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"'@]+");

    private Redaction() {}

    public static String of(String text, ContactMessage contact) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (contact != null) {
            for (String s : new String[] {contact.email(), contact.phone()}) {
                if (s != null && !s.isBlank()) {
                    out = out.replace(s, "[contact]");
                }
            }
        }
        return ANY_EMAIL.matcher(out).replaceAll("[contact]");
    }
}
