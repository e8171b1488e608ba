package org.zonestat.console.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.zonestat.city.CityProfile;
import org.zonestat.city.InvalidCityProfileException;
import org.zonestat.city.Locations;

/**
 * A city's Open311 services: what a resident may ask for ({@code GET services}), the attributes
 * some of them need ({@code GET services/{code}}), and how long each may take (the {@code
 * expected_datetime} of a request without a due time of its own).
 *
 * <p>Read from a city's {@code services.csv} (columns {@code service_code, service_name,
 * description, group, keywords, service_level_days}), which its profile names ({@code services}),
 * and the {@code service-definitions.json} next to it, if any (service code to its attribute list,
 * in the GeoReport shape).
 *
 * <p>Immutable and thread-safe.
 */
public final class ServiceList {
    /** The service level of a type the list gives none: 3 days, as in the job. */
    public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofDays(3);

    /**
     * One service (request type).
     *
     * @param code {@code service_code}, e.g. {@code HCD-VACANT-BUILDING}
     * @param name {@code service_name}: the request type as the city's 311 system names it (the
     *     {@code type} of {@code requests311.raw})
     * @param description a sentence for people
     * @param group the agency group, e.g. {@code housing}
     * @param keywords comma-separated words
     * @param serviceLevel how long a request may take
     * @param attributes the service definition's attributes; empty when it needs none
     */
    public record Service(
            String code,
            String name,
            String description,
            String group,
            String keywords,
            Duration serviceLevel,
            List<Attribute> attributes) {
        public Service {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(serviceLevel, "serviceLevel");
            attributes = List.copyOf(attributes);
        }

        /** Whether a client must read the definition first ({@code metadata}). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean metadata() {
            return !attributes.isEmpty();
        }
    }

    /**
     * One attribute of a service definition, as GeoReport v2 names its fields.
     *
     * @param variable whether the resident answers it ({@code false}: information only)
     * @param code its code, sent back as {@code attribute[code]}
     * @param datatype {@code string}, {@code number}, {@code datetime}, {@code text}, {@code
     *     singlevaluelist} or {@code multivaluelist}
     * @param required whether a request must answer it
     * @param datatypeDescription help for the answer, or null
     * @param order its place in the form, from 1
     * @param description the question
     * @param values the choices of a list type
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attribute(
            @JsonProperty("variable") boolean variable,
            @JsonProperty("code") String code,
            @JsonProperty("datatype") String datatype,
            @JsonProperty("required") boolean required,
            @JsonProperty("datatype_description") String datatypeDescription,
            @JsonProperty("order") int order,
            @JsonProperty("description") String description,
            @JsonProperty("values") List<Value> values) {
        public Attribute {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(datatype, "datatype");
            values = values == null ? List.of() : List.copyOf(values);
        }

        /** Whether the answer must be one (or several) of {@link #values}. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isList() {
            return datatype.endsWith("valuelist");
        }
    }

    /**
     * A choice of a list attribute.
     *
     * @param key what the client sends
     * @param name what people read
     */
    public record Value(@JsonProperty("key") String key, @JsonProperty("name") String name) {}

    private final Map<String, Service> byCode;
    private final Map<String, Service> byName;

    private ServiceList(List<Service> services) {
        Map<String, Service> codes = new LinkedHashMap<>();
        Map<String, Service> names = new LinkedHashMap<>();
        for (Service s : services) {
            if (codes.put(s.code(), s) != null) {
                throw new IllegalArgumentException("service_code '" + s.code() + "' is repeated");
            }
            names.putIfAbsent(s.name(), s);
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** A city's services: its profile's {@code services} list, or none when it has none. */
    public static ServiceList forCity(CityProfile city) {
        try {
            return city.services().map(ServiceList::at).orElseGet(() -> of(List.of()));
        } catch (RuntimeException e) {
            throw new InvalidCityProfileException(city.file() + ": services: " + e.getMessage(), e);
        }
    }

    /** Services built in code (tests, a city profile that computes them). */
    public static ServiceList of(List<Service> services) {
        return new ServiceList(services);
    }

    /**
     * The services of a {@code services.csv} at a location ({@code classpath:...} or a file path),
     * with the {@code service-definitions.json} next to it if there is one.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static ServiceList at(String servicesCsv) {
        String folder = servicesCsv.substring(0, servicesCsv.lastIndexOf('/') + 1);
        Map<String, List<Attribute>> definitions = definitions(folder + "service-definitions.json");
        List<Service> services = new java.util.ArrayList<>();
        String csv = servicesCsv;
        if (!Locations.exists(csv)) {
            throw new IllegalArgumentException("no service list at " + csv);
        }
        try (InputStream in = Locations.open(csv)) {
            CsvMapper mapper = new CsvMapper();
            MappingIterator<Map<String, String>> rows =
                    mapper.readerForMapOf(String.class)
                            .with(CsvSchema.emptySchema().withHeader())
                            .readValues(in);
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String code = required(row, "service_code", csv);
                String days = row.getOrDefault("service_level_days", "");
                services.add(
                        new Service(
                                code,
                                required(row, "service_name", csv),
                                blankToNull(row.get("description")),
                                blankToNull(row.get("group")),
                                blankToNull(row.get("keywords")),
                                days == null || days.isBlank()
                                        ? DEFAULT_SERVICE_LEVEL
                                        : Duration.ofDays(Long.parseLong(days.strip())),
                                definitions.getOrDefault(code, List.of())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        for (String code : definitions.keySet()) {
            if (services.stream().noneMatch(s -> s.code().equals(code))) {
                throw new IllegalArgumentException(
                        folder
                                + "service-definitions.json defines '"
                                + code
                                + "', which is not in services.csv");
            }
        }
        return new ServiceList(services);
    }

    private static Map<String, List<Attribute>> definitions(String location) {
        if (!Locations.exists(location)) {
            return Map.of();
        }
        try (InputStream in = Locations.open(location)) {
            return new ObjectMapper()
                    .readValue(in, new TypeReference<LinkedHashMap<String, List<Attribute>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static String required(Map<String, String> row, String column, String csv) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(csv + ": a row has no " + column + ": " + row);
        }
        return v.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Every service, in the list's order. */
    public List<Service> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Service> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** The service of a request type ({@code service_name}). */
    public Optional<Service> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** How long a request of this type may take; {@link #DEFAULT_SERVICE_LEVEL} if unknown. */
    public Duration serviceLevel(String name) {
        return byName(name).map(Service::serviceLevel).orElse(DEFAULT_SERVICE_LEVEL);
    }

    /** When a request of this type made at {@code requestedAt} is expected to be done. */
    public Instant expectedAt(String name, Instant requestedAt) {
        return requestedAt.plus(serviceLevel(name));
    }
}
