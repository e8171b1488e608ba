package org.zonestat.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.zonestat.console.Access;
import org.zonestat.console.ClasspathFile;
import org.zonestat.console.RouteGroup;

/**
 * The demo's mailbox: every e-mail the in-process SMTP server received (the notifier's
 * closing-the-loop messages), newest first, so a new user can post a request, close it and read
 * what the resident would get. {@code GET /admin/mailbox} is the page (it asks for a token), {@code
 * GET /api/admin/mailbox} the list; admins only, since the messages hold residents' addresses.
 *
 * <p>Thread-safe.
 */
public final class MailboxRoutes implements RouteGroup {
    private final GreenMail smtp;

    /** One received message. */
    public record Mail(
            String to,
            String from,
            String subject,
            Instant receivedAt,
            String messageId,
            String text) {}

    public MailboxRoutes(GreenMail smtp) {
        this.smtp = Objects.requireNonNull(smtp, "smtp");
    }

    @Override
    public void addTo(JavalinConfig cfg) {
        Access.Rule admins = Access.admin("only admins read the demo's mailbox, not %s");
        cfg.routes
                .get(
                        "/admin/mailbox",
                        new ClasspathFile("public/mailbox.html", "text/html"),
                        Access.OPEN)
                .get("/api/admin/mailbox", this::list, admins);
    }

    private void list(Context ctx) {
        ctx.json(messages());
    }

    /** Every received message, newest first. */
    public List<Mail> messages() {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                out.add(
                        new Mail(
                                join(m.getAllRecipients()),
                                join(m.getFrom()),
                                m.getSubject(),
                                m.getReceivedDate() == null
                                        ? null
                                        : m.getReceivedDate().toInstant(),
                                m.getMessageID(),
                                GreenMailUtil.getBody(m)));
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static String join(Address[] addresses) {
        return addresses == null
                ? ""
                : String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
    }
}
