package org.zonestat.geo.csv;

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
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader and writer of the {@code tag} command against {@link CsvReader} and {@link
 * CsvWriter} (Jackson): the same records from the same input, the same errors, the same bytes out.
 */
class CsvBlockReaderTest {
    private static final long SEED = Long.getLong("zonestat.seed", 4180L);

    /** Pieces of fields: the characters CSV treats specially, spaces, multi-byte UTF-8. */
    private static final String[] PIECES = {
        "a", "b", "7", ".", "-", " ", ",", "\"", "\r", "\n", "\r\n", "\t", "é", "€", "😀", "NA",
        "39.25"
    };

    @Test
    void quotedFieldsCrlfCrEmptyLinesAndABomReadAsCsvReaderReadsThem() throws IOException {
        String csv =
                "\uFEFFid,\"note, quoted\",lat\r\n"
                        + "1,\"two\r\nlines, \"\"quoted\"\"\"  ,39.3\r\n"
                        + "\n"
                        + "2,in\"side,\r"
                        + "3,\"\",  \"x\"\n"
                        + "4, padded ,-76.6";
        assertThat(blocks(csv, 16)).isEqualTo(reference(csv));
        assertThat(blocks(csv, 1 << 20))
                .containsExactly(
                        List.of("id", "note, quoted", "lat"),
                        List.of("1", "two\r\nlines, \"quoted\"", "39.3"),
                        List.of(""),
                        List.of("2", "in\"side", ""),
                        List.of("3", "", "  \"x\""),
                        List.of("4", " padded ", "-76.6"));
    }

