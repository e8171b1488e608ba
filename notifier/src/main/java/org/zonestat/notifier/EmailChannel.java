package org.zonestat.notifier;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import org.zonestat.topics.ContactMessage;

/**
 * E-mail over SMTP to a configured relay, with Jakarta Mail (Eclipse Angus): one plain-text UTF-8
 * message per try, its {@code Message-ID} made from the notification id ({@code
 * <close-loop.REQ.CLOSED@zonestat>}), so a resent copy is recognisably the same message.
 *
 * <p>A refused recipient ({@link SendFailedException} naming invalid addresses) is permanent;
 * anything else (relay down, timeout, a temporary 4xx) is worth another try. Thread-safe: a session
 * is shared, each try opens its own connection.
 */
public final class EmailChannel implements DeliveryChannel {
    /**
     * Where and how to send.
     *
     * @param host the SMTP relay
     * @param port its port (25, 587, or the demo's in-process server)
     * @param from the sender address
     * @param user login, or null for none
     * @param password password, with {@code user}
     * @param startTls whether to require STARTTLS
     */
    public record Smtp(
            String host, int port, String from, String user, String password, boolean startTls) {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SMTP port must be 1..65535, was " + port);
            }
        }

        /** No login, no TLS: a relay on this machine or network (the demo's). */
        public static Smtp plain(String host, int port, String from) {
            return new Smtp(host, port, from, null, null, false);
        }
    }

    private final Smtp smtp;
    private final Session session;

    public EmailChannel(Smtp smtp) {
        this.smtp = Objects.requireNonNull(smtp, "smtp");
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        p.put("mail.smtp.auth", String.valueOf(smtp.user() != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        p.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean reaches(ContactMessage contact) {
        return contact.email() != null;
    }

    @Override
    public void deliver(ClosureMessage message, ContactMessage contact) throws DeliveryException {
        try {
            MimeMessage m = new FixedIdMessage(session, messageId(message.idempotencyKey()));
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(contact.email(), true));
            m.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            m.setText(message.text(), StandardCharsets.UTF_8.name());
            m.setHeader("Auto-Submitted", "auto-generated");
            m.saveChanges();
            if (smtp.user() != null) {
                Transport.send(m, smtp.user(), smtp.password());
            } else {
                Transport.send(m);
            }
        } catch (AddressException e) {
            throw new DeliveryException("the e-mail address is not valid", true);
        } catch (SendFailedException e) {
            Address[] invalid = e.getInvalidAddresses();
            boolean refused = invalid != null && invalid.length > 0;
            throw new DeliveryException(
                    "the relay refused the message: " + Redaction.of(e.getMessage(), contact),
                    refused);
        } catch (AuthenticationFailedException e) {
            throw new DeliveryException("the relay refused our login", false);
        } catch (MessagingException e) {
            throw new DeliveryException(
                    "sending failed: " + Redaction.of(String.valueOf(e.getMessage()), contact),
                    false);
        }
    }

    /** {@code <close-loop.REQ.2019-10-19T14_00_00Z@zonestat>}: only safe characters. */
    static String messageId(String key) {
        return "<" + key.replaceAll("[^A-Za-z0-9.\\-]", ".").replaceAll("\\.+", ".") + "@zonestat>";
    }

    /** A message whose Message-ID is ours, not a random one made at each save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
