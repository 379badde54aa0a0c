package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.PostgresServer;

/**
 * The suite the system tests run is secured as production is (SecuredKafka): every service's database connections
 * are encrypted, and every service talks to Kafka over SASL_SSL as its own SCRAM user.
 */
@ExtendWith(RunningSuite.class)
class SecuredSuiteTest {
    private static final List<String> SERVICES = List.of("incident-service", "casualty-service", "media-service");

    @Test
    void everyDatabaseConnectionOfTheServicesIsEncrypted() throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + RunningSuite.suite().infra().postgres().port() + "/postgres", PostgresServer.USER, "");
                ResultSet rows = admin.createStatement().executeQuery("""
                        select a.datname, bool_and(s.ssl), count(*) from pg_stat_activity a join pg_stat_ssl s using (pid)
                        where a.datname in ('incident', 'casualty', 'media', 'gateway') and a.pid <> pg_backend_pid()
                          and a.application_name not like 'psql%' and a.client_addr is not null
                        group by a.datname order by a.datname""")) {
            int databases = 0;
            while (rows.next()) {
                databases++;
                assertThat(rows.getBoolean(2)).as("every connection to " + rows.getString(1) + " is TLS").isTrue();
            }
            assertThat(databases).isEqualTo(4);
        }
    }

    @Test
    void everyServiceTalksToKafkaOnlyOverSaslSslAsItsOwnUser() {
        String secured = RunningSuite.suite().infra().kafka().securedBootstrapServers();
        for (String service : SERVICES) {
            List<String> arguments = ProcessHandle.allProcesses()
                    .map(process -> process.info().arguments().map(List::of).orElse(List.of()))
                    .filter(args -> args.stream().anyMatch(a -> a.contains(service + "/target/quarkus-app/quarkus-run.jar")))
                    .filter(args -> args.stream().anyMatch(a -> a.contains(RunningSuite.suite().infra().postgres().port() + "/")))
                    .findFirst().orElseThrow(() -> new AssertionError(service + "'s process"));
            assertThat(arguments).as(service).contains("-Dkafka.bootstrap.servers=" + secured, "-Dkafka.security.protocol=SASL_SSL",
                    "-Dkafka.sasl.mechanism=SCRAM-SHA-512");
            assertThat(arguments).as(service).anyMatch(a -> a.startsWith("-Dkafka.sasl.jaas.config=") && a.contains("username=\"" + service + "-kafka\""));
        }
    }
}
