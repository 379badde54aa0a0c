package org.shahed.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * What every Shahed service promises, checked against its real database and broker: extend it with a
 * {@code @QuarkusTest} in each service module.
 */
public abstract class ServiceContractTest {

    @Test
    void isReadyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", startsWith("Shahed"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body("components.schemas.Problem.properties.violations.type", equalTo("array"));
    }

    @Test
    void everyEndpointNamesTheRolesAllowedToCallIt() {
        assertThat(EndpointRoles.violations(Path.of("target/classes"))).isEmpty();
    }

    /** Services publish change events through the outbox; the gateway, with a database but no events, does not. */
    protected boolean publishesEvents() {
        return true;
    }

    @Test
    void hasMigratedItsOwnDatabaseWithTheOutboxWhereItPublishesEvents() throws Exception {
        assertThat(Database.count("select count(*) from flyway_schema_history where success and version = '1'"))
                .isEqualTo(1);
        assertThat(Database.count("select count(*) from information_schema.tables where table_name = 'outbox_event'"))
                .isEqualTo(publishesEvents() ? 1 : 0);
    }
}
