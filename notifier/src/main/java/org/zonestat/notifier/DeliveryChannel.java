package org.zonestat.notifier;

import org.zonestat.topics.ContactMessage;

/**
 * One way of telling a resident their request was closed: e-mail ({@link EmailChannel}) or a
 * webhook to an SMS gateway ({@link WebhookChannel}). An implementation makes one try per call.
 */
public interface DeliveryChannel {
    /** {@code email} or {@code webhook}: recorded with each delivery. */
    String name();

    /** Whether this channel can reach the contact (an e-mail address, a phone number). */
    boolean reaches(ContactMessage contact);

    /**
     * Makes one try. The message carries {@link ClosureMessage#idempotencyKey()} so that the
     * receiver can drop a repeat sent after a crash between its acceptance and the notifier's
     * record of it.
     *
     * @throws DeliveryException when the try failed; {@link DeliveryException#permanent()} says
     *     whether another try could succeed
     */
    void deliver(ClosureMessage message, ContactMessage contact) throws DeliveryException;

    /** A failed try. Its message never holds contact details (see {@link Redaction}). */
    final class DeliveryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permanent;

        public DeliveryException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        /** True when trying again cannot help (the address was refused, a 4xx answer). */
        public boolean permanent() {
            return permanent;
        }
    }
}
