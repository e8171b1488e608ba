package org.zonestat.geo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonestat.geo.csv.CsvReader;

/**
 * The {@code tag} command end to end, on files in a temporary folder, through {@link
 * TagCommand#run}.
 */
class TagCommandTest {
    /** Two zones: "West" [0,1]x[0,1] and "East" [1,2]x[0,1], sharing the edge x=1. */
    static final String ZONES =
            """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "properties": {"label": "West", "code": "W"},
              "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
             {"type": "Feature", "properties": {"label": "East", "code": "E"},
              "geometry": {"type": "MultiPolygon", "coordinates": [[[[1,0],[2,0],[2,1],[1,1],[1,0]]]]}}]}""";

    @TempDir Path dir;

    private Path zones;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(stderrBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void writeZones() throws IOException {
        zones = dir.resolve("wards.geojson");
        Files.writeString(zones, ZONES);
    }

    @Test
    void everyRowIsKeptWithItsZoneOrTheReasonItHasNone() throws IOException {
        Path input =
                write(
                        "events.csv",
                        "\uFEFFid,note,lat,lon\r\n"
                                + "1,\"in the west, with a comma\",0.5,0.5\r\n"
                                + "2,\"on the shared edge\",0.5,1\r\n"
                                + "3,\"two\nlines and \"\"quotes\"\"\",0.5,1.5\r\n"
                                + "4,outside,5,5\r\n"
                                + "5,blank,,\r\n"
                                + "6,R missing,NA,NA\r\n"
                                + "7,words,north,east\r\n"
                                + "8,impossible,95,0.5\r\n"
                                + "9,short row\r\n");
        Path output = dir.resolve("tagged.csv");

        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--name-property",
                        "label",
                        "--input",
                        input.toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon",
                        "--output",
                        output.toString());

        assertThat(status).as(stderr()).isEqualTo(TagCommand.OK);
        List<List<String>> rows = read(Files.readString(output));
        assertThat(rows.get(0)).containsExactly("id", "note", "lat", "lon", "zone", "zone_reason");
        assertThat(rows.subList(1, rows.size()))
                .extracting(r -> r.get(0) + "|" + r.get(4) + "|" + r.get(5))
                .containsExactly(
                        "1|West|",
                        "2|West|",
                        "3|East|",
                        "4||no_zone",
                        "5||missing",
                        "6||missing",
                        "7||not_a_number",
                        "8||out_of_range",
                        "9||missing");
        assertThat(rows.get(3).get(1)).isEqualTo("two\nlines and \"quotes\"");
        assertThat(rows.get(9)).as("short rows are padded to the header").hasSize(6);
        assertThat(stderr())
                .contains(
                        "rows 9, tagged 3, no zone 1, bad coordinates 5",
                        "missing 3, not a number 1, out of range 1");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void withoutOutputTheTaggedCsvGoesToStandardOutput() throws IOException {
        Path input = write("events.csv", "Latitude,Longitude\n0.5,1.5\n");
        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--name-property=code",
                        "--input=" + input,
                        "--lat",
                        "Latitude",
                        "--lon",
                        "Longitude",
                        "--zone-column",
                        "ward",
                        "--index",
                        "strtree");
        assertThat(status).as(stderr()).isEqualTo(TagCommand.OK);
        assertThat(read(stdout.toString(StandardCharsets.UTF_8)))
                .containsExactly(
                        List.of("Latitude", "Longitude", "ward", "zone_reason"),
                        List.of("0.5", "1.5", "E", ""));
        assertThat(stderr()).contains("rows 1, tagged 1");
    }

    @Test
    void missingRequiredOptionPrintsUsageAndExitsWithTwo() {
        int status = run("--zones", zones.toString(), "--lat", "lat", "--lon", "lon");
        assertThat(status).isEqualTo(TagCommand.USAGE);
        assertThat(stderr())
                .contains("Missing required option: '--input=FILE.csv'", "Usage: zonestat tag");
    }

