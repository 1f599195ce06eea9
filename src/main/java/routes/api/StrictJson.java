package routes.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Reads API request bodies strictly: unknown fields, a key given twice, numbers where text is
 * expected and trailing garbage are errors a client should hear about, not values silently
 * coerced, dropped or overwritten.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = strictMapper();
    // how Jackson's duplicate detection words its error; StrictJsonTest notices if that changes
    private static final String DUPLICATE_KEY = "Duplicate field '";

    private StrictJson() {}

    public static <T> T read(String json, Class<T> type) {
        return read(() -> MAPPER.createParser(json == null ? "" : json), type);
    }

    /** The same from a request body's bytes, which Jackson reads as they are, with no text made first. */
    public static <T> T read(InputStream json, Class<T> type) {
        return read(() -> MAPPER.createParser(json == null ? InputStream.nullInputStream() : json), type);
    }

    private interface Source {
        JsonParser open() throws IOException;
    }

    private static <T> T read(Source json, Class<T> type) {
        try (JsonParser parser = json.open()) {
            if (parser.nextToken() == null) {
                throw new ApiProblem(400, "Malformed JSON", "The request body is empty; a JSON object is required");
            }
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                throw new ApiProblem(400, "Malformed JSON", "The request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.invalid(pathOf(e), "unknown field");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ApiProblem problem) {
                throw problem;
            }
            // a map's or a list's deserializer wraps what the parser refused inside it
            if (e.getCause() instanceof StreamReadException unreadable) {
                throw unreadable(unreadable);
            }
            // An enum's or record's own IllegalArgumentException says what was wrong better than Jackson can.
            String message = e.getCause() instanceof IllegalArgumentException reason ? reason.getMessage()
                    : e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                            ? "must be " + describe(mismatch.getTargetType())
                            : e.getOriginalMessage();
            throw ApiProblem.invalid(pathOf(e), message);
        } catch (StreamReadException e) {
            throw unreadable(e);
        } catch (JacksonException e) {
            throw new ApiProblem(400, "Malformed JSON", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiProblem(400, "Malformed JSON", "The request body could not be read: " + e.getMessage());
        }
    }

    private static ApiProblem unreadable(StreamReadException e) {
        if (e.getOriginalMessage().startsWith(DUPLICATE_KEY) && e.getProcessor() != null) {
            return ApiProblem.invalid(pathOf(e.getProcessor().getParsingContext()),
                    "is given more than once; each key may appear once");
        }
        return new ApiProblem(400, "Malformed JSON", e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return java.util.Collection.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    private static String pathOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    /** Where the parser stands: the key it just read, in the form {@link #pathOf(JsonMappingException)} gives. */
    private static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.insert(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
