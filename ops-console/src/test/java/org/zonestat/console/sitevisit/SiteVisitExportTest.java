package org.zonestat.console.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The CSV file of a site-visit plan ({@link SiteVisitExport#csv}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteVisitExportTest {

    @Test
    void the_csv_has_a_header_one_rfc_4180_line_per_rank_and_whole_scores_without_decimals() {
        LocalDate asOf = LocalDate.of(2018, 7, 7);
        SiteVisitPlan plan =
                new SiteVisitPlan(
                        "vri-zones",
                        asOf,
                        28,
                        SiteVisitPlan.until(asOf, ZoneId.of("America/New_York"))
                                .minusSeconds(28 * 86_400),
                        SiteVisitPlan.until(asOf, ZoneId.of("America/New_York")),
                        List.of(
                                new SiteVisitPlan.Row(
                                        1, "Western", 4, 15.5, 1, 1, 0, 1, 0, "1 shooting"),
                                new SiteVisitPlan.Row(
                                        2,
                                        "East, \"Old\" Town",
                                        0,
                                        10,
                                        0,
                                        2,
                                        0,
                                        0,
                                        0,
                                        "2 \"shootings\"")));

        assertThat(SiteVisitExport.csv(plan))
                .isEqualTo(
                        "rank,layer,zone,score,homicides,shootings,otherViolent,openRequests,overdueRequests,explanation\r\n"
                                + "1,vri-zones,Western,15.5,1,1,0,1,0,\"1 shooting\"\r\n"
                                + "2,vri-zones,\"East, \"\"Old\"\" Town\",10,0,2,0,0,0,\"2 \"\"shootings\"\"\"\r\n");
    }
}
