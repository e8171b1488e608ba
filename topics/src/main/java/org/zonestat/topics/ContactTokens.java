package org.zonestat.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns whatever an outreach worker knows about a person contacted (a name, a nickname and a
 * corner, a case number) into a token that lets the job count unique contacts without anyone
 * learning who was contacted:
 *
 * <pre>
 * token = base64url( first 16 bytes of HMAC-SHA256(key, "2018-W27" + NUL + normalized contact) )
 * </pre>
 *
 * The ISO week of the contact's local date is part of the message, so the same person has another
 * token every week: tokens cannot follow anyone from week to week, and a unique count over weeks
 * counts a person once per week contacted. The key is the city's secret (a file created once with
 * 32 random bytes, readable by its owner only); without it a token cannot be checked against a
 * guessed name. Only the token reaches Kafka ({@code activities.raw}); the job folds it into a
 * HyperLogLog sketch ({@link ContactSketch}) and writes no token anywhere.
 *
 * <p>Normalized contact: Unicode NFKC, lower case, runs of white space as one space, trimmed, so
 * {@code " Ms. Jones "} and {@code "ms. jones"} are the same contact.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContactTokens {
    /** A token's shape: 22 base64url characters (128 bits). */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    private static final int KEY_BYTES = 32;
    private final byte[] key;

    private ContactTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException(
                    "a contact key needs at least 16 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** Tokens made with this key. */
    public static ContactTokens withKey(byte[] key) {
        return new ContactTokens(key);
    }

    /**
     * The key in {@code file} (base64 text), created with {@value #KEY_BYTES} random bytes and mode
     * {@code rw-------} when the file does not exist.
     *
     * @throws UncheckedIOException if the file cannot be read or written
     * @throws IllegalArgumentException if it holds no usable key, naming the file
     */
    public static ContactTokens loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                try {
                    Files.setPosixFilePermissions(
                            file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps the default permissions
                }
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the contact key is not base64", e);
            }
            if (key.length < 16) {
                throw new IllegalArgumentException(
                        file
                                + ": the contact key has "
                                + key.length
                                + " bytes, at least 16 needed");
            }
            return new ContactTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the contact key " + file, e);
        }
    }

    /**
     * The token of a contact made on {@code day} (the local date where it happened).
     *
     * @throws IllegalArgumentException if the contact is blank
     */
    public String token(String contact, LocalDate day) {
        String normalized = normalize(contact);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("a contact must not be blank");
        }
        String week =
                String.format(
                        Locale.ROOT,
                        "%d-W%02d",
                        day.get(IsoFields.WEEK_BASED_YEAR),
                        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal((week + '\0' + normalized).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code text} has a token's shape. */
    public static boolean isToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    static String normalize(String contact) {
        if (contact == null) {
            return "";
        }
        return Normalizer.normalize(contact, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
    }
}
