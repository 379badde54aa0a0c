package org.shahed.gateway.dossier;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.tsp.TSPException;
import org.shahed.gateway.routing.GatewayConfig;
import org.shahed.platform.timestamps.TimeStampClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The signed dossier packet: one ZIP with the dossier as JSON and as pages to read (English, Arabic), the evidence
 * packet of every media asset the caller may receive, the signing key's public half, then {@code manifest.json}
 * (every file's SHA-256 and size), {@code manifest.jws} (a detached signature of the manifest) and, where an
 * authority is configured, {@code manifest.tsr} (its RFC 3161 time-stamp of the manifest's hash). Files are
 * streamed into the ZIP and hashed as they pass, media straight from media-service: nothing is held whole.
 */
@ApplicationScoped
public class DossierPackets {
    /** The format a verifier checks for. */
    public static final String FORMAT = "shahed-dossier-packet/1";

    /** The ZIP's name and its content, written when the answer is sent. */
    public record Packet(String fileName, StreamingOutput body) {
    }

    /** A file of the packet as the manifest lists it. */
    record Entry(String path, String sha256, long sizeBytes) {
    }

    @Inject
    DossierSigning signing;
    @Inject
    DossierRendering rendering;
    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The packet of an assembled dossier for a caller: media as originals when {@code originals} (roles that see
     * protected material), as shareable previews otherwise; what media-service refuses is listed as omitted.
     */
    public Packet prepare(ObjectNode dossier, String authorization, String requestId, boolean originals) {
        String reference = dossier.path("incident").path("reference").asText("incident");
        StreamingOutput body = out -> {
            List<Entry> entries = new ArrayList<>();
            List<Map<String, Object>> omitted = new ArrayList<>();
            ObjectMapper pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                entries.add(write(zip, "dossier.json", pretty.writeValueAsBytes(dossier)));
                for (String lang : List.of("en", "ar")) {
                    entries.add(write(zip, "dossier." + lang + ".html", rendering.render(dossier, lang)));
                }
                for (JsonNode media : dossier.path("media").path("items")) {
                    evidence(zip, media, authorization, requestId, originals, entries, omitted);
                }
                entries.add(write(zip, "signing-key.jwk", signing.publicJwk().getBytes(StandardCharsets.UTF_8)));
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("incidentId", dossier.path("incidentId").asText());
                manifest.put("incidentReference", reference);
                manifest.put("dossierVersion", dossier.path("version").asText());
                manifest.put("dossierAsOf", dossier.path("asOf").asText());
                manifest.put("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                manifest.put("mediaVariant", originals ? "original" : "preview");
                manifest.put("signingKeyId", signing.keyId());
                manifest.put("files", entries);
                manifest.put("omitted", omitted);
                byte[] manifestBytes = pretty.writeValueAsBytes(manifest);
                write(zip, "manifest.json", manifestBytes);
                write(zip, "manifest.jws", signing.sign(manifestBytes).getBytes(StandardCharsets.US_ASCII));
                if (config.dossiers().tsaUrl().isPresent()) {
                    write(zip, "manifest.tsr", timestamp(manifestBytes));
                }
            }
        };
        return new Packet(reference + "-dossier-packet.zip", body);
    }

    /** The evidence packet of one media asset, streamed from media-service into the ZIP, or why it is left out. */
    private void evidence(ZipOutputStream zip, JsonNode media, String authorization, String requestId, boolean originals,
            List<Entry> entries, List<Map<String, Object>> omitted) throws IOException {
        String id = media.path("id").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.services().get("media-service").url()
                + "/api/v1/media/" + id + "/evidence-packet?variant=" + (originals ? "original" : "preview")))
                .header("Authorization", authorization).timeout(Duration.ofMinutes(30)).GET();
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching media " + id, e);
        }
        try (InputStream in = answer.body()) {
            if (answer.statusCode() != 200) {
                JsonNode problem = readProblem(in);
                Map<String, Object> left = new LinkedHashMap<>();
                left.put("mediaId", id);
                left.put("reference", media.path("reference").asText());
                left.put("status", answer.statusCode());
                left.put("reason", problem.path("detail").asText(problem.path("title").asText("refused by media-service")));
                omitted.add(left);
                return;
            }
            String path = "media/" + media.path("reference").asText(id) + "-evidence-packet.zip";
            entries.add(write(zip, path, in));
        }
    }

    /**
     * The authority's RFC 3161 response over the manifest's SHA-256. A configured authority that cannot be reached
     * fails the packet (its download is cut short) rather than hand out a packet without the time it promised.
     */
    private byte[] timestamp(byte[] manifest) throws IOException {
        try {
            return new TimeStampClient(config.dossiers().tsaUrl().get()).stamp(sha256().digest(manifest)).response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while time-stamping the manifest", e);
        } catch (TSPException | IOException e) {
            Log.errorf(e, "the dossier packet's manifest could not be time-stamped by %s", config.dossiers().tsaUrl().get());
            throw new IOException("the manifest could not be time-stamped", e);
        }
    }

    private JsonNode readProblem(InputStream in) {
        try {
            return json.readTree(in.readNBytes(64 * 1024));
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Entry write(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        return write(zip, path, new java.io.ByteArrayInputStream(bytes));
    }

    /** One file of the packet, hashed and counted on its way into the ZIP. */
    private static Entry write(ZipOutputStream zip, String path, InputStream in) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest digest = sha256();
        long[] size = { 0 };
        OutputStream hashing = new FilterOutputStream(zip) {
            @Override
            public void write(int b) throws IOException {
                digest.update((byte) b);
                size[0]++;
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                digest.update(b, off, len);
                size[0] += len;
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the ZIP stays open for the next entry
            }
        };
        in.transferTo(hashing);
        zip.closeEntry();
        return new Entry(path, HexFormat.of().formatHex(digest.digest()), size[0]);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
