package org.shahed.platform.web;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * Optimistic locking over HTTP: a resource's ETag is its version; an update must send it back in
 * {@code If-Match}. Missing is 428 Precondition Required, stale is 412 Precondition Failed.
 */
public final class ETags {
    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version the client saw, from its {@code If-Match} header; throws 428 or 412 as due. */
    public static long requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw error(428, "Precondition Required",
                    "send the resource's ETag in If-Match, so that a concurrent change is not overwritten");
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return currentVersion;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        if (!tag.equals(Long.toString(currentVersion))) {
            throw error(412, "Precondition Failed",
                    "the resource has changed since ETag \"" + tag + "\"; it is now \"" + currentVersion + "\"");
        }
        return currentVersion;
    }

    /** Checks {@code If-Match} only when the client sent one (actions where it is optional). */
    public static void checkIfPresent(String ifMatch, long currentVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            requireMatch(ifMatch, currentVersion);
        }
    }

    private static ClientErrorException error(int status, String title, String detail) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail, null, List.of(
                new Problem.Violation("header", "If-Match", status == 428 ? "required" : "stale")));
        return new ClientErrorException(problem.toResponse());
    }
}
