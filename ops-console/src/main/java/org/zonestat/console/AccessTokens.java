package org.zonestat.console;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The access tokens the console accepts, each mapped to a {@link Role}. Read from a properties file
 * with one {@code token=role} line per token.
 *
 * <p>Lookups compare the presented token against every known token in constant time, so response
 * timing does not reveal how much of a token was right.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessTokens {
    /** Tokens are URL-safe so they can travel in {@code ?token=} for the WebSocket. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{8,256}");

    private static final int DEMO_TOKEN_BYTES = 24;

    private final Map<String, Role> roles;

    private AccessTokens(Map<String, Role> roles) {
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /** Tokens given in code (tests, embedding applications); each token must be URL-safe. */
    public static AccessTokens of(Map<String, Role> tokens) {
        tokens.forEach((token, role) -> requireWellFormed(token, "token"));
        tokens.values()
                .forEach(
                        role -> {
                            if (role == null) {
                                throw new IllegalArgumentException("a token has no role");
                            }
                        });
        return new AccessTokens(byRole(tokens));
    }

    private static Map<String, Role> byRole(Map<String, Role> tokens) {
        Map<String, Role> sorted = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            tokens.forEach(
                    (token, r) -> {
                        if (r == role) {
                            sorted.put(token, r);
                        }
                    });
        }
        return sorted;
    }

    /** Loads a {@code token=role} properties file; fails with the file name and the bad line. */
    public static AccessTokens load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read access tokens from " + file, e);
        }
        Map<String, Role> tokens = new LinkedHashMap<>();
        for (String token : new java.util.TreeSet<>(props.stringPropertyNames())) {
            requireWellFormed(token, file.toString());
            try {
                tokens.put(token, Role.parse(props.getProperty(token)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": no access tokens (expected token=role lines)");
        }
        return new AccessTokens(byRole(tokens));
    }

    /**
     * Loads the token file, first creating it with one random token per role if it does not exist
     * (readable by the owner only where the file system supports it). Meant for the demo, which
     * prints the tokens so the page can be opened.
     */
    public static AccessTokens loadOrCreateDemo(Path file) {
        if (!Files.exists(file)) {
            try {
                createDemoFile(file);
            } catch (FileAlreadyExistsException e) {
                // Another process created it first: use theirs.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create access token file " + file, e);
            }
        }
        return load(file);
    }

    private static void createDemoFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        text.append("# ZoneStat ops console access tokens: token=role")
                .append(" (roles: public, dispatcher, analyst, admin)\n");
        for (Role role : Role.values()) {
            text.append(randomToken(random)).append('=').append(role.id()).append('\n');
        }
        try {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file gets the default permissions.
            Files.createFile(file);
        }
        try (Writer out =
                Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            out.write(text.toString());
        }
    }

    static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[DEMO_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireWellFormed(String token, String where) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    where + ": a token must be 8 to 256 URL-safe characters (A-Z a-z 0-9 . _ ~ -)");
        }
    }

    /** The role of the presented token, or empty if the token is missing or unknown. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Role match = null;
        for (Map.Entry<String, Role> e : roles.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                match = e.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The first token with the given role, e.g. to print a demo link. */
    public Optional<String> tokenFor(Role role) {
        return roles.entrySet().stream()
                .filter(e -> e.getValue() == role)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** All tokens and their roles, ordered by role (public first, admin last). */
    public Map<String, Role> asMap() {
        return roles;
    }

    public int size() {
        return roles.size();
    }

    @Override
    public String toString() {
        // Never print the tokens themselves.
        return "AccessTokens[" + roles.size() + " tokens]";
    }
}
