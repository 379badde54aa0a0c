package org.shahed.gateway.dossier;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.base64url.Base64Url;
import org.jose4j.lang.JoseException;
import org.shahed.gateway.access.RsaKeys;
import org.shahed.gateway.routing.GatewayConfig;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signs dossier packets: a detached JWS (RFC 7515, appendix F) over the manifest's bytes with the suite's dossier
 * key, named by its JWK thumbprint (RFC 7638), so that a verifier compares one short string with the key the
 * organisation publishes. Read at start-up: a gateway that cannot sign does not start.
 */
@Startup
@ApplicationScoped
public class DossierSigning {
    @Inject
    GatewayConfig config;

    private RSAPrivateCrtKey key;
    private RsaJsonWebKey publicKey;
    private String keySet;

    @PostConstruct
    void load() {
        try {
            key = RsaKeys.privateKey(config.dossiers().signingKeyLocation());
            publicKey = RsaKeys.published(RsaKeys.publicHalf(key), null);
            publicKey.setKeyId(Base64Url.encode(publicKey.calculateThumbprint("SHA-256")));
            List<JsonWebKey> keys = new ArrayList<>(List.of(publicKey));
            for (Map.Entry<String, String> previous : config.dossiers().previousPublicKeys().entrySet()) {
                keys.add(RsaKeys.published(RsaKeys.publicKey(previous.getValue()), previous.getKey()));
            }
            keySet = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the dossier signing key (shahed.gateway.dossiers.signing-key-location, an RSA"
                    + " key in PKCS#8 PEM) cannot be read: " + e.getMessage(), e);
        }
    }

    /** The signature of {@code manifest} in compact form with its payload left out ({@code header..signature}). */
    public String sign(byte[] manifest) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(publicKey.getKeyId());
            jws.setContentTypeHeaderValue("application/json");
            jws.setPayloadBytes(manifest);
            jws.setKey(key);
            return jws.getDetachedContentCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("the dossier manifest could not be signed", e);
        }
    }

    /** The public key that verifies packets signed now, as one JWK. */
    public String publicJwk() {
        return publicKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public String keyId() {
        return publicKey.getKeyId();
    }

    /** Every key that signed packets, the current one first, as a JWKS. */
    public String keySet() {
        return keySet;
    }
}
