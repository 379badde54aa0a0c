package org.shahed.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The two issuers a service trusts, each with its own key, and what each may vouch for:
 * <ul>
 * <li>the identity provider ({@code mp.jwt.verify.*}: issuer, key, audience), for people and any role;</li>
 * <li>the gateway, for the short-lived tokens it exchanges API keys for: its own issuer
 * ({@code shahed.security.gateway-tokens.issuer}) and key ({@code ...publickey-location}), the same audience, and
 * only the roles a key can carry, {@code partner} and {@code ingest}: a gateway key that leaked cannot mint a staff
 * token any service accepts. With no gateway key configured, no gateway token is accepted.</li>
 * </ul>
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TrustedIssuers extends JWTCallerPrincipalFactory {
    private static final Set<String> GATEWAY_ROLES = Set.of(Roles.PARTNER, Roles.INGEST);

    @ConfigProperty(name = "shahed.security.gateway-tokens.issuer", defaultValue = "urn:shahed:gateway")
    String gatewayIssuer;
    @ConfigProperty(name = "shahed.security.gateway-tokens.publickey-location")
    Optional<String> gatewayKey;

    /** One parser per issuer: a parser keeps the key resolver of the first context it is given. */
    private final DefaultJWTTokenParser identityProvider = new DefaultJWTTokenParser();
    private final DefaultJWTTokenParser gateway = new DefaultJWTTokenParser();
    private volatile JWTAuthContextInfo gatewayContext;

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo configured) throws ParseException {
        boolean fromGateway = gatewayIssuer.equals(unverifiedIssuer(token));
        JwtContext verified;
        if (fromGateway) {
            if (gatewayKey.isEmpty()) {
                throw new ParseException("tokens of the gateway are not trusted by this service");
            }
            verified = gateway.parse(token, gatewayContext(configured));
            checkGatewayRoles(verified.getJwtClaims());
        } else {
            verified = identityProvider.parse(token, configured);
        }
        return new DefaultJWTCallerPrincipal(verified.getJoseObjects().get(0).getHeader("typ"), verified.getJwtClaims());
    }

    private JWTAuthContextInfo gatewayContext(JWTAuthContextInfo configured) {
        JWTAuthContextInfo context = gatewayContext;
        if (context == null) {
            context = new JWTAuthContextInfo(configured);
            context.setIssuedBy(gatewayIssuer);
            context.setPublicVerificationKey(null);
            context.setPublicKeyContent(null);
            context.setPublicKeyLocation(gatewayKey.get());
            context.setTokenKeyId(null);
            gatewayContext = context;
        }
        return context;
    }

    private static void checkGatewayRoles(JwtClaims claims) throws ParseException {
        try {
            if (!claims.hasClaim("groups") || !GATEWAY_ROLES.containsAll(claims.getStringListClaimValue("groups"))) {
                throw new ParseException("a gateway token may carry the roles partner and ingest only");
            }
        } catch (MalformedClaimException e) {
            throw new ParseException("a gateway token's groups are not a list of roles", e);
        }
    }

    /** The {@code iss} claim read without checking anything, only to choose which issuer must have signed. */
    private static String unverifiedIssuer(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || parts[1].length() > 16_384) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return JwtClaims.parse(payload).getIssuer();
        } catch (IllegalArgumentException | InvalidJwtException | MalformedClaimException e) {
            return null;
        }
    }
}
