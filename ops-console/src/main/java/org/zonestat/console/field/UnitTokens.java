package org.zonestat.console.field;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The handhelds' tokens: each names one unit, and opens only that unit's {@code /field} view (never
 * the console's other routes, which take {@code AccessTokens}). A properties file with one {@code
 * token=deviceId} line per handheld.
 *
 * <p>Lookups compare the presented token with every known one in constant time. Immutable and
 * thread-safe.
 */
public final class UnitTokens {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,256}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** No handhelds. */
    public static final UnitTokens NONE = new UnitTokens(Map.of());

    private final Map<String, String> units;

    private UnitTokens(Map<String, String> units) {
        this.units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }

    /** Tokens given in code (tests): token → device id. */
    public static UnitTokens of(Map<String, String> tokens) {
        tokens.forEach(UnitTokens::check);
        return new UnitTokens(tokens);
    }

    /** Reads a {@code token=deviceId} file; fails naming the file and what is wrong. */
    public static UnitTokens load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read unit tokens from " + file, e);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String token : new TreeSet<>(props.stringPropertyNames())) {
            try {
                check(token, props.getProperty(token).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            tokens.put(token, props.getProperty(token).strip());
        }
        return new UnitTokens(tokens);
    }

    /**
     * Reads the file, first creating it with one random token per unit when it does not exist
     * (readable by its owner only where the file system allows). For the demo, which prints a link.
     */
    public static UnitTokens loadOrCreateDemo(Path file, List<String> deviceIds) {
        if (!Files.exists(file)) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                SecureRandom random = new SecureRandom();
                StringBuilder text = new StringBuilder("# ZoneStat handheld tokens: token=unit\n");
                for (String id : deviceIds) {
                    byte[] bytes = new byte[24];
                    random.nextBytes(bytes);
                    text.append(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                            .append('=')
                            .append(id)
                            .append('\n');
                }
                try {
                    Files.createFile(
                            file,
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                try (Writer out =
                        Files.newBufferedWriter(
                                file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                    out.write(text.toString());
                }
            } catch (FileAlreadyExistsException e) {
                // Another process created it first: use theirs.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create unit token file " + file, e);
            }
        }
        return load(file);
    }

    private static void check(String token, String deviceId) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    "a unit token must be 16 to 256 URL-safe characters (A-Z a-z 0-9 . _ ~ -)");
        }
        if (deviceId == null || !DEVICE.matcher(deviceId).matches()) {
            throw new IllegalArgumentException(
                    "a unit token's device id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
    }

    /** The unit the token names, or empty if it is missing or unknown. */
    public Optional<String> unitOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> e : units.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                match = e.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The token of a unit, e.g. to print a demo link. */
    public Optional<String> tokenFor(String deviceId) {
        return units.entrySet().stream()
                .filter(e -> e.getValue().equals(deviceId))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    public int size() {
        return units.size();
    }

    @Override
    public String toString() {
        return "UnitTokens[" + units.size() + " handhelds]";
    }
}
