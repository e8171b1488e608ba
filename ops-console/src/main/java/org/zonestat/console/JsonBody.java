package org.zonestat.console;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.BadRequestResponse;
import java.time.LocalDate;

/**
 * Reads a request body into a record and checks its fields: the console's typed validators at the
 * edge. Every failure is a {@link BadRequestResponse} (a 400 with {@code {"error": "..."}}) that
 * names the field and the reason: not JSON, not an object, a field of the wrong type or format, or
 * a field the record's constructor refuses (an {@link InvalidBodyException} from {@link #text}).
 *
 * <p>Strings are strict: a number or boolean where text is expected is refused, not turned into
 * text. Unknown fields are ignored, as everywhere in the console.
 *
 * <p>Thread-safe.
 */
public final class JsonBody {
    private static final ObjectMapper MAPPER = strictMapper();

    private JsonBody() {}

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = ConsoleJson.newMapper();
        for (CoercionInputShape shape :
                new CoercionInputShape[] {
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
                }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A field the body's record refuses, with the message the client gets. */
    public static final class InvalidBodyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidBodyException(String message) {
            super(message);
        }
    }

    /**
     * The body as a {@code type}.
     *
     * @throws BadRequestResponse naming the field and the reason
     */
    public static <T> T parse(String body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new BadRequestResponse("the request body must be a JSON object");
            }
            return value;
        } catch (StreamReadException e) {
            throw new BadRequestResponse("the request body is not valid JSON");
        } catch (InvalidFormatException e) {
            throw new BadRequestResponse(
                    field(e)
                            + " must be "
                            + expected(e.getTargetType())
                            + ", was '"
                            + e.getValue()
                            + "'");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new BadRequestResponse("the request body must be a JSON object");
            }
            throw new BadRequestResponse(field(e) + " must be " + expected(e.getTargetType()));
        } catch (JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidBodyException invalid) {
                    throw new BadRequestResponse(invalid.getMessage());
                }
            }
            throw new BadRequestResponse(
                    "the request body cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * A text field, stripped: null when absent and optional; refused when absent and required,
     * blank, or longer than {@code maxLength}.
     *
     * @throws InvalidBodyException naming the field
     */
    public static String text(String field, String value, int maxLength, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidBodyException("field '" + field + "' is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidBodyException("field '" + field + "' must be a non-empty string");
        }
        String s = value.strip();
        if (s.length() > maxLength) {
            throw new InvalidBodyException(
                    "field '" + field + "' must be at most " + maxLength + " characters");
        }
        return s;
    }

    /**
     * A required field of any other type.
     *
     * @throws InvalidBodyException naming the field
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidBodyException("field '" + field + "' is required");
        }
        return value;
    }

    private static String field(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return "field '" + path + "'";
    }

    private static String expected(Class<?> type) {
        if (type == LocalDate.class) {
            return "a date like 2018-07-14";
        }
        if (type == String.class) {
            return "a non-empty string";
        }
        return type == null ? "of another type" : "a " + type.getSimpleName();
    }
}
