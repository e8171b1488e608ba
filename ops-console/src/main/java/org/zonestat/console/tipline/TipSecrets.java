package org.zonestat.console.tipline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The tipster's two secrets: a tip number ({@code 4827-1934}, eight random digits) and a secret
 * phrase of {@value #WORDS} words drawn from a list of 256 ({@code "maple otter quilt ember
 * lantern"}, 40 bits), both from a {@link SecureRandom}. Only a salted hash of the phrase is kept:
 * PBKDF2 with HMAC-SHA256, a random 16-byte salt per tip and {@code iterations} rounds; {@link
 * #matches} compares in constant time. A phrase is compared ignoring case and extra spaces, so a
 * tipster may type it as they remember it.
 *
 * <p>Thread-safe.
 */
public final class TipSecrets {
    static final int WORDS = 5;

    private final SecureRandom random = new SecureRandom();
    private final List<String> words;
    private final int iterations;

    /** A salted hash of a phrase. */
    public record Hash(String salt, String hash, int iterations) {}

    /**
     * @param iterations PBKDF2 rounds for new hashes (120,000 in production)
     */
    public TipSecrets(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        this.iterations = iterations;
        this.words = loadWords();
    }

    private static List<String> loadWords() {
        String name = "zonestat/tipline/words.txt";
        try (InputStream in = TipSecrets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath:" + name);
            }
            List<String> out = new ArrayList<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(out::add);
            if (out.size() != 256) {
                throw new IllegalStateException(name + " must hold 256 words, has " + out.size());
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new tip number, e.g. {@code 4827-1934}. */
    public String newTipNumber() {
        return String.format(
                Locale.ROOT, "%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }

    /** A new secret phrase, e.g. {@code maple otter quilt ember lantern}. */
    public String newPhrase() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < WORDS; i++) {
            b.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
        }
        return b.toString();
    }

    /** A new salted hash of {@code phrase}. */
    public Hash hash(String phrase) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new Hash(
                Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(pbkdf2(normalize(phrase), salt, iterations)),
                iterations);
    }

    /** Whether {@code phrase} is the one {@code hash} was made from (constant time). */
    public static boolean matches(String phrase, String salt, String hash, int iterations) {
        if (phrase == null) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(hash);
        byte[] actual = pbkdf2(normalize(phrase), Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Lower case, single spaces, no surrounding space. */
    static String normalize(String phrase) {
        return phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static byte[] pbkdf2(String phrase, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(phrase.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
