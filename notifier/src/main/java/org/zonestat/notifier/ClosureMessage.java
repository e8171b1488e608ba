package org.zonestat.notifier;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.zonestat.topics.ContactMessage;
import org.zonestat.topics.NotificationMessage;

/**
 * What the resident is told when their request is closed: a subject and a plain-text body, the same
 * for e-mail and SMS, and the idempotency key of the closure.
 *
 * @param idempotencyKey the notification id: the same closure always gives the same key
 * @param subject e.g. {@code Your 311 request ZS-7K2M9QX4TD is closed}
 * @param text the body
 */
public record ClosureMessage(String idempotencyKey, String subject, String text) {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    /**
     * @param c the closure
     * @param contact whom it goes to (only the name is used, to greet them)
     * @param timeZone the city's, for the date
     * @param signature the last line, e.g. the city's 311 service name
     */
    public static ClosureMessage of(
            NotificationMessage c, ContactMessage contact, ZoneId timeZone, String signature) {
        String name = contact.displayName();
        String what = c.type() == null ? "" : " (" + c.type() + ")";
        String days =
                c.daysOpen() < 1
                        ? "the same day you reported it"
                        : String.format(
                                Locale.US,
                                "%.0f days after you reported it",
                                Math.floor(c.daysOpen()));
        String text =
                (name == null ? "Hello," : "Hello " + name + ",")
                        + "\n\nYour 311 request "
                        + c.requestId()
                        + what
                        + " was closed on "
                        + DAY.format(c.closedAt().atZone(timeZone))
                        + ", "
                        + days
                        + ". Outcome: "
                        + c.outcome()
                        + (c.metDueDate() ? " (within the city's service level)." : ".")
                        + "\n\nYou get this message once, because you asked to hear when the"
                        + " request was closed.\n\n"
                        + signature
                        + "\n";
        return new ClosureMessage(
                c.notificationId(), "Your 311 request " + c.requestId() + " is closed", text);
    }
}
