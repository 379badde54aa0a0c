package org.shahed.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Typed query parameters whose value does not parse are a 400 naming the parameter and the expected form. Left to
 * JAX-RS, they are a 404 without a word (the specification's rule for query and path parameters), which a client
 * reads as "no such resource".
 */
@Provider
public class QueryParameterTypes implements ParamConverterProvider {
    private record Form(Function<String, Object> parse, String expected) {
    }

    private static final Map<Class<?>, Form> FORMS = Map.of(
            UUID.class, new Form(UUID::fromString, "a UUID"),
            OffsetDateTime.class, new Form(OffsetDateTime::parse, "an ISO-8601 date and time with its offset, e.g. 2016-06-25T09:00:00Z"),
            Instant.class, new Form(Instant::parse, "an ISO-8601 instant in UTC, e.g. 2016-06-25T09:00:00Z"),
            LocalDate.class, new Form(LocalDate::parse, "an ISO-8601 date, e.g. 2016-06-25"),
            Integer.class, new Form(Integer::valueOf, "a whole number"),
            int.class, new Form(Integer::valueOf, "a whole number"),
            Long.class, new Form(Long::valueOf, "a whole number"),
            long.class, new Form(Long::valueOf, "a whole number"),
            Boolean.class, new Form(QueryParameterTypes::bool, "true or false"),
            boolean.class, new Form(QueryParameterTypes::bool, "true or false"));

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Form form = FORMS.get(rawType);
        String name = queryParameterName(annotations);
        if (form == null || name == null) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return (T) form.parse().apply(value.strip());
                } catch (RuntimeException e) {
                    throw Problems.invalidParameter(name, "must be " + form.expected());
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String queryParameterName(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    return query.value();
                }
            }
        }
        return null;
    }

    /** Only the two words: Boolean.valueOf reads anything else, a typo too, as false. */
    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }
}
