package org.zonestat.city;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --city DIR|NAME}: the city a command serves, the same flag in the demo, the job, the
 * console and the tools. A folder holding a {@value CityProfiles#FILE_NAME}, or the name of a
 * shipped profile; by default the first city of the shipped list ({@link
 * CityProfiles#SHIPPED_INDEX}). The profile is loaded and checked while the command line is parsed,
 * so a bad one stops the command before it starts anything, with a message naming the file and the
 * problem. A picocli mixin.
 *
 * <p>Not thread-safe: set while the command line is parsed, read after.
 */
public final class CityOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private CityProfile profile;

    @Option(
            names = "--city",
            paramLabel = "DIR|NAME",
            description =
                    "The city profile: a shipped city's name or a folder holding a city.yaml"
                            + " (docs/cities.md). Default: the first shipped city.")
    void city(String value) {
        try {
            profile = CityProfiles.load(value);
        } catch (InvalidCityProfileException e) {
            throw new ParameterException(
                    command.commandLine(), "Invalid value for option '--city': " + e.getMessage());
        }
    }

    /** The loaded profile. */
    public CityProfile profile() {
        if (profile == null) {
            profile = defaultCity();
        }
        return profile;
    }

    /** The profile every command serves by default. */
    public static CityProfile defaultCity() {
        return CityProfiles.shipped(CityProfiles.shippedNames().get(0));
    }
}
