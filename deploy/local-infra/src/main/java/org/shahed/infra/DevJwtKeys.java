package org.shahed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The RSA key pair that signs JWTs for the local run and the tests, and the tokens it signs. Production
 * verifies tokens of a real issuer (e.g. Keycloak) instead; this key never leaves the data directory.
 */
public final class DevJwtKeys {
    public static final String ISSUER = "urn:shahed:local-dev";
    /** The audience every Shahed service expects in a token. */
    public static final String AUDIENCE = "shahed";
    /** The roles of DEVELOPERS.md, in the JWT {@code groups} claim. */
    public static final List<String> ROLES = List.of("partner", "ingest", "analyst", "reviewer", "admin");

    private final PrivateKey privateKey;
    private final Path publicKeyFile;
    private final String keyId;

    private DevJwtKeys(PrivateKey privateKey, Path publicKeyFile, String keyId) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
        this.keyId = keyId;
        writeKeySet();
    }

    /**
     * The PEM file of the private key, for the gateway, which signs the internal tokens API keys are exchanged for
     * ({@code smallrye.jwt.sign.key.location}); no service but the gateway is given it.
     */
    public Path privateKeyFile() {
        return publicKeyFile.resolveSibling("jwt-private.pem");
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use; its tokens name it {@code local-dev}. */
    public static DevJwtKeys loadOrCreate(Path dir) {
        return loadOrCreate(dir, "local-dev");
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use; tokens it signs name it {@code keyId}. */
    public static DevJwtKeys loadOrCreate(Path dir, String keyId) {
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                byte[] der = pemBody(Files.readString(privateFile));
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                return new DevJwtKeys(key, publicFile, keyId);
            }
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DevJwtKeys(pair.getPrivate(), publicFile, keyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the development JWT key pair", e);
        }
    }

    /** The PEM file that services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * The public key as a JWKS file, beside another key of no use (as an identity provider publishes its current
     * and retired keys): verifiers must pick the key a token names ({@code kid}).
     */
    public Path keySetFile() {
        return publicKeyFile.resolveSibling("jwks.json");
    }

    /** The {@code kid} the tokens it signs carry. */
    public String keyId() {
        return keyId;
    }

    private void writeKeySet() {
        try {
            RsaJsonWebKey current = new RsaJsonWebKey((RSAPublicKey) publicKey());
            current.setKeyId(keyId);
            current.setUse("sig");
            current.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RsaJsonWebKey other = new RsaJsonWebKey((RSAPublicKey) generator.generateKeyPair().getPublic());
            other.setKeyId(keyId + "-retired");
            other.setUse("sig");
            other.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            Files.writeString(keySetFile(), new JsonWebKeySet(other, current).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the development JWKS", e);
        }
    }

    public PublicKey publicKey() {
        try {
            byte[] der = pemBody(Files.readString(publicKeyFile));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed token for {@code subject} holding {@code roles}, valid for {@code lifetime}. */
    public String token(String subject, Set<String> roles, Duration lifetime) {
        return sign(claims(subject, roles, lifetime));
    }

    /** The claims {@link #token} would sign, for tests that need to tamper with them (expiry, issuer...). */
    public JwtClaims claims(String subject, Set<String> roles, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        return claims;
    }

    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(keyId);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
