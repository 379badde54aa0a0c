package org.shahed.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The registry as a deployment sets it: the gateway's own application.properties and the environment variables
 * the manifests give (SHAHED_GATEWAY_SERVICES_INCIDENT_SERVICE_URL...), read as the gateway reads them.
 */
class ServiceRegistryConfigTest {

    private static GatewayConfig read(Map<String, String> environment) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ServiceRegistryConfigTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> application = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!key.toString().startsWith("%")) {
                application.put(key.toString(), value.toString());
            }
        });
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(application, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(GatewayConfig.class).build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    @Test
    void theManifestsEnvironmentNamesEachServiceAndRoutesFollowTheRegistry() throws IOException {
        GatewayConfig config = read(Map.of(
                "SHAHED_GATEWAY_SERVICES_INCIDENT_SERVICE_URL", "http://incident-service",
                "SHAHED_GATEWAY_SERVICES_CASUALTY_SERVICE_URL", "http://casualty-service",
                "SHAHED_GATEWAY_SERVICES_MEDIA_SERVICE_URL", "http://media-service",
                "SHAHED_GATEWAY_CORS_ORIGINS", "https://dashboard.example.org"));
        assertThat(config.corsOrigins()).containsExactly("https://dashboard.example.org");
        assertThat(config.services().keySet()).containsExactlyInAnyOrder("incident-service", "casualty-service",
                "media-service");
        assertThat(config.services().get("incident-service").url()).isEqualTo(URI.create("http://incident-service"));

        Routes routes = new Routes(config);
        for (var route : Map.of("/api/v1/incidents/1/testimonies", "incident-service",
                "/api/v1/casualty-aggregates", "casualty-service", "/api/v1/media/1/content", "media-service",
                "/api/v1/admin/reconciliation/incident-projection", "casualty-service",
                "/api/v1/admin/api-keys/1", "gateway", "/api/v1/incidents/1/dossier", "gateway").entrySet()) {
            assertThat(routes.targetOf(route.getKey())).as(route.getKey()).get()
                    .extracting(Routes.Target::name).isEqualTo(route.getValue());
        }
        for (String nobody : List.of("/api/v1/nowhere", "/api/v1/admin/reconciliation/other", "/api/v1/incidentsx")) {
            assertThat(routes.targetOf(nobody)).as(nobody).isEmpty();
        }
    }

    @Test
    void aDeploymentThatDoesNotSayWhereAServiceIsDoesNotStart() {
        assertThatThrownBy(() -> read(Map.of(
                "SHAHED_GATEWAY_SERVICES_INCIDENT_SERVICE_URL", "http://incident-service",
                "SHAHED_GATEWAY_SERVICES_CASUALTY_SERVICE_URL", "http://casualty-service")))
                .hasMessageContaining("shahed.gateway.services.media-service.url");
    }
}
