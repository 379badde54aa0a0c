package org.shahed.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/**
 * Reads the CloudEvents on a topic of the test session's broker from its beginning, as an independent
 * consumer would. Tests select their own events by subject (aggregate id), so they need no fresh topic.
 */
public final class TopicReader implements AutoCloseable {
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    /** One event as read: the Kafka key and partition beside the decoded CloudEvent. */
    public record Received(String key, int partition, long offset, CloudEvent event) {
    }

    public TopicReader(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfraResource.infra().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Waits until {@code count} events matching {@code filter} were read, and returns them in read order. */
    public List<Received> await(Predicate<CloudEvent> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching(filter).size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(250));
        }
        return matching(filter);
    }

    /**
     * Waits until {@code count} different events (by id) matching {@code filter} were read, and returns each once, in
     * the order first read: delivery is at least once, and consumers skip an id they have seen.
     */
    public List<Received> awaitDistinct(Predicate<CloudEvent> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct(matching(filter)).size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(250));
        }
        return distinct(matching(filter));
    }

    private static List<Received> distinct(List<Received> events) {
        Set<String> seen = new HashSet<>();
        return events.stream().filter(received -> seen.add(received.event().getId())).toList();
    }

    /** Keeps reading for {@code quiet} and returns every event matching {@code filter} seen so far. */
    public List<Received> readFor(Predicate<CloudEvent> filter, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(250));
        }
        return matching(filter);
    }

    public static Predicate<CloudEvent> subject(String subject) {
        return event -> subject.equals(event.getSubject());
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(duration)) {
            try {
                received.add(new Received(record.key(), record.partition(), record.offset(),
                        FORMAT.deserialize(record.value())));
            } catch (RuntimeException notACloudEvent) {
                // Tests that put garbage on a topic read it raw; here only CloudEvents are of interest.
            }
        }
    }

    private List<Received> matching(Predicate<CloudEvent> filter) {
        return received.stream().filter(r -> filter.test(r.event())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
