package org.zonestat.sim.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a source column's value into one of our codes (an incident {@code kind}, a tip {@code
 * category}), from a mapping file's {@code <prefix>.*} keys:
 *
 * <pre>
 * kind.constant=SHOOTING                                   # every row, no column
 * kind.column=Description
 * kind.values=HOMICIDE -> HOMICIDE; SHOOTING -> SHOOTING   # exact match, case-insensitive
 * kind.contains=HOMICIDE -> HOMICIDE; AGG &amp; ASSAULT -> AGGRAVATED_ASSAULT   # ordered; &amp; = all parts
 * kind.default=OTHER                                       # no rule matched, or the value is empty
 * </pre>
 *
 * With a column and no {@code values}/{@code contains} rules the value is passed through as is.
 *
 * <p>Immutable; thread-safe.
 */
public final class ValueMapping {
    private final String name;
    private final String constant;
    private final String column;
    private final Map<String, String> values;
    private final List<ContainsRule> contains;
    private final String defaultValue;

    private record ContainsRule(List<String> parts, String target) {}

    ValueMapping(
            String name,
            String constant,
            String column,
            Map<String, String> values,
            List<ContainsRule> contains,
            String defaultValue) {
        this.name = name;
        this.constant = constant;
        this.column = column;
        this.values = Map.copyOf(values);
        this.contains = List.copyOf(contains);
        this.defaultValue = defaultValue;
        if (constant == null && column == null && defaultValue == null) {
            throw new InvalidInputException(
                    "the mapping needs "
                            + name
                            + ".column, "
                            + name
                            + ".constant or "
                            + name
                            + ".default");
        }
    }

    /** Reads {@code <name>.constant|column|values|contains|default} from the mapping's keys. */
    static ValueMapping fromKeys(String name, MappingKeys keys) {
        Map<String, String> values = new LinkedHashMap<>();
        keys.optional(name + ".values")
                .ifPresent(
                        v ->
                                pairs(name + ".values", v)
                                        .forEach(
                                                (from, to) ->
                                                        values.put(
                                                                from.toUpperCase(Locale.ROOT),
                                                                to)));
        List<ContainsRule> contains = new ArrayList<>();
        keys.optional(name + ".contains")
                .ifPresent(
                        v ->
                                pairs(name + ".contains", v)
                                        .forEach(
                                                (from, to) -> {
                                                    List<String> parts = new ArrayList<>();
                                                    for (String part : from.split("&")) {
                                                        if (!part.isBlank()) {
                                                            parts.add(
                                                                    part.strip()
                                                                            .toUpperCase(
                                                                                    Locale.ROOT));
                                                        }
                                                    }
                                                    contains.add(new ContainsRule(parts, to));
                                                }));
        return new ValueMapping(
                name,
                keys.optional(name + ".constant").orElse(null),
                keys.optional(name + ".column").orElse(null),
                values,
                contains,
                keys.optional(name + ".default").orElse(null));
    }

    /** Every code this mapping can produce by its rules (pass-through values excepted). */
    List<String> targets() {
        List<String> t = new ArrayList<>(values.values());
        contains.forEach(c -> t.add(c.target()));
        if (constant != null) {
            t.add(constant);
        }
        if (defaultValue != null) {
            t.add(defaultValue);
        }
        return t;
    }

    Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /**
     * The code for a row whose column holds {@code value} (empty if the value is absent).
     *
     * @throws IllegalArgumentException naming the value, if no rule applies and there is no default
     */
    String map(Optional<String> value) {
        if (constant != null) {
            return constant;
        }
        if (value.isEmpty()) {
            if (defaultValue != null) {
                return defaultValue;
            }
            throw new IllegalArgumentException("column '" + column + "' is empty");
        }
        String v = value.get();
        if (values.isEmpty() && contains.isEmpty()) {
            return v;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        String exact = values.get(upper.strip());
        if (exact != null) {
            return exact;
        }
        for (ContainsRule rule : contains) {
            if (rule.parts().stream().allMatch(upper::contains)) {
                return rule.target();
            }
        }
        if (defaultValue != null) {
            return defaultValue;
        }
        throw new IllegalArgumentException(
                name
                        + " '"
                        + v
                        + "' of column '"
                        + column
                        + "' matches no rule of "
                        + name
                        + ".values or "
                        + name
                        + ".contains, and there is no "
                        + name
                        + ".default");
    }

    /** {@code a -> b; c -> d} as an ordered map. */
    static Map<String, String> pairs(String key, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int arrow = item.indexOf("->");
            if (arrow < 0) {
                throw new InvalidInputException(
                        key + ": '" + item.strip() + "' is not of the form 'value -> code'");
            }
            String from = item.substring(0, arrow).strip();
            String to = item.substring(arrow + 2).strip();
            if (from.isEmpty() || to.isEmpty()) {
                throw new InvalidInputException(key + ": '" + item.strip() + "' has an empty side");
            }
            m.put(from, to);
        }
        return m;
    }
}
