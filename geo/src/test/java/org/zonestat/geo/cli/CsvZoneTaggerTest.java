package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.zonestat.geo.BruteForceZoneLocator;
import org.zonestat.geo.GeoJsonZoneLayerReader;
import org.zonestat.geo.ZoneLocator;
import org.zonestat.geo.csv.Coordinates;
import org.zonestat.geo.csv.CsvReader;
import org.zonestat.geo.csv.CsvWriter;

/**
 * The tagger's bytes against the rows as {@link CsvReader} reads them, tagged one by one and
 * written by {@link CsvWriter}: the same output, byte for byte, for every kind of row.
 */
class CsvZoneTaggerTest {
    private static final long SEED = Long.getLong("zonestat.seed", 20_261_205L);

    /** Coordinate fields of every kind: plain, padded, quoted, blank, NA, words, out of range. */
    private static final String[] COORDINATES = {
        "0.5",
        "1.5",
        "0.25",
        "-0.0",
        "1",
        " 0.75 ",
        "\"0.5\"",
        "\" 1.25\"",
        "",
        "NA",
        "north",
        "95",
        "-200",
        "1e-1",
        "0.33333333333333333333",
        "1.0000000000000002",
        "NaN",
        "Infinity",
        "0x1p-1",
        "+0.5",
        ".5",
        "5."
    };

    private static final String[] NOTES = {
        "plain",
        "with space ",
        " lead",
        "\"quoted, comma\"",
        "in\"side",
        "\"two\r\nlines\"",
        "é€",
        "",
        "\"\""
    };

    private final ZoneLocator zones =
            new BruteForceZoneLocator(
                    new GeoJsonZoneLayerReader(w -> {})
                            .read(
                                    "wards",
                                    "wards",
                                    new ByteArrayInputStream(
                                            TagCommandTest.ZONES.getBytes(StandardCharsets.UTF_8)),
                                    "label",
                                    "test"));

    @Test
    void everyKindOfRowIsWrittenAsCsvWriterWritesTheTaggedRow() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 50; round++) {
            StringBuilder csv = new StringBuilder(round % 2 == 0 ? "\uFEFF" : "");
            csv.append("id,note,lat,lon\r\n");
            for (int r = random.nextInt(1, 400); r > 0; r--) {
                csv.append(r).append(',').append(NOTES[random.nextInt(NOTES.length)]);
                int kind = random.nextInt(10);
                if (kind > 0) {
                    csv.append(',').append(COORDINATES[random.nextInt(COORDINATES.length)]);
                }
                if (kind > 1) {
                    csv.append(',').append(COORDINATES[random.nextInt(COORDINATES.length)]);
                }
                if (kind == 9) {
                    csv.append(",extra");
                }
                csv.append(new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)]);
            }
            assertThat(tag(csv.toString()))
                    .as("round %d (seed %d): %s", round, SEED, csv)
                    .isEqualTo(reference(csv.toString()));
        }
    }

    @Test
    void inputThatIsNotCsvIsAnErrorNamingTheRecord() {
        assertThatThrownBy(() -> tag("lat,lon\n0.5,0.5\n\"0.5\"x,1\n"))
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessageStartingWith("record 3 (line 3): Unexpected character ('x'");
        assertThatThrownBy(() -> tag("lat,lon\n0.5,\"0.5\n"))
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessage("record 2 (line 2): quoted field not closed before end of input");
    }

    private String tag(String csv) throws IOException, ExecutionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvZoneTagger(zones, "lat", "lon", "zone", "zone_reason")
                .tag(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The tagging rules applied row by row to {@link CsvReader}'s rows. */
    private String reference(String csv) throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            List<String> header = new ArrayList<>(reader.next());
            int width = header.size();
            header.add("zone");
            header.add("zone_reason");
            writer.write(header);
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                Coordinates.Parsed p = Coordinates.parse(row, 3, 2);
                String zone = "";
                String reason = p.reason();
                if (reason == null) {
                    String name = zones.zoneName(p.lon(), p.lat());
                    zone = name == null ? "" : name;
                    reason = name == null ? CsvZoneTagger.NO_ZONE : "";
                }
                while (row.size() < width) {
                    row.add("");
                }
                row.add(zone);
                row.add(reason);
                writer.write(row);
            }
        }
        writer.flush();
        return out.toString();
    }
}
