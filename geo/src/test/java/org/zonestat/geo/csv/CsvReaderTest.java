package org.zonestat.geo.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static final long SEED = Long.getLong("zonestat.seed", 4180L);

    @Test
    void quotedFieldsMayHoldCommasLineBreaksAndDoubledQuotes() throws IOException {
        List<List<String>> records =
                readAll("a,\"b, c\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,,\"\"\r\n");
        assertThat(records)
                .containsExactly(
                        List.of("a", "b, c", "say \"hi\"", "two\r\nlines"), List.of("x", "", ""));
    }

    @Test
    void byteOrderMarkAtTheStartIsSkipped() throws IOException {
        assertThat(readAll("\uFEFFLongitude,Latitude\n-76.6,39.3"))
                .containsExactly(List.of("Longitude", "Latitude"), List.of("-76.6", "39.3"));
    }

    @Test
    void lfCrlfAndCrAllEndRecordsAndAMissingFinalNewlineIsFine() throws IOException {
        assertThat(readAll("a\nb\r\nc\rd"))
                .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void emptyLineIsARecordWithOneEmptyField() throws IOException {
        assertThat(readAll("a,b\n\nc,d\n"))
                .containsExactly(List.of("a", "b"), List.of(""), List.of("c", "d"));
    }

    @Test
    void unclosedQuoteFailsNamingTheRecord() {
        assertThatThrownBy(() -> readAll("a\n\"b,c\nd\n"))
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessageContaining("record 2");
    }

    @Test
    void recordLineIsThePhysicalLineOnWhichTheRecordStarts() throws IOException {
        List<Long> lines = new ArrayList<>();
        try (CsvReader reader =
                new CsvReader(
                        new StringReader("h\r\n\"two\nlines\"\n\"three\r\nmore\nlines\"\rx\n"))) {
            while (reader.next() != null) {
                lines.add(reader.recordLine());
            }
        }
        assertThat(lines).containsExactly(1L, 2L, 4L, 7L);
    }

    @Test
    void anErrorNamesTheRecordAndThePhysicalLineItStartsOn() {
        assertThatThrownBy(() -> readAll("a\n\"b\nc\",d\n\"open\n"))
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessage("record 3 (line 4): quoted field not closed before end of input");
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorAndSpacesThereAreDropped() throws IOException {
        assertThat(readAll("\"a\"  ,b\n")).containsExactly(List.of("a", "b"));
        assertThatThrownBy(() -> readAll("x\n\"multi\nline\",\"quoted\"tail\n"))
                .isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessageStartingWith("record 2 (line 2): ")
                .hasMessageContaining("'t'")
                .hasMessageEndingWith("(at line 3)");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() throws IOException {
        assertThat(readAll("5'11\",x\"y\n")).containsExactly(List.of("5'11\"", "x\"y"));
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String alphabet = "ab ,\"\r\n\u00e9x1";
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < 500; r++) {
            List<String> record = new ArrayList<>();
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(8);
                for (int k = 0; k < length; k++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                record.add(s.toString());
            }
            // A single empty field would be written as an empty line, which reads back the same.
            records.add(record);
        }
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (List<String> record : records) {
            writer.write(record);
        }
        assertThat(readAll(out.toString())).as("seed %d", SEED).isEqualTo(records);
    }

    @Test
    void writerQuotesOnlyWhenNeeded() throws IOException {
        StringWriter out = new StringWriter();
        new CsvWriter(out).write(List.of("plain", "a,b", "say \"hi\"", "", " padded"));
        assertThat(out).hasToString("plain,\"a,b\",\"say \"\"hi\"\"\",,\" padded\"\r\n");
    }

    private static List<List<String>> readAll(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text))) {
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        }
        return out;
    }
}
