package org.zonestat.console.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zonestat.city.CityProfiles;
import org.zonestat.geo.ZoneCatalog;

/** The checks of a zone-layer upload ({@link ZoneUpload}), before anything is published. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ZoneUploadTest {
    private static final String SQUARE =
            "{\"type\":\"Polygon\",\"coordinates\":[[[-76.62,39.29],[-76.61,39.29],"
                    + "[-76.61,39.30],[-76.62,39.30],[-76.62,39.29]]]}";
    private static ZoneCatalog catalog;

    @BeforeAll
    static void loadCatalog() {
        catalog = ZoneCatalog.load(CityProfiles.shipped("baltimore").layers());
    }

    private static byte[] layer(String property, String name) {
        return ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{\""
                        + property
                        + "\":\""
                        + name
                        + "\"},\"geometry\":"
                        + SQUARE
                        + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_new_layer_gets_name_as_its_name_property_and_its_id_as_its_title() {
        ZoneUpload u = ZoneUpload.read("focus-zones", null, null, layer("name", "Z1"), catalog);

        assertThat(u.title()).isEqualTo("focus-zones");
        assertThat(u.nameProperty()).isEqualTo("name");
        assertThat(u.zones()).isEqualTo(1);
        assertThat(u.featureCollection().path("features").size()).isEqualTo(1);
    }

    @Test
    void a_replaced_layer_keeps_its_current_title_and_name_property() {
        ZoneUpload u = ZoneUpload.read("vri-zones", null, " ", layer("Name", "Western"), catalog);

        assertThat(u.nameProperty()).isEqualTo("Name");
        assertThat(u.title()).isEqualTo(catalog.layer("vri-zones").orElseThrow().title());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Bad_Id | | | path parameter 'layerId' must be lower-case letters",
                "ok | | na me | query parameter 'nameProperty' must be a property name",
                "ok | | other | the body: no feature has the name property 'other'",
            })
    void a_bad_id_name_property_or_unnamed_layer_is_a_400(
            String id, String title, String nameProperty, String message) {
        assertThatThrownBy(
                        () -> ZoneUpload.read(id, title, nameProperty, layer("name", "Z"), catalog))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{nope | the body is not JSON",
                "[] | the body",
                "{\"type\":\"Point\",\"coordinates\":[-76.6,39.3]} | the body",
            })
    void a_body_that_is_not_json_or_not_a_feature_collection_is_a_400(String body, String message) {
        assertThatThrownBy(
                        () ->
                                ZoneUpload.read(
                                        "ok",
                                        null,
                                        null,
                                        body.getBytes(StandardCharsets.UTF_8),
                                        catalog))
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_title_longer_than_200_characters_is_a_400() {
        assertThatThrownBy(
                        () ->
                                ZoneUpload.read(
                                        "ok", "t".repeat(201), null, layer("name", "Z"), catalog))
                .hasMessage("query parameter 'title' must be at most 200 characters");
    }
}