    @Test
    void randomCsvReadsAsCsvReaderReadsItWhateverTheBufferSize() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 400; round++) {
            String csv = randomCsv(random);
            List<List<String>> expected = reference(csv);
            for (int buffer : new int[] {16, 37, 4096}) {
                assertThat(blocks(csv, buffer))
                        .as("round %d, buffer %d, seed %d: %s", round, buffer, SEED, csv)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void rowsThatNeedNoQuotingAreTheirOwnCsvWriterForm() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 300; round++) {
            String csv = randomCsv(random);
            CsvBlockReader reader = new CsvBlockReader(bytes(csv), 64);
            CsvBlock block = new CsvBlock(64);
            while (reader.next(block, 0, 1)) {
                for (int r = 0; r < block.records(); r++) {
                    List<String> fields = block.fieldList(r);
                    assertThat(block.fields(r)).isEqualTo(fields.size());
                    assertThat(block.first(r)).isEqualTo(fields.get(0));
                    assertThat(block.second(r)).isEqualTo(fields.size() > 1 ? fields.get(1) : "");
                    if (block.plain(r)) {
                        String raw =
                                new String(
                                        block.data(),
                                        block.start(r),
                                        block.end(r) - block.start(r),
                                        StandardCharsets.UTF_8);
                        assertThat(raw + "\r\n")
                                .as("seed %d", SEED)
                                .isEqualTo(jackson(List.of(fields)));
                    }
                }
            }
        }
    }

    @Test
    void theByteWriterWritesWhatCsvWriterWrites() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<List<String>> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            List<String> record = new ArrayList<>();
            for (int f = random.nextInt(1, 5); f > 0; f--) {
                record.add(randomText(random));
            }
            records.add(record);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvByteWriter writer = new CsvByteWriter(bytes);
        for (List<String> r : records) {
            writer.record(r);
        }
        writer.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .as("seed %d", SEED)
                .isEqualTo(jackson(records));
    }

    @Test
    void errorsNameTheRecordAndLineAsCsvReadersDo() {
        for (String csv :
                List.of(
                        "a\n\"b\nc\",d\n\"open\n",
                        "x\n\"multi\nline\",\"quoted\"tail\n",
                        "x\r\ny,\"a\"€\r\n",
                        "a,b\r\n1,\"2\" \t x\r\n")) {
            String expected = failure(() -> reference(csv));
            for (int buffer : new int[] {16, 4096}) {
                assertThat(failure(() -> blocks(csv, buffer))).as(csv).isEqualTo(expected);
            }
        }
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheRecord() {
        byte[] csv = {'a', '\n', 'b', ',', (byte) 0xC3, '(', '\n'};
        assertThatThrownBy(
                        () -> {
                            CsvBlockReader reader =
                                    new CsvBlockReader(new ByteArrayInputStream(csv), 16);
                            while (reader.next(new CsvBlock(16), 0, 1)) {
                                // read on
                            }
                        })
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessage("record 2 (line 2): not UTF-8 text (a byte 0xC3 at line 2)");
    }

    @Test
    void plainDecimalsAreWhatParseDoubleMakesOfThem() {
        SplittableRandom random = new SplittableRandom(SEED);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            s.append(random.nextInt(4) == 0 ? " " : "");
            s.append(random.nextInt(3) == 0 ? "-" : random.nextInt(10) == 0 ? "+" : "");
            int digits = random.nextInt(0, 19);
            if (random.nextInt(4) == 0) {
                digits = 16;
            }
            int point = random.nextInt(-1, digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    s.append('.');
                }
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(20) == 0) {
                s.append(random.nextBoolean() ? "e5" : ".");
            }
            String text = s.toString();
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            double fast = Coordinates.plainDecimal(b, 0, b.length);
            if (!Double.isNaN(fast)) {
                answered++;
                assertThat(Double.doubleToRawLongBits(fast))
                        .as("'%s' (seed %d)", text, SEED)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text.trim())));
            }
        }
        assertThat(answered).isGreaterThan(100_000);
        byte[] real = "-76.61221990000001".getBytes(StandardCharsets.US_ASCII);
        assertThat(Coordinates.plainDecimal(real, 0, real.length)).isEqualTo(-76.61221990000001);
        byte[] long17 = "39.290000000000006".getBytes(StandardCharsets.US_ASCII);
        assertThat(Coordinates.plainDecimal(long17, 0, long17.length)).isNaN(); // as text
        byte[] above = "9007199254740993".getBytes(StandardCharsets.US_ASCII);
        assertThat(Coordinates.plainDecimal(above, 0, above.length)).isNaN(); // 2^53 + 1
        for (String notPlain : List.of("", " ", "NA", "1e5", "0x1p3", "NaN", "-", ".", "1.2.3")) {
            byte[] b = notPlain.getBytes(StandardCharsets.US_ASCII);
            assertThat(Coordinates.plainDecimal(b, 0, b.length)).as(notPlain).isNaN();
        }
    }

    private static String randomCsv(SplittableRandom random) {
        StringBuilder csv = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
        int records = random.nextInt(1, 12);
        for (int r = 0; r < records; r++) {
            int fields = random.nextInt(1, 5);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    csv.append(',');
                }
                String text = randomText(random);
                boolean mustQuote =
                        text.contains(",")
                                || text.contains("\r")
                                || text.contains("\n")
                                || text.startsWith("\"");
                if (mustQuote || random.nextInt(4) == 0) {
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                    csv.append(random.nextInt(5) == 0 ? "  " : "");
                } else {
                    csv.append(text);
                }
            }
            if (r < records - 1 || random.nextBoolean()) {
                csv.append(new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)]);
            }
        }
        return csv.toString();
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(0, 5); k > 0; k--) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static ByteArrayInputStream bytes(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<List<String>> blocks(String csv, int buffer) throws IOException {
        CsvBlockReader reader = new CsvBlockReader(bytes(csv), buffer);
        List<List<String>> out = new ArrayList<>();
        List<String> first = reader.next();
        if (first == null) {
            return out;
        }
        out.add(first);
        CsvBlock block = new CsvBlock(buffer);
        while (reader.next(block, 1, 0)) {
            for (int r = 0; r < block.records(); r++) {
                out.add(block.fieldList(r));
            }
        }
        return out;
    }

    private static List<List<String>> reference(String csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        }
        return out;
    }

    private static String jackson(List<List<String>> records) throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (List<String> r : records) {
            writer.write(r);
        }
        writer.flush();
        return out.toString();
    }

    private interface Read {
        void run() throws IOException;
    }

    private static String failure(Read read) {
        try {
            read.run();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return "no error";
    }
}
