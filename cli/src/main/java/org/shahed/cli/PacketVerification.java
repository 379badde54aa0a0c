package org.shahed.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a dossier packet without asking the suite anything: every file against the manifest's SHA-256 and size,
 * no file unlisted, the manifest's signature (with a key the reader trusts, or the packet's own key, whose
 * thumbprint the reader must then compare with the one the organisation publishes), the manifest's RFC 3161
 * time-stamp where there is one, and inside each media evidence
 * packet its SHA256SUMS and its chain of custody. Files are hashed as they are read, media included: nothing large
 * is held in memory.
 */
public final class PacketVerification {
    static final String FORMAT = "shahed-dossier-packet/1";
    private static final String GENESIS = "0".repeat(64);
    private static final Set<String> SIGNATURE_FILES = Set.of("manifest.json", "manifest.jws", "manifest.tsr");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing checked: what, whether it held, and what was found. */
    public record Check(String subject, boolean ok, String detail) {
    }

    /** Everything checked, and the thumbprint of the key the signature was checked with. */
    public record Result(List<Check> checks, String keyThumbprint, boolean keyFromPacket) {
        public boolean ok() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
        }

        public List<Check> failures() {
            return checks.stream().filter(check -> !check.ok()).toList();
        }
    }

    /** What was read of one file of the packet: its hash and size, and its bytes when small and needed. */
    private record Read(String sha256, long size, byte[] bytes) {
    }

    private PacketVerification() {
    }

    /**
     * Verifies {@code packet}; {@code trustedKeys} is a JWK, a JWKS or a PEM public key the reader obtained from
     * the organisation, or null to use the key inside the packet.
     */
    public static Result verify(Path packet, String trustedKeys) throws IOException {
        return verify(packet, trustedKeys, null);
    }

    /**
     * The same, checking a time-stamp's signature against {@code tsaCertificate} (PEM), the authority's certificate
     * as the reader obtained it; null to use the certificate inside the time-stamp.
     */
    public static Result verify(Path packet, String trustedKeys, String tsaCertificate) throws IOException {
        List<Check> checks = new ArrayList<>();
        Map<String, Read> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(packet), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (files.containsKey(name)) {
                    checks.add(new Check(name, false, "appears twice in the ZIP"));
                    continue;
                }
                if (name.startsWith("media/") && name.endsWith(".zip")) {
                    files.put(name, evidencePacket(name, zip, checks));
                } else {
                    files.put(name, read(zip, !name.startsWith("media/")));
                }
            }
        }
        Read manifestFile = files.get("manifest.json");
        Read signatureFile = files.get("manifest.jws");
        if (manifestFile == null || signatureFile == null) {
            checks.add(new Check("manifest", false, "manifest.json or manifest.jws is missing: this is not a signed dossier packet"));
            return new Result(checks, null, trustedKeys == null);
        }
        // The signature first: whatever the manifest says counts only if it is the manifest that was signed.
        String keys = trustedKeys;
        boolean keyFromPacket = keys == null;
        if (keyFromPacket) {
            Read packetKey = files.get("signing-key.jwk");
            keys = packetKey == null ? null : new String(packetKey.bytes(), StandardCharsets.UTF_8);
        }
        String thumbprint = signature(manifestFile.bytes(), new String(signatureFile.bytes(), StandardCharsets.US_ASCII),
                keys, checks);
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.bytes());
        } catch (IOException e) {
            checks.add(new Check("manifest.json", false, "is not JSON: " + e.getMessage()));
            return new Result(checks, thumbprint, keyFromPacket);
        }
        if (thumbprint != null) {
            String named = manifest.path("signingKeyId").asText();
            checks.add(new Check("manifest.json", thumbprint.equals(named),
                    "names signing key " + named + (thumbprint.equals(named) ? "" : ", signed with " + thumbprint)));
        }
        Read timestamp = files.get("manifest.tsr");
        if (timestamp != null) {
            checks.add(timestamp(manifestFile.bytes(), timestamp.bytes(), tsaCertificate));
        }
        checks.add(new Check("manifest.json", FORMAT.equals(manifest.path("format").asText()),
                "format " + manifest.path("format").asText("(none)")));
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode file : manifest.path("files")) {
            listed.put(file.path("path").asText(), file);
        }
        listed.forEach((path, file) -> {
            Read read = files.get(path);
            if (read == null) {
                checks.add(new Check(path, false, "listed in the manifest but missing from the packet"));
            } else if (!read.sha256().equals(file.path("sha256").asText()) || read.size() != file.path("sizeBytes").asLong()) {
                checks.add(new Check(path, false, "differs from the manifest: SHA-256 " + read.sha256() + " (" + read.size()
                        + " bytes), manifest says " + file.path("sha256").asText() + " (" + file.path("sizeBytes").asLong() + " bytes)"));
            } else {
                checks.add(new Check(path, true, "SHA-256 " + read.sha256() + " (" + read.size() + " bytes)"));
            }
        });
        files.keySet().stream().filter(path -> !listed.containsKey(path) && !SIGNATURE_FILES.contains(path))
                .forEach(path -> checks.add(new Check(path, false, "in the packet but not in the manifest")));

        return new Result(checks, thumbprint, keyFromPacket);
    }

    /** Checks the detached JWS over the manifest; answers the thumbprint of the key that verified it. */
    private static String signature(byte[] manifest, String compact, String keys, List<Check> checks) {
        if (keys == null) {
            checks.add(new Check("manifest.jws", false, "no key to check the signature with"));
            return null;
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(compact.trim());
            // The payload by its encoding: jose4j ignores bytes set after parsing a detached serialization.
            jws.setEncodedPayload(Base64Url.encode(manifest));
            PublicJsonWebKey key = key(keys, jws.getKeyIdHeaderValue());
            if (key == null) {
                checks.add(new Check("manifest.jws", false, "signed with key " + jws.getKeyIdHeaderValue()
                        + ", which is not among the keys given"));
                return null;
            }
            String thumbprint = Base64Url.encode(key.calculateThumbprint("SHA-256"));
            jws.setKey(key.getPublicKey());
            boolean valid = jws.verifySignature();
            checks.add(new Check("manifest.jws", valid, valid ? "signature of manifest.json valid (" + jws.getAlgorithmHeaderValue()
                    + ", key " + thumbprint + ")" : "signature does not match manifest.json"));
            return valid ? thumbprint : null;
        } catch (JoseException | RuntimeException e) {
            checks.add(new Check("manifest.jws", false, "cannot be checked: " + e.getMessage()));
            return null;
        }
    }

    /**
     * The RFC 3161 time-stamp of the manifest: a granted response whose imprint is the manifest's SHA-256, signed by
     * the authority (its certificate as given, or the one the response carries).
     */
    public static Check timestamp(byte[] manifest, byte[] response, String tsaCertificate) {
        try {
            TimeStampToken token = new TimeStampResponse(response).getTimeStampToken();
            if (token == null) {
                return new Check("manifest.tsr", false, "holds no time-stamp token (the authority refused)");
            }
            TimeStampTokenInfo info = token.getTimeStampInfo();
            if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                    || !java.util.Arrays.equals(info.getMessageImprintDigest(), sha256().digest(manifest))) {
                return new Check("manifest.tsr", false, "time-stamps another document than manifest.json");
            }
            X509CertificateHolder certificate;
            if (tsaCertificate != null) {
                try (PEMParser pem = new PEMParser(new java.io.StringReader(tsaCertificate))) {
                    certificate = (X509CertificateHolder) pem.readObject();
                }
            } else {
                @SuppressWarnings("unchecked")
                java.util.Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(token.getSID());
                if (carried.isEmpty()) {
                    return new Check("manifest.tsr", false, "carries no certificate: pass the authority's with --tsa-cert");
                }
                certificate = carried.iterator().next();
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            return new Check("manifest.tsr", true, "manifest.json time-stamped at " + info.getGenTime().toInstant()
                    + " by " + certificate.getSubject() + ", serial " + info.getSerialNumber()
                    + (tsaCertificate == null ? " (with the certificate the time-stamp carries: compare it with the"
                            + " authority's, or pass --tsa-cert)" : ""));
        } catch (Exception e) {
            return new Check("manifest.tsr", false, "does not verify: " + e.getMessage());
        }
    }

    /** The key named {@code kid} among {@code keys} (a JWKS, one JWK, or a PEM public key). */
    private static PublicJsonWebKey key(String keys, String kid) throws JoseException {
        String text = keys.trim();
        if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            byte[] der = java.util.Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
            try {
                java.security.PublicKey publicKey;
                try {
                    publicKey = java.security.KeyFactory.getInstance("RSA")
                            .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                } catch (java.security.spec.InvalidKeySpecException notRsa) {
                    publicKey = java.security.KeyFactory.getInstance("EC")
                            .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                }
                return PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            } catch (java.security.GeneralSecurityException e) {
                throw new JoseException("the PEM key cannot be read: " + e.getMessage(), e);
            }
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (IOException e) {
            throw new JoseException("the key is neither JSON (JWK, JWKS) nor PEM");
        }
        if (parsed.has("keys")) {
            JsonWebKey found = new JsonWebKeySet(text).findJsonWebKey(kid, null, null, null);
            return found instanceof PublicJsonWebKey publicKey ? publicKey : null;
        }
        return PublicJsonWebKey.Factory.newPublicJwk(text);
    }

    /**
     * A media evidence packet inside the packet: hashed whole as it passes, and opened on the way to check its
     * SHA256SUMS and its custody chain.
     */
    private static Read evidencePacket(String name, InputStream in, List<Check> checks) throws IOException {
        MessageDigest whole = sha256();
        long[] size = { 0 };
        InputStream counted = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    whole.update((byte) b);
                    size[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    whole.update(buffer, off, n);
                    size[0] += n;
                }
                return n;
            }

            @Override
            public void close() {
                // the outer ZIP stays open
            }
        };
        Map<String, Read> inner = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(counted, StandardCharsets.UTF_8);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String entryName = entry.getName();
                boolean small = !entryName.startsWith("original/") && !entryName.startsWith("derivative/");
                inner.put(entryName, read(zip, small));
            }
        } catch (IOException e) {
            checks.add(new Check(name, false, "is not a readable ZIP: " + e.getMessage()));
        }
        counted.transferTo(java.io.OutputStream.nullOutputStream()); // the rest (central directory) counts too
        checkEvidence(name, inner, checks);
        return new Read(HexFormat.of().formatHex(whole.digest()), size[0], null);
    }

    /** SHA256SUMS, the file against the evidence manifest, and the custody chain's links (and hashes, where complete). */
    private static void checkEvidence(String name, Map<String, Read> inner, List<Check> checks) {
        Read sums = inner.get("SHA256SUMS");
        if (sums == null) {
            checks.add(new Check(name, false, "has no SHA256SUMS"));
            return;
        }
        int listed = 0;
        for (String line : new String(sums.bytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            listed++;
            String hash = line.substring(0, 64);
            String file = line.substring(66);
            Read read = inner.get(file);
            if (read == null || !read.sha256().equals(hash)) {
                checks.add(new Check(name + "!/" + file, false, read == null ? "listed in SHA256SUMS but missing"
                        : "SHA-256 " + read.sha256() + ", SHA256SUMS says " + hash));
            }
        }
        if (listed != inner.size() - 1) {
            checks.add(new Check(name, false, "holds " + (inner.size() - 1) + " files besides SHA256SUMS, which lists " + listed));
        }
        try {
            JsonNode manifest = JSON.readTree(inner.get("manifest.json").bytes());
            Read file = inner.get(manifest.path("file").asText());
            boolean sameFile = file != null && file.sha256().equals(manifest.path("sha256").asText());
            checks.add(new Check(name + "!/" + manifest.path("file").asText(), sameFile,
                    sameFile ? "SHA-256 " + file.sha256() + " as recorded at upload" : "does not match the evidence manifest"));
            JsonNode custody = JSON.readTree(inner.get("custody.json").bytes());
            checks.add(custodyChain(name, manifest.path("mediaId").asText(), custody.path("entries")));
        } catch (IOException | RuntimeException e) {
            checks.add(new Check(name, false, "manifest.json or custody.json unreadable: " + e.getMessage()));
        }
    }

    /**
     * Each entry follows the one before it; where the entry is complete (staff copies), its hash is recomputed:
     * SHA-256 of previousHash, assetId, position, action, actor, at, details, one per line.
     */
    static Check custodyChain(String name, String assetId, JsonNode entries) {
        String previous = GENESIS;
        int recomputed = 0;
        int position = 0;
        for (JsonNode entry : entries) {
            position++;
            if (entry.path("position").asInt() != position) {
                return new Check(name + "!/custody.json", false, "entry " + position + " is missing");
            }
            if (!previous.equals(entry.path("previousHash").asText())) {
                return new Check(name + "!/custody.json", false, "entry " + position + " does not follow the entry before it");
            }
            JsonNode details = entry.path("details");
            if (details.isTextual() && !"redacted".equals(entry.path("actor").asText())) {
                String content = String.join("\n", previous, assetId, Integer.toString(position),
                        entry.path("action").asText(), entry.path("actor").asText(), entry.path("at").asText(), details.asText());
                if (!hex(sha256().digest(content.getBytes(StandardCharsets.UTF_8))).equals(entry.path("entryHash").asText())) {
                    return new Check(name + "!/custody.json", false, "entry " + position + "'s content does not match its hash");
                }
                recomputed++;
            }
            previous = entry.path("entryHash").asText();
        }
        return new Check(name + "!/custody.json", position > 0, position == 0 ? "no custody entries"
                : "chain of " + position + " entries linked" + (recomputed == position ? ", every hash recomputed"
                        : recomputed == 0 ? " (a partner's copy: actors and details withheld, hashes not recomputable)"
                                : ", " + recomputed + " hashes recomputed"));
    }

    private static Read read(InputStream in, boolean keep) throws IOException {
        MessageDigest digest = sha256();
        java.io.ByteArrayOutputStream kept = keep ? new java.io.ByteArrayOutputStream() : null;
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            size += n;
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
        }
        return new Read(hex(digest.digest()), size, kept == null ? null : kept.toByteArray());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
