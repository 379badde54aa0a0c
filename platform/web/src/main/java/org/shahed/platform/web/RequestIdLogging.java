package org.shahed.platform.web;

import java.util.regex.Pattern;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Every line a service logs while answering a request carries the request's id ({@code requestId}: the
 * X-Request-Id the gateway passes on), so that one request is followed from the gateway's log into each service's.
 */
public class RequestIdLogging {
    public static final String KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    /** Whether a caller's request id may go into logs as it is (one that could forge a log line may not). */
    public static boolean accepts(String id) {
        return id != null && ACCEPTED.matcher(id).matches();
    }

    @ServerRequestFilter(preMatching = true)
    public void tag(ContainerRequestContext request) {
        String id = request.getHeaderString("X-Request-Id");
        if (accepts(id)) {
            MDC.put(KEY, id);
        } else {
            MDC.remove(KEY);
        }
    }

    @ServerResponseFilter
    public void untag() {
        MDC.remove(KEY);
    }
}
