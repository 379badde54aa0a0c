package org.shahed.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event contract of a producing service: the JSON Schemas it publishes under
 * {@code META-INF/resources/event-schemas/} (served at {@code /event-schemas/}), with {@code index.json} naming
 * the schema of each event type. {@link #assertEveryEventConforms} reads the whole topic and checks each event:
 * its type must be listed and its data must validate (unknown fields are refused by the schemas, so a protected
 * field slipping into an event fails the test).
 */
public final class EventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "META-INF/resources/event-schemas/";

    private EventSchemas() {
    }

    /** Checks every event on {@code topic} so far; returns how many of each type were checked. */
    public static Map<String, Integer> assertEveryEventConforms(String topic) {
        JsonNode index = read("index.json");
        assertThat(index.path("topic").asText()).isEqualTo(topic);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, JsonSchema> schemas = new HashMap<>();
        Map<String, Integer> checked = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (TopicReader reader = new TopicReader(topic)) {
            for (TopicReader.Received received : reader.readFor(event -> true, Duration.ofSeconds(3))) {
                String type = received.event().getType();
                String file = index.path("events").path(type).asText(null);
                if (file == null) {
                    failures.add(type + ": not in index.json");
                    continue;
                }
                JsonSchema schema = schemas.computeIfAbsent(file, f -> factory.getSchema(read(f), config));
                JsonNode data;
                try {
                    data = JSON.readTree(received.event().getData().toBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Set<ValidationMessage> errors = schema.validate(data);
                if (!errors.isEmpty()) {
                    failures.add(type + " " + received.event().getId() + ": " + errors);
                }
                checked.merge(type, 1, Integer::sum);
            }
        }
        assertThat(failures).as("events that do not match the published schemas").isEmpty();
        return checked;
    }

    /**
     * Checks that every event on {@code topic} so far of one of {@code types} reads as {@code record}, the typed
     * record of the producer's events artifact that consumers read it as (required fields present, every value
     * of its type); returns how many were read.
     */
    public static int assertEveryEventReadsAs(String topic, Set<String> types, Class<?> record) {
        ObjectMapper reader = new ObjectMapper().findAndRegisterModules();
        List<String> failures = new ArrayList<>();
        int read = 0;
        try (TopicReader topicReader = new TopicReader(topic)) {
            for (TopicReader.Received received : topicReader.readFor(event -> types.contains(event.getType()),
                    Duration.ofSeconds(3))) {
                try {
                    reader.readValue(received.event().getData().toBytes(), record);
                    read++;
                } catch (IOException e) {
                    failures.add(received.event().getType() + " " + received.event().getId() + ": " + e.getMessage());
                }
            }
        }
        assertThat(failures).as("events consumers could not read as " + record.getSimpleName()).isEmpty();
        return read;
    }

    private static JsonNode read(String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BASE + file)) {
            assertThat(in).as(BASE + file + " on the class path").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
