package org.shahed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shahed.infra.FreePorts;
import org.shahed.infra.LocalCertificates;
import org.shahed.infra.PostgresServer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PostgreSQL as the manifests connect to it: TLS with the server checked against the cluster's CA and its name
 * (verify-full), with the JDBC parameters the ConfigMap gives every service (POSTGRES_TLS), on a real server
 * whose certificate stands in for CloudNativePG's. A server the CA did not certify is refused.
 */
class PostgresTlsTest {
    private static PostgresServer postgres;
    private static Path dir;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        Assumptions.assumeTrue(Rendered.kubectl() != null, "kubectl (with kustomize) could not be installed");
        dir = Files.createTempDirectory("shahed-postgres-tls-");
        LocalCertificates.make(dir, "server");
        LocalCertificates.make(dir, "stranger");
        postgres = PostgresServer.start(dir.resolve("data"), FreePorts.pick(), false, Map.of("ssl", "on",
                "ssl_cert_file", dir.resolve("server.crt").toString(), "ssl_key_file", dir.resolve("server.key").toString()));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theServicesSettingsConnectOverTlsAndCheckTheServer() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(dir.resolve("server.crt")), PostgresServer.USER, "");
                ResultSet ssl = connection.createStatement().executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean(1)).as("the connection is encrypted").isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(dir.resolve("stranger.crt")), PostgresServer.USER, "").close())
                .as("a server whose certificate the CA did not sign").isInstanceOf(SQLException.class);
    }

    /** The JDBC URL of the manifests (jdbc:postgresql://$(POSTGRES_HOST):5432/db?$(POSTGRES_TLS)), here. */
    private static String url(Path caCertificate) {
        JsonNode config = Rendered.ofKind("production", "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("shahed")).findFirst().orElseThrow().path("data");
        String tls = config.path("POSTGRES_TLS").asText();
        assertThat(tls).contains("sslmode=verify-full", "sslrootcert=");
        String here = tls.replaceAll("sslrootcert=[^&]+", "sslrootcert=" + caCertificate);
        String deployment = Rendered.ofKind("production", "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("incident-service")).findFirst().orElseThrow()
                .findValues("value").stream().map(JsonNode::asText).filter(v -> v.startsWith("jdbc:postgresql:")).findFirst().orElseThrow();
        assertThat(deployment).endsWith("?$(POSTGRES_TLS)");
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?" + here;
    }
}
