package org.shahed.platform.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Checks every service makes of a request before its resource sees it: no control characters (NUL included) in
 * query or path parameters, which no field of this API holds and which the database refuses; no query parameter
 * the endpoint does not declare; and JSON bodies within
 * {@code shahed.http.json-body-limit}, counted as they stream whether or not their length was declared (uploads
 * and imports, which are not JSON, have their own limits).
 */
@Provider
public class RequestChecks implements ContainerRequestFilter, ReaderInterceptor {
    @Inject
    @ConfigProperty(name = "shahed.http.json-body-limit", defaultValue = "10M")
    MemorySize jsonBodyLimit;

    @Context
    ResourceInfo resource;

    /** The query parameters each endpoint declares (its own and its bean parameters'). */
    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        refuseControlCharacters("query", request.getUriInfo().getQueryParameters());
        refuseControlCharacters("path", request.getUriInfo().getPathParameters());
        refuseUnknownParameters(request.getUriInfo().getQueryParameters());
    }

    /**
     * A query parameter the endpoint does not read is a client's mistake (a typo such as {@code sinse} would
     * otherwise restart a feed from its beginning without a word): 400 naming it, and the ones it takes.
     */
    private void refuseUnknownParameters(MultivaluedMap<String, String> parameters) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || parameters.isEmpty()) {
            return;
        }
        Set<String> declared = DECLARED.computeIfAbsent(method, RequestChecks::declaredQueryParameters);
        for (String name : parameters.keySet()) {
            if (!declared.contains(name)) {
                String accepted = declared.isEmpty() ? "none" : String.join(", ", new TreeSet<>(declared));
                Problem problem = Problem.of(Response.Status.BAD_REQUEST, name + ": not a parameter of this operation"
                        + " (it takes: " + accepted + ")", null)
                        .withViolations(List.of(new Problem.Violation("query", name, "unknown parameter")));
                throw new WebApplicationException(problem.toResponse());
            }
        }
    }

    private static Set<String> declaredQueryParameters(Method method) {
        Set<String> names = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        QueryParam fieldQuery = field.getAnnotation(QueryParam.class);
                        if (fieldQuery != null) {
                            names.add(fieldQuery.value());
                        }
                    }
                }
            }
        }
        return Set.copyOf(names);
    }

    private static void refuseControlCharacters(String in, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    Problem problem = Problem.of(Response.Status.BAD_REQUEST,
                            parameter.getKey() + ": control characters are not allowed", null)
                            .withViolations(List.of(new Problem.Violation(in, parameter.getKey(), "control character")));
                    throw new WebApplicationException(problem.toResponse());
                }
            }
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (isJson(context.getMediaType())) {
            long limit = jsonBodyLimit.asLongValue();
            String declared = context.getHeaders().getFirst("Content-Length");
            if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > limit) {
                throw tooLarge(limit);
            }
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static WebApplicationException tooLarge(long limit) {
        Problem problem = new Problem(URI.create("about:blank"), "Content Too Large", 413,
                "a JSON body may hold at most " + limit + " bytes", null,
                List.of(new Problem.Violation("body", "body", "above " + limit + " bytes")));
        return new WebApplicationException(problem.toResponse());
    }

    /** A body that fails once more than {@code limit} bytes have been read from it. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
