package org.shahed.casualty.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.shahed.platform.web.JsonPaths;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Reads every value of an import row that does not fit its field, instead of stopping at the first: each is
 * noted (in the file's terms: the value and what is accepted) and the field left empty, so that a script fixing
 * its file learns all of a row's mistakes at once. A row with any noted problem is rejected. Problems are noted in
 * the list given to the reader as the attribute {@link #ATTRIBUTE}; a reader without it fails as usual.
 */
final class RowProblems extends DeserializationProblemHandler {
    static final String ATTRIBUTE = "shahed.import.row-errors";

    private final ObjectMapper json;

    RowProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
            String failureMessage) throws IOException {
        return note(context, "'" + value + "' is not a valid value" + accepted(targetType)) ? null
                : super.handleWeirdStringValue(context, targetType, value, failureMessage);
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
            String failureMessage) throws IOException {
        return note(context, "'" + value + "' is not a valid value" + accepted(targetType)) ? null
                : super.handleWeirdNumberValue(context, targetType, value, failureMessage);
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
            JsonParser parser, String failureMessage) throws IOException {
        String found = token == JsonToken.START_ARRAY ? "a list" : token == JsonToken.START_OBJECT ? "an object"
                : "'" + parser.getText() + "'";
        if (!note(context, found + " is not a valid value" + accepted(targetType.getRawClass()))) {
            return super.handleUnexpectedToken(context, targetType, token, parser, failureMessage);
        }
        parser.skipChildren();
        return null;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
        List<RowError> errors = errors(context);
        if (errors == null) {
            return false;
        }
        String at = JsonPaths.of(parser.getParsingContext());
        errors.add(new RowError(at.isEmpty() ? propertyName : at, "unknown field"));
        parser.skipChildren();
        return true;
    }

    private boolean note(DeserializationContext context, String reason) {
        List<RowError> errors = errors(context);
        if (errors == null) {
            return false;
        }
        errors.add(new RowError(JsonPaths.of(context.getParser().getParsingContext()), reason));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<RowError> errors(DeserializationContext context) {
        return (List<RowError>) context.getAttribute(ATTRIBUTE);
    }

    /** What a field of this type takes, said as a person filling a spreadsheet would understand it. */
    String accepted(Class<?> target) {
        if (target == null) {
            return "";
        }
        if (target.isEnum()) {
            return " (accepted: " + String.join(", ", Arrays.stream(target.getEnumConstants())
                    .map(constant -> json.convertValue(constant, String.class)).toList()) + ")";
        }
        if (target == LocalDate.class) {
            return " (a date as YYYY-MM-DD)";
        }
        if (target == UUID.class) {
            return " (an id such as 3f2c9e7a-...)";
        }
        if (Number.class.isAssignableFrom(target) || target == int.class || target == long.class) {
            return " (a whole number)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return " (true or false)";
        }
        if (target == String.class) {
            return " (text)";
        }
        return "";
    }
}
