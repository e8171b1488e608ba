package org.zonestat.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.ZoneLayerUpdate;

/** Layers from the zones topic are held to the limits that keep tagged events small. */
class ZoneLayersTest {
    private static final ZoneLayers VRI =
            ZoneLayers.initial(
                    List.of(CityProfiles.shipped("baltimore").layer("vri-zones").orElseThrow()));

    @Test
    void aLayerWithinTheLimitsTagsAndOneBeyondThemIsRefusedNamingTheLimit() {
        ZoneLayers withBox = VRI.apply(update("box", "Box"));
        assertThat(withBox.tag(-76.61, 39.29)).containsEntry("box", "Box");

        assertThatThrownBy(() -> VRI.apply(update("b".repeat(65), "Box")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a layer id must be 1 to 64 characters");
        assertThatThrownBy(() -> VRI.apply(update("box", "N".repeat(201))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must be at most 200 characters")
                .hasMessageContaining("(201 characters)");
        // A feed's escape of half a surrogate pair, decoded by the GeoJSON reader.
        assertThatThrownBy(() -> VRI.apply(withNameJson("box", "\"Box \\ud800\"")))
                .hasMessageContaining("well-formed Unicode");
    }

    @Test
    void noMoreThanTheMostLayersButALayerMayStillBeReplaced() {
        ZoneLayers layers = VRI;
        for (int i = layers.layerIds().size(); i < ZoneLayers.MAX_LAYERS; i++) {
            layers = layers.apply(update("l" + i, "Box"));
        }
        ZoneLayers full = layers;
        assertThat(full.layerIds()).hasSize(ZoneLayers.MAX_LAYERS);
        assertThatThrownBy(() -> full.apply(update("one-more", "Box")))
                .hasMessageContaining("there are already 64 layers");
        assertThat(full.apply(update("l1", "Renamed")).tag(-76.61, 39.29))
                .containsEntry("l1", "Renamed");
    }

    private static ZoneLayerUpdate update(String layerId, String zoneName) {
        return withNameJson(layerId, TextNode.valueOf(zoneName).toString());
    }

    /** A one-zone layer whose zone name is the given JSON text. */
    private static ZoneLayerUpdate withNameJson(String layerId, String nameJson) {
        String geojson =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{\"name\":"
                        + nameJson
                        + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-76.62,39.28],[-76.60,39.28],[-76.60,39.30],[-76.62,39.30],[-76.62,39.28]]]}}]}";
        return new ZoneLayerUpdate(
                layerId, layerId, "name", 2, geojson, new RawRecord("zones", 0, 0, 0, geojson));
    }
}
