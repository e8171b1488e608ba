package org.zonestat.console.open311;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zonestat.console.community.PlaceNames;
import org.zonestat.geo.ZoneCatalog;

/**
 * A {@code POST /open311/v2/requests} form, checked: every GeoReport v2 argument read, each refusal
 * naming the argument ({@code 400}, or {@code 404} for an unknown {@code service_code}).
 *
 * <ul>
 *   <li>{@code service_code} (required) of the {@link ServiceList}; its required attributes ({@code
 *       attribute[CODE]=v}, {@code attribute[CODE][]=v} for a multivaluelist) must be answered,
 *       list answers must be among the values, numbers numbers and datetimes ISO 8601;
 *   <li>a location: {@code lat} and {@code long} (both), or an {@code address_string} that names a
 *       zone ({@link PlaceNames}); either way it must lie in a zone of some layer; {@code
 *       address_id} is not supported;
 *   <li>optional {@code description} (at most 4,000 characters, as the spec says), {@code
 *       media_url} (http or https), and the contact: {@code email}, {@code phone}, {@code
 *       first_name}, {@code last_name};
 *   <li>{@code jurisdiction_id} is ignored (one city per console); {@code device_id} and {@code
 *       account_id} identify a device or a person and are dropped unread.
 * </ul>
 *
 * @param service the service asked for
 * @param lon longitude
 * @param lat latitude
 * @param address the {@code address_string}, or null
 * @param description what the resident wrote, or null
 * @param mediaUrl a link to a photo, or null
 * @param attributes the answered attributes, code to values, in the definition's order
 * @param contact how to reach the resident, or null when none was given
 */
