package org.shahed.casualty.ingest;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.util.List;

import org.hibernate.validator.HibernateValidatorFactory;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.platform.web.JsonPaths;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.WebApplicationException;

/**
 * A row of an import file as a casualty record, with everything wrong with it in the file's terms: values that do
 * not fit (each noted, the row's other checks still run) and the record's constraints.
 */
@ApplicationScoped
public class RowChecks {
    private final Validator validator;
    private final RowProblems problems;
    private final ObjectReader inputs;

    @Inject
    public RowChecks(ValidatorFactory validators, ObjectMapper json) {
        // Rows are plain input records, never JPA entities: asking JPA whether each property is loaded (the
        // default resolver, with Hibernate ORM present), and caching the answers, is wasted work on every row.
        validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EverythingReachable()).enableTraversableResolverResultCache(false)
                .getValidator();
        problems = new RowProblems(json);
        inputs = json.readerFor(CasualtyInput.class).withHandler(problems);
    }

    /** The row as a record (null when it cannot be read as one), with {@code errors} saying what is wrong with it. */
    CasualtyInput read(ImportRows.Row row, List<RowError> errors) {
        if (row.unreadable() != null) {
            errors.add(new RowError("", row.unreadable()));
            return null;
        }
        CasualtyInput input;
        try {
            // Values that do not fit are noted in errors and left empty, so that the row's other checks run too.
            input = inputs.withAttribute(RowProblems.ATTRIBUTE, errors).readValue(row.record().asParser());
        } catch (JsonMappingException e) {
            errors.add(new RowError(JsonPaths.of(e), reason(e)));
            return null;
        } catch (IOException e) {
            errors.add(new RowError("", e.getMessage()));
            return null;
        }
        if (input == null) {
            errors.add(new RowError("", "not a record"));
            return null;
        }
        for (ConstraintViolation<CasualtyInput> violation : validator.validate(input)) {
            errors.add(new RowError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        return errors.isEmpty() ? input : null;
    }

    /** What a refusal of the store says about a row. */
    static List<RowError> rowErrors(WebApplicationException refusal) {
        Object entity = refusal.getResponse().getEntity();
        if (entity instanceof Problem problem && problem.violations() != null && !problem.violations().isEmpty()) {
            return problem.violations().stream().map(v -> new RowError(v.field(), v.message())).toList();
        }
        return List.of(new RowError("", entity instanceof Problem p ? p.detail() : refusal.getMessage()));
    }

    private String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid) {
            // In the file's terms: the value as written and what is accepted, not a Java type.
            return "'" + invalid.getValue() + "' is not a valid value" + problems.accepted(invalid.getTargetType());
        }
        String message = e.getOriginalMessage();
        return message == null ? "invalid value" : message.split("\n")[0];
    }

    private static final class EverythingReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object object, jakarta.validation.Path.Node property, Class<?> rootType,
                jakarta.validation.Path path, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object object, jakarta.validation.Path.Node property, Class<?> rootType,
                jakarta.validation.Path path, ElementType elementType) {
            return true;
        }
    }
}
