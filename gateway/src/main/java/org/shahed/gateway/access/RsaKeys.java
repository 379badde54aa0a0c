package org.shahed.gateway.access;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/** The gateway's RSA signing keys, read from PEM files: the private key, and its public half to publish. */
public final class RsaKeys {
    private RsaKeys() {
    }

    /** An RSA private key in PKCS#8 PEM, at a {@code file:} URL or any location SmallRye JWT reads keys from. */
    public static RSAPrivateCrtKey privateKey(String location) throws IOException, GeneralSecurityException {
        return (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(read(location));
    }

    /** A public key in PEM at such a location. */
    public static PublicKey publicKey(String location) throws IOException, GeneralSecurityException {
        return KeyUtils.decodePublicKey(read(location));
    }

    /** The public half of a private key (a CRT key carries its public exponent). */
    public static RSAPublicKey publicHalf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    /** A public key as a JWK for signatures with RS256, under {@code keyId}. */
    public static RsaJsonWebKey published(PublicKey key, String keyId) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(keyId);
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jwk;
    }

    private static String read(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.readString(Path.of(URI.create(location)));
        }
        return ResourceUtils.readResource(location);
    }
}
