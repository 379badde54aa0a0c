package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway publishes the public keys of its tokens as a JWKS, and the tokens it exchanges API keys for name their
 * key: a service that trusts that JWKS, among other keys, verifies them without ever holding a private key.
 */
@QuarkusTest
@WithTestResource(value = StubBackendResource.class, scope = TestResourceScope.GLOBAL)
class TokenKeySetTest {

    @Test
    void theGatewaysTokensVerifyAgainstItsPublishedKeySetByTheirKeyId() throws Exception {
        String published = given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType("application/jwk-set+json").extract().asString();
        List<JsonWebKey> keys = new ArrayList<>(new JsonWebKeySet(published).getJsonWebKeys());
        assertThat(keys).extracting(JsonWebKey::getKeyId).containsExactly("shahed-gateway-1");
        assertThat(published).doesNotContain("\"d\"").doesNotContain("\"p\"");

        // What a service receives for a request made with an API key.
        String authorization = given().header("X-API-Key", ApiKeysTest.partnerKey("jwks")).when()
                .get("/api/v1/incidents/jwks-check").then().statusCode(200).extract().path("authorization");
        String token = authorization.substring("Bearer ".length());

        // Verified as a service does, from a key set that holds other keys too.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RsaJsonWebKey other = new RsaJsonWebKey((RSAPublicKey) generator.generateKeyPair().getPublic());
        other.setKeyId("another-issuers-key");
        keys.add(0, other);
        JwtContext verified = new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .setExpectedIssuer("urn:shahed:gateway").setExpectedAudience("shahed").setRequireExpirationTime()
                .build().process(token);
        assertThat(verified.getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo("shahed-gateway-1");
        JwtClaims claims = verified.getJwtClaims();
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("partner");
    }
}
