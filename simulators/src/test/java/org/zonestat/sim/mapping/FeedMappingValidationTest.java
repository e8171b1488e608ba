package org.zonestat.sim.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A mapping file fails fast, naming the key, instead of loading wrong records. */
class FeedMappingValidationTest {
    private static final String MINIMAL =
            "feed=incidents\nsource=s\nid.column=id\ntime.column=t\n"
                    + "kind.constant=SHOOTING\nlat.column=lat\nlon.column=lon\n";

    @Test
    void aMinimalMappingIsValid() {
        FeedMapping m = mapping(MINIMAL);
        assertThat(m.topic()).isEqualTo("incidents.raw");
        assertThat(m.columns()).containsExactly("id", "t", "lat", "lon");
    }

    @Test
    void aMisspeltKeyIsAnError() {
        assertThatThrownBy(() -> mapping(MINIMAL + "adress.column=a\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown keys [adress.column]");
    }

    @Test
    void aMissingTimeIsAnError() {
        assertThatThrownBy(() -> mapping("feed=incidents\nsource=s\nkind.constant=SHOOTING\n"))
                .hasMessageContaining("'time.column'");
    }

    @Test
    void aKindOutsideTheContractIsAnError() {
        assertThatThrownBy(
                        () ->
                                mapping(
                                        MINIMAL.replace(
                                                "kind.constant=SHOOTING",
                                                "kind.constant=JAYWALKING")))
                .hasMessageContaining("kind 'JAYWALKING' is not one of");
    }

    @Test
    void copyingAPersonColumnIsRefused() {
        assertThatThrownBy(() -> mapping(MINIMAL + "field.victimAge=Age\n"))
                .hasMessageContaining("column 'Age' describes a person");
        assertThatThrownBy(
                        () ->
                                mapping(
                                        "feed=tips\nsource=s\ntime.column=t\ncategory.column=c\n"
                                                + "field.caller=Caller Name\n"))
                .hasMessageContaining("describes a person");
    }

    @Test
    void aFieldMayNotOverwriteAContractField() {
        assertThatThrownBy(() -> mapping(MINIMAL + "field.occurredAt=x\n"))
                .hasMessageContaining("contract field");
    }

    @Test
    void aBadTimePatternIsAnError() {
        assertThatThrownBy(() -> mapping(MINIMAL + "time.formats=yyyy-MM-dd{{\n"))
                .hasMessageContaining("not a java.time pattern");
    }

    @Test
    void aFileWithoutAMappedColumnIsRejectedBeforeAnyRow() {
        FeedMapping m = mapping(MINIMAL);
        var in =
                new ByteArrayInputStream(
                        "id,t,lat\n1,2020-01-01T00:00:00Z,39.3\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> m.adapter().readAll(in, "x.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.csv")
                .hasMessageContaining("[lon]");
    }

    @Test
    void anUnknownShippedNameListsTheShippedOnes() {
        assertThatThrownBy(() -> FeedMapping.resolve("chicago"))
                .hasMessageContaining("baltimore-part1-legacy");
        assertThatThrownBy(() -> FeedMapping.resolve("no/such/file.properties"))
                .hasMessageContaining("does not exist");
    }

    private static FeedMapping mapping(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return FeedMapping.fromProperties("test", p);
    }
}
