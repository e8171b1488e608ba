package org.zonestat.console.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.zonestat.city.CityProfiles;
import org.zonestat.jobs.analytics.AnalyticsConfig;
import org.zonestat.jobs.analytics.ServiceLevels;

/** Baltimore's Open311 service list, as its city profile names it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceListTest {
    private final ServiceList services = ServiceList.forCity(CityProfiles.shipped("baltimore"));

    @Test
    void every_baltimore_request_type_is_a_service_with_a_unique_code() {
        assertThat(services.all()).hasSize(320);
        assertThat(services.all()).extracting(ServiceList.Service::code).doesNotHaveDuplicates();
        assertThat(services.byName("HCD-Vacant Building").orElseThrow().code())
                .isEqualTo("HCD-VACANT-BUILDING");
        assertThat(services.byCode("SW-DIRTY-ALLEY").orElseThrow().group())
                .isEqualTo("solid-waste");
    }

    @Test
    void the_service_levels_are_the_jobs_so_expected_and_due_times_agree() {
        ServiceLevels job =
                AnalyticsConfig.forCity(CityProfiles.shipped("baltimore")).serviceLevels();
        for (ServiceList.Service s : services.all()) {
            assertThat(s.serviceLevel()).as(s.name()).isEqualTo(job.forType(s.name()));
        }
        assertThat(services.serviceLevel("not a type")).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void only_services_with_a_definition_ask_for_metadata() {
        assertThat(services.all().stream().filter(ServiceList.Service::metadata))
                .extracting(ServiceList.Service::code)
                .containsExactlyInAnyOrder(
                        "HCD-VACANT-BUILDING", "HCD-ABANDONED-VEHICLE", "HCD-ILLEGAL-DUMPING");
    }
}
