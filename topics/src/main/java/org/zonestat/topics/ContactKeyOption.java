package org.zonestat.topics;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --contact-key}: the file holding the city's key for outreach contact tokens ({@link
 * ContactTokens}), the same flag with the same default in the console (its activity form) and in a
 * backfill of an outreach log. Created with a random key, readable by its owner only, the first
 * time it is needed. A picocli mixin ({@code @Mixin ContactKeyOption contactKey;}).
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class ContactKeyOption {
    /** Beside the demo's other secrets. */
    public static final String DEFAULT = "var/contact.key";

    @Option(
            names = "--contact-key",
            paramLabel = "FILE",
            description =
                    "The key outreach contacts are hashed with into weekly tokens (created with a"
                            + " random key if missing; keep it secret, share it between the console"
                            + " and backfills).")
    private Path file = Path.of(DEFAULT);

    /** The key file. */
    public Path file() {
        return file;
    }

    /** The tokens of the key in the file, creating it if it does not exist. */
    public ContactTokens tokens() {
        return ContactTokens.loadOrCreate(file);
    }
}