public record ServiceRequestForm(
        ServiceList.Service service,
        double lon,
        double lat,
        String address,
        String description,
        String mediaUrl,
        Map<String, List<String>> attributes,
        Contact contact) {

    /** The longest description GeoReport v2 allows. */
    public static final int MAX_DESCRIPTION = 4000;

    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]+)\\](\\[\\])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{7,32}");
    private static final Set<String> KNOWN =
            Set.of(
                    "api_key",
                    "jurisdiction_id",
                    "service_code",
                    "lat",
                    "long",
                    "address_string",
                    "address_id",
                    "email",
                    "device_id",
                    "account_id",
                    "first_name",
                    "last_name",
                    "phone",
                    "description",
                    "media_url");

    /**
     * Contact details given with a request: they go to the restricted {@code contacts} topic only.
     */
    public record Contact(String email, String phone, String firstName, String lastName) {
        /** {@code email} when an e-mail was given, else {@code sms}. */
        public String channel() {
            return email != null ? "email" : "sms";
        }
    }

    public ServiceRequestForm {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Reads and checks a form.
     *
     * @param form parameter name to its values, as sent
     * @throws BadRequestResponse naming the argument and the reason
     * @throws NotFoundResponse for an unknown {@code service_code}
     */
    public static ServiceRequestForm read(
            Map<String, List<String>> form,
            ServiceList services,
            ZoneCatalog catalog,
            PlaceNames places) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String name = e.getKey();
            Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                answers.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(e.getValue());
            } else if (KNOWN.contains(name) && e.getValue().size() > 1) {
                throw new BadRequestResponse("argument '" + name + "' is given more than once");
            }
        }
        String code = text(form, "service_code", 100);
        if (code == null) {
            throw new BadRequestResponse("argument 'service_code' is required");
        }
        ServiceList.Service service =
                services.byCode(code)
                        .orElseThrow(
                                () ->
                                        new NotFoundResponse(
                                                "service_code '"
                                                        + code
                                                        + "' was not found (GET services.json lists them)"));
        if (text(form, "address_id", 100) != null) {
            throw new BadRequestResponse(
                    "argument 'address_id' is not supported here: send 'lat' and 'long', or an"
                            + " 'address_string'");
        }
        String address = text(form, "address_string", 250);
        Double lat = number(form, "lat", -90, 90);
        Double lon = number(form, "long", -180, 180);
        if ((lat == null) != (lon == null)) {
            throw new BadRequestResponse("arguments 'lat' and 'long' must be sent together");
        }
        if (lat == null) {
            if (address == null) {
                throw new BadRequestResponse(
                        "a location is required: 'lat' and 'long', or an 'address_string'");
            }
            PlaceNames.Place place =
                    places.find(address)
                            .orElseThrow(
                                    () ->
                                            new BadRequestResponse(
                                                    "argument 'address_string' could not be placed on the"
                                                            + " map (it is placed only when it names a"
                                                            + " neighborhood or district): send 'lat'"
                                                            + " and 'long'"));
            lat = place.lat();
            lon = place.lon();
        }
        if (catalog.tag(lon, lat).isEmpty()) {
            throw new BadRequestResponse(
                    "the location "
                            + lat
                            + ","
                            + lon
                            + " lies outside every zone of the city: this service covers the city only");
        }
        String email = text(form, "email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new BadRequestResponse("argument 'email' is not an e-mail address");
        }
        String phone = text(form, "phone", 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new BadRequestResponse(
                    "argument 'phone' must be 7 to 32 digits, spaces and + ( ) - .");
        }
        String first = text(form, "first_name", 100);
        String last = text(form, "last_name", 100);
        Contact contact =
                email == null && phone == null ? null : new Contact(email, phone, first, last);
        return new ServiceRequestForm(
                service,
                lon,
                lat,
                address,
                text(form, "description", MAX_DESCRIPTION),
                url(text(form, "media_url", 2000)),
                attributes(service, answers),
                contact);
    }

    private static Map<String, List<String>> attributes(
            ServiceList.Service service, Map<String, List<String>> answers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String code : answers.keySet()) {
            boolean known =
                    service.attributes().stream()
                            .anyMatch(a -> a.variable() && a.code().equals(code));
            if (!known) {
                throw new BadRequestResponse(
                        "attribute '"
                                + code
                                + "' is not part of service '"
                                + service.code()
                                + "' (GET services/"
                                + service.code()
                                + ".json lists its attributes)");
            }
        }
        for (ServiceList.Attribute a : service.attributes()) {
            if (!a.variable()) {
                continue;
            }
            List<String> values =
                    answers.getOrDefault(a.code(), List.of()).stream()
                            .map(String::strip)
                            .filter(v -> !v.isEmpty())
                            .toList();
            if (values.isEmpty()) {
                if (a.required()) {
                    throw new BadRequestResponse(
                            "attribute '" + a.code() + "' is required: " + a.description());
                }
                continue;
            }
            if (values.size() > 1 && !a.datatype().equals("multivaluelist")) {
                throw new BadRequestResponse("attribute '" + a.code() + "' takes one value");
            }
            for (String v : values) {
                check(a, v);
            }
            out.put(a.code(), values);
        }
        return out;
    }

    private static void check(ServiceList.Attribute a, String v) {
        if (v.length() > 500) {
            throw new BadRequestResponse(
                    "attribute '" + a.code() + "' is longer than 500 characters");
        }
        if (a.isList()) {
            if (a.values().stream().noneMatch(x -> x.key().equals(v))) {
                throw new BadRequestResponse(
                        "attribute '"
                                + a.code()
                                + "' must be one of "
                                + a.values().stream().map(ServiceList.Value::key).toList()
                                + ", was '"
                                + v
                                + "'");
            }
        } else if (a.datatype().equals("number")) {
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new BadRequestResponse(
                        "attribute '" + a.code() + "' must be a number, was '" + v + "'");
            }
        } else if (a.datatype().equals("datetime")) {
            try {
                OffsetDateTime.parse(v);
            } catch (DateTimeParseException e) {
                throw new BadRequestResponse(
                        "attribute '"
                                + a.code()
                                + "' must be an ISO 8601 date-time with offset, was '"
                                + v
                                + "'");
            }
        }
    }

    private static String text(Map<String, List<String>> form, String name, int max) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        String v = values.get(0).strip();
        if (v.length() > max) {
            throw new BadRequestResponse(
                    "argument '" + name + "' must be at most " + max + " characters");
        }
        return v;
    }

    private static Double number(
            Map<String, List<String>> form, String name, double min, double max) {
        String v = text(form, name, 40);
        if (v == null) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(
                    "argument '" + name + "' must be a number, was '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new BadRequestResponse(
                    "argument '" + name + "' must be in [" + min + ", " + max + "], was " + v);
        }
        return d;
    }

    private static String url(String v) {
        if (v == null) {
            return null;
        }
        try {
            URI u = new URI(v);
            if (u.getHost() == null
                    || !("http".equalsIgnoreCase(u.getScheme())
                            || "https".equalsIgnoreCase(u.getScheme()))) {
                throw new BadRequestResponse("argument 'media_url' must be an http or https URL");
            }
            return v;
        } catch (URISyntaxException e) {
            throw new BadRequestResponse("argument 'media_url' must be an http or https URL");
        }
    }
}
