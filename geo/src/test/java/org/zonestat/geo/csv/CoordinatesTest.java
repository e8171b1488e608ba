package org.zonestat.geo.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatesTest {
    @ParameterizedTest(name = "lon ''{0}'' lat ''{1}'' is {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "-76.61|39.29|null",
                " -76.61 |39.29|null",
                "-7.661e1|39.29|null",
                "''|39.29|missing",
                "NA|NA|missing",
                "-76.61|''|missing",
                "abc|39.29|not_a_number",
                "NaN|39.29|not_a_number",
                "Infinity|39.29|not_a_number",
                "-76.61d|39.29|not_a_number",
                "0x1p3|39.29|not_a_number",
                "-181|39.29|out_of_range",
                "-76.61|90.5|out_of_range"
            })
    void rowsAreUsableOrCarryTheReason(String lon, String lat, String reason) {
        Coordinates.Parsed p = Coordinates.parse(List.of(lon, lat), 0, 1);
        assertThat(p.reason()).isEqualTo(reason);
        if (reason == null) {
            assertThat(p.lon()).isEqualTo(-76.61);
            assertThat(p.lat()).isEqualTo(39.29);
        }
    }

    @ParameterizedTest(name = "a row too short for the coordinate columns is missing them")
    @CsvSource("x")
    void shortRowIsMissingCoordinates(String only) {
        assertThat(Coordinates.parse(List.of(only), 3, 4).reason()).isEqualTo(Coordinates.MISSING);
    }
}
