package org.shahed.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/** Puts events on a topic of the test session's broker as another service's outbox relay would (or raw bytes). */
public final class TopicWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfraResource.infra().kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A structured-mode JSON CloudEvent with {@code id}, {@code type}, subject = key, and JSON {@code data}. */
    public void send(String topic, String id, String source, String type, String key, String jsonData) {
        var event = CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType(type).withSubject(key)
                .withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData(jsonData.getBytes(StandardCharsets.UTF_8)).build();
        sendRaw(topic, key, EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
