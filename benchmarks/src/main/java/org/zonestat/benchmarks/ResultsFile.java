package org.zonestat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark's markdown results file and prints it. Stateless; thread-safe. */
final class ResultsFile {
    private ResultsFile() {}

    /**
     * Writes {@code md} to {@code output} in UTF-8, creating its folder, then prints {@code md} and
     * where it was written to standard output.
     */
    static void write(Path output, String md) throws IOException {
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Wrote " + output.toAbsolutePath());
    }
}
