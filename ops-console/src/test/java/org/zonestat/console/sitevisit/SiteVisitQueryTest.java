package org.zonestat.console.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;

/** The query parameters of {@code /api/site-visits} ({@link SiteVisitQuery}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteVisitQueryTest {
    private static ZoneCatalog catalog;

    @BeforeAll
    static void loadCatalog() {
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
    }

    private static SiteVisitQuery parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return SiteVisitQuery.parse(params::get, catalog);
    }

    @Test
    void days_default_to_28_and_the_format_to_json() {
        SiteVisitQuery q = parse("layer", "vri-zones", "asOf", " 2018-07-07 ");

        assertThat(q.layer().id()).isEqualTo("vri-zones");
        assertThat(q.asOf()).isEqualTo(LocalDate.of(2018, 7, 7));
        assertThat(q.days()).isEqualTo(28);
        assertThat(q.format()).isEqualTo("json");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "asOf, 07/07/2018, query parameter 'asOf' must be a date like 2018-07-07",
        "days, 0, query parameter 'days' must be a whole number from 1 to 365",
        "days, 366, query parameter 'days' must be a whole number from 1 to 365",
        "days, four, query parameter 'days' must be a whole number from 1 to 365",
        "format, pdf, query parameter 'format' must be one of [json, csv, geojson]",
    })
    void a_bad_parameter_is_a_400_naming_it(String name, String value, String message) {
        Map<String, String> params =
                new HashMap<>(Map.of("layer", "vri-zones", "asOf", "2018-07-07"));
        params.put(name, value);

        assertThatThrownBy(() -> SiteVisitQuery.parse(params::get, catalog))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void the_layer_and_the_date_are_required_and_an_unknown_layer_is_a_404() {
        assertThatThrownBy(() -> parse("asOf", "2018-07-07"))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith("query parameter 'layer' is required");
        assertThatThrownBy(() -> parse("layer", "vri-zones"))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith("query parameter 'asOf' is required");
        assertThatThrownBy(() -> parse("layer", "atlantis", "asOf", "2018-07-07"))
                .isInstanceOf(NotFoundResponse.class)
                .hasMessageContaining("unknown layer 'atlantis'");
    }
}
