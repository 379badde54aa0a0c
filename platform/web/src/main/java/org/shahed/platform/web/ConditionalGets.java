package org.shahed.platform.web;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;

/**
 * Caching rules of every answer. Published data, as partners read it, may be kept for a short while
 * ({@code Cache-Control: private, max-age}) and revalidated: it carries an ETag of its content and
 * {@code If-None-Match} with that tag answers 304 without a body. Everything else, protected fields and
 * unpublished records among it, is {@code no-store}: no browser or proxy keeps a copy.
 *
 * <p>The content tag, not the record's version, because a partner's view also changes when something else does
 * (an incident's casualty summary, a record leaving publication); its answer is what must be compared.
 */
@Provider
public class ConditionalGets implements ContainerResponseFilter {
    static final String NO_STORE = "no-store";

    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "shahed.http.published-max-age", defaultValue = "60s")
    Duration publishedMaxAge;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!read || response.getStatus() != 200 || !readsPublishedDataOnly()) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
            return;
        }
        String tag = response.getEntityTag() != null && streamed(response.getEntity())
                ? response.getEntityTag().getValue() // streamed content carries its own hash
                : contentTag(response.getEntity());
        if (tag == null) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
            return;
        }
        String etag = "\"" + tag + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, max-age=" + publishedMaxAge.toSeconds());
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
            response.getHeaders().remove("Accept-Ranges");
        }
    }

    /** Partners: published data only, the same for every partner. Scripts also read their own drafts. */
    private boolean readsPublishedDataOnly() {
        var audience = caller.audience();
        return audience.isRestricted() && audience.ownRecordsOf() == null && !audience.roles().isEmpty();
    }

    private static boolean streamed(Object entity) {
        return entity instanceof StreamingOutput || entity instanceof InputStream || entity instanceof File
                || entity instanceof Path;
    }

    /** A hash of the answer as serialised (without keeping it); null for a stream without a tag of its own. */
    private String contentTag(Object entity) throws IOException {
        if (entity == null || streamed(entity)) {
            return null;
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            if (entity instanceof String text) {
                digest.write(text.getBytes(StandardCharsets.UTF_8));
            } else if (entity instanceof byte[] bytes) {
                digest.write(bytes);
            } else {
                json.writeValue(digest, entity);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /** RFC 9110 weak comparison against each tag of If-None-Match ({@code *} matches any). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