    @Test
    void unknownOptionPrintsUsageAndExitsWithTwo() {
        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--input",
                        "x.csv",
                        "--lat",
                        "a",
                        "--lon",
                        "b",
                        "--colour",
                        "red");
        assertThat(status).isEqualTo(TagCommand.USAGE);
        assertThat(stderr()).contains("Unknown option", "'--colour'", "Usage:");
    }

    @Test
    void optionWithoutValuePrintsUsageAndExitsWithTwo() {
        assertThat(run("--zones")).isEqualTo(TagCommand.USAGE);
        assertThat(stderr()).contains("Missing required parameter for option '--zones'");
    }

    @Test
    void anEmptyValueABadIndexOrOneNameForBothColumnsExitsWithTwoNamingTheFlag() {
        String zonesFile = zones.toString();
        assertThat(run("--zones", zonesFile, "--input", "x.csv", "--lat", " ", "--lon", "b"))
                .isEqualTo(TagCommand.USAGE);
        assertThat(stderr()).contains("Invalid value for option '--lat': it is empty");
        assertThat(
                        run(
                                "--zones",
                                zonesFile,
                                "--input",
                                "x.csv",
                                "--lat",
                                "a",
                                "--lon",
                                "b",
                                "--index",
                                "quadtree"))
                .isEqualTo(TagCommand.USAGE);
        assertThat(stderr()).contains("Invalid value for option '--index'", "'quadtree'");
        assertThat(
                        run(
                                "--zones",
                                zonesFile,
                                "--input",
                                "x.csv",
                                "--lat",
                                "a",
                                "--lon",
                                "b",
                                "--zone-column",
                                "z",
                                "--reason-column",
                                "z"))
                .isEqualTo(TagCommand.USAGE);
        assertThat(stderr()).contains("--zone-column and --reason-column must differ");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("--help")).isEqualTo(TagCommand.OK);
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("Usage: zonestat tag", "--zones=FILE.geojson", "Default: zone_reason");
    }

    @Test
    void missingZonesFileFailsWithOneNamingTheFile() throws IOException {
        Path input = write("events.csv", "lat,lon\n");
        int status =
                run(
                        "--zones",
                        dir.resolve("none.geojson").toString(),
                        "--input",
                        input.toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon");
        assertThat(status).isEqualTo(TagCommand.FAILED);
        assertThat(stderr()).contains("none.geojson", "no such file");
    }

    @Test
    void namePropertyThatNoZoneHasFailsListingTheProperties() throws IOException {
        Path input = write("events.csv", "lat,lon\n");
        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--input",
                        input.toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon");
        assertThat(status).isEqualTo(TagCommand.FAILED);
        assertThat(stderr())
                .contains("no zone has the property 'name'", "label", "--name-property");
    }

    @Test
    void missingCoordinateColumnFailsNamingTheColumnAndTheFile() throws IOException {
        Path input = write("events.csv", "lat,lng\n0.5,0.5\n");
        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--name-property",
                        "label",
                        "--input",
                        input.toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon");
        assertThat(status).isEqualTo(TagCommand.FAILED);
        assertThat(stderr()).contains("events.csv", "no column 'lon'");
    }

    @Test
    void inputThatIsNotUtf8FailsNamingTheFileAndTheRecord() throws IOException {
        Path input = dir.resolve("latin1.csv");
        Files.write(
                input, "lat,lon,note\n0.5,0.5,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        int status = tagByLabel(input, "--output", dir.resolve("out.csv").toString());
        assertThat(status).isEqualTo(TagCommand.FAILED);
        assertThat(stderr()).contains("latin1.csv", "record 2 (line 2): not UTF-8 text");
    }

    @Test
    void timingsAddOneLineWithEachPhase() throws IOException {
        Path input = write("events.csv", "lat,lon\n0.5,0.5\n");
        int status = tagByLabel(input, "--timings");
        assertThat(status).as(stderr()).isEqualTo(TagCommand.OK);
        assertThat(stderr())
                .containsPattern(
                        "timings \\(ms since the JVM started\\): main entered \\d+, zones read"
                                + " \\d+, index built \\d+, .*output written \\d+, done \\d+");
    }

    @Test
    void missingInputFileFailsWithOneNamingTheFile() {
        int status =
                run(
                        "--zones",
                        zones.toString(),
                        "--name-property",
                        "label",
                        "--input",
                        dir.resolve("absent.csv").toString(),
                        "--lat",
                        "lat",
                        "--lon",
                        "lon");
        assertThat(status).isEqualTo(TagCommand.FAILED);
        assertThat(stderr()).contains("absent.csv");
    }

    /** Tags {@code input}'s lat and lon columns with the zones' labels, plus {@code more} flags. */
    private int tagByLabel(Path input, String... more) {
        List<String> args =
                new ArrayList<>(List.of("--zones", zones.toString(), "--name-property", "label"));
        args.addAll(List.of("--input", input.toString(), "--lat", "lat", "--lon", "lon"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        return TagCommand.run(args, stdout, stderr);
    }

    private String stderr() {
        return stderrBytes.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    static List<List<String>> read(String csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        }
        return out;
    }
}
