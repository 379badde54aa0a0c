package org.shahed.gateway.access;

import java.util.ArrayList;
import java.util.List;

import org.shahed.gateway.routing.GatewayConfig;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A client's address as API keys' address ranges, failed-authentication limits and the audit log must see it. Behind
 * an ingress or a load balancer the connection comes from the proxy; then the address is the one the proxies
 * forwarded ({@code X-Forwarded-For}): read from the right, the first address that is not one of the trusted
 * proxies ({@code shahed.gateway.trusted-proxies}). A connection from anywhere else is taken at its word, whatever
 * header it sends, so that no client can claim another address.
 */
@ApplicationScoped
public class ClientAddresses {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    GatewayConfig config;

    private List<IPAddress> trustedProxies;

    @PostConstruct
    void init() {
        List<IPAddress> trusted = new ArrayList<>();
        for (String range : config.trustedProxies().orElse(List.of())) {
            IPAddress address = new IPAddressString(range.trim()).getAddress();
            if (address == null) {
                throw new IllegalStateException("shahed.gateway.trusted-proxies: '" + range + "' is not an address or CIDR range");
            }
            trusted.add(address.toPrefixBlock());
        }
        trustedProxies = List.copyOf(trusted);
    }

    /** The address of the client that made the request (never null: empty when the connection has none). */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        if (trustedProxies.isEmpty() || !trusted(parse(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            IPAddress hop = parse(hops.get(i));
            if (hop == null) {
                return nearest; // what a trusted proxy added is well formed; anything left of garbage is not believed
            }
            nearest = hop.toCanonicalString();
            if (!trusted(hop)) {
                return nearest;
            }
        }
        return nearest;
    }

    private boolean trusted(IPAddress address) {
        if (address == null) {
            return false;
        }
        for (IPAddress range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static IPAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        IPAddressString parsed = new IPAddressString(text);
        return parsed.isIPAddress() ? parsed.getAddress().withoutPrefixLength() : null;
    }
}
