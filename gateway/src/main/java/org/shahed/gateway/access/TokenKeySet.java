package org.shahed.gateway.access;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.shahed.gateway.routing.GatewayConfig;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The public keys of the tokens the gateway signs, as a JWKS at {@code /.well-known/jwks.json}: the services verify
 * the gateway's tokens with it (each token names its key, {@code kid}), so that no private key ever leaves the
 * gateway and a key can be rotated. The key in use is derived from the signing key; previous ones stay published
 * while tokens they signed may still be valid ({@code shahed.gateway.api-keys.previous-public-keys."<kid>"}). Public,
 * like any JWKS: it holds nothing secret, and verifiers must read it before they can verify anything.
 */
@ApplicationScoped
public class TokenKeySet {
    public static final String PATH = "/.well-known/jwks.json";

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    String signingKeyLocation;
    @Inject
    GatewayConfig config;

    void install(@Observes Router router) {
        String keySet = keySet();
        router.get(PATH).handler(context -> context.response().putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Cache-Control", "public, max-age=300").end(keySet));
    }

    /** The JWKS: the signing key's public half under its kid, then the previous keys still published. */
    String keySet() {
        try {
            List<JsonWebKey> keys = new ArrayList<>();
            keys.add(RsaKeys.published(RsaKeys.publicHalf(RsaKeys.privateKey(signingKeyLocation)),
                    config.apiKeys().signingKeyId()));
            for (Map.Entry<String, String> previous : config.apiKeys().previousPublicKeys().entrySet()) {
                keys.add(RsaKeys.published(RsaKeys.publicKey(previous.getValue()), previous.getKey()));
            }
            return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the gateway's token keys (smallrye.jwt.sign.key.location, an RSA key in PKCS#8"
                    + " PEM, and shahed.gateway.api-keys.previous-public-keys) cannot be read: " + e.getMessage(), e);
        }
    }
}
