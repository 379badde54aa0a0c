package org.shahed.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.shahed.platform.outbox.TraceContexts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs a service's Kafka consumers. Each event is applied in one transaction together with its claim in
 * {@link ProcessedEvents}, and the offset is committed afterwards: a redelivered event changes nothing, a
 * crash before the commit replays it harmlessly. An event that cannot be read goes to the dead-letter topic
 * {@code <topic>.dlq} with the reason at once; one whose handler fails is tried again, ever further apart, for
 * {@code shahed.consumers.retry-for} (60 s: a database fail-over passes) before it goes there. A consumer that
 * stops on an error starts again; {@link ConsumersHealth} shows it failing meanwhile.
 */
@ApplicationScoped
public class EventSubscriptions {
    private static final Logger LOG = Logger.getLogger(EventSubscriptions.class);
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    /** The longest wait between two attempts at an event, and between two restarts of a failed consumer. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** The log context keys of the trace (the same Quarkus uses for requests). */
    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private final Map<String, Object> kafkaConfig;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Duration retryFor;
    private final List<Subscription> running = new CopyOnWriteArrayList<>();
    private KafkaProducer<String, byte[]> deadLetters;

    private final MeterRegistry metrics;
    private final Tracer tracer;

    @Inject
    public EventSubscriptions(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ProcessedEvents processed, ObjectMapper json,
            @ConfigProperty(name = "shahed.consumers.retry-for", defaultValue = "60s") Duration retryFor,
            MeterRegistry metrics, OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.shahed.consumers");
        this.kafkaConfig = kafkaConfig;
        this.processed = processed;
        this.json = json;
        this.retryFor = retryFor;
        this.metrics = metrics;
    }

    /** How each running consumer fares, for health checks. */
    public List<Subscription.State> states() {
        return running.stream().map(Subscription::state).toList();
    }

    /**
     * Starts consuming {@code topic} as consumer group {@code group}; events of other {@code types} are skipped.
     * {@code group} also names the consumer in the processed-event claims.
     */
    public synchronized Subscription subscribe(String group, String topic, Set<String> types, EventHandler handler) {
        return start(new Subscription(group, topic, types, data -> data,
                (event, data) -> handler.handle(event, (JsonNode) data)));
    }

    /** Applies one event, its data read as the producer's typed record. */
    @FunctionalInterface
    public interface TypedHandler<T> {
        void handle(CloudEvent event, T data);
    }

    /**
     * As {@link #subscribe(String, String, Set, EventHandler)}, each event's data read as {@code dataType} (a
     * producer's event record, from its events artifact): data that does not read as it (a required field missing,
     * a value of the wrong type) is dead-lettered at once with the reason, never applied as empty values.
     */
    public synchronized <T> Subscription subscribe(String group, String topic, Set<String> types, Class<T> dataType,
            TypedHandler<T> handler) {
        return start(new Subscription(group, topic, types, data -> {
            try {
                return json.treeToValue(data, dataType);
            } catch (JsonProcessingException e) {
                throw new UnreadableData("its data does not read as " + dataType.getSimpleName() + ": "
                        + e.getOriginalMessage());
            }
        }, (event, data) -> handler.handle(event, dataType.cast(data))));
    }

    /** A dead letter as an admin reads it. */
    public record DeadLetter(String consumer, String eventId, String type, String reason, String origin,
            Instant deadLetteredAt) {
    }

    /** What a replay of dead letters did: applied now, applied before (skipped), not this service's type, failed. */
    public record Replay(int applied, int alreadyApplied, int notHandled, List<DeadLetter> failed) {
    }

    /** The dead letters of this service's running consumers ({@code group}'s only, unless null), oldest first. */
    public List<DeadLetter> deadLetters(String group) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Subscription subscription : subscriptionsOf(group)) {
            readDeadLetters(subscription, letter -> letters.add(subscription.describe(letter, header(letter, "x-shahed-dlq-reason"))));
        }
        return letters;
    }

    /**
     * Applies the dead letters of this service's running consumers ({@code group}'s only, unless null) again, after
     * whatever made them fail was fixed: each through its consumer's handler and claim, so an event applied before
     * (or replayed twice) changes nothing. A letter that fails again stays where it is, and is reported.
     */
    public Replay replayDeadLetters(String group) {
        int[] counts = new int[3];
        List<DeadLetter> failed = new ArrayList<>();
        for (Subscription subscription : subscriptionsOf(group)) {
            readDeadLetters(subscription, letter -> {
                String failure = subscription.replay(letter, counts);
                if (failure != null) {
                    failed.add(subscription.describe(letter, failure));
                }
            });
        }
        LOG.infof("Dead letters replayed: %d applied, %d applied before, %d not handled here, %d failed again",
                counts[0], counts[1], counts[2], failed.size());
        return new Replay(counts[0], counts[1], counts[2], failed);
    }

    private List<Subscription> subscriptionsOf(String group) {
        return running.stream().filter(subscription -> group == null || subscription.group.equals(group)).toList();
    }

    /** Reads {@code subscription}'s dead-letter topic from its start to its current end, its own letters only. */
    private void readDeadLetters(Subscription subscription, Consumer<ConsumerRecord<String, byte[]>> letter) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            String deadLetterTopic = subscription.topic + ".dlq";
            if (!reader.listTopics(Duration.ofSeconds(10)).containsKey(deadLetterTopic)) {
                return; // nothing was ever dead-lettered from this topic
            }
            List<TopicPartition> partitions = reader.partitionsFor(deadLetterTopic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (subscription.group.equals(header(record, "x-shahed-dlq-consumer"))) {
                        letter.accept(record);
                    }
                }
            }
        }
    }

    private static String traceparentOf(CloudEvent event) {
        Object traceparent = event.getExtension(TraceContexts.TRACEPARENT);
        return traceparent == null ? null : traceparent.toString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The next pause of a backoff: twice the last, at most {@link #MAX_WAIT}. */
    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : doubled;
    }

    private Subscription start(Subscription subscription) {
        running.add(subscription);
        subscription.start();
        return subscription;
    }

    /** An event whose data does not read as its consumer's record: retrying would not change it. */
    private static final class UnreadableData extends RuntimeException {
        UnreadableData(String message) {
            super(message);
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        running.forEach(Subscription::stop);
        synchronized (this) {
            if (deadLetters != null) {
                deadLetters.close(Duration.ofSeconds(5));
            }
        }
    }

    private synchronized KafkaProducer<String, byte[]> deadLetters() {
        if (deadLetters == null) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
            deadLetters = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return deadLetters;
    }

    /** One running consumer; {@link #stop()} ends it after the record in hand. */
    public final class Subscription {
        private final String group;
        private final String topic;
        private final Set<String> types;
        private final Function<JsonNode, Object> reader;
        private final BiConsumer<CloudEvent, Object> handler;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, byte[]> consumer;
        private Thread thread;
        private volatile String failure;
        private volatile Instant failingSince;
        private final AtomicInteger restarts = new AtomicInteger();
        private KafkaClientMetrics kafkaMetrics;
        private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

        /** A consumer's state: failing (since when, why) or consuming, and how often it was restarted. */
        public record State(String group, String topic, boolean consuming, Instant failingSince,
                String failure, int restarts) {
        }

        State state() {
            return new State(group, topic, failure == null, failingSince, failure, restarts.get());
        }

        private final Counter applied;
        private final Counter deadLettered;

        private Subscription(String group, String topic, Set<String> types,
                Function<JsonNode, Object> reader, BiConsumer<CloudEvent, Object> handler) {
            this.group = group;
            this.topic = topic;
            this.types = types;
            this.reader = reader;
            this.handler = handler;
            this.applied = Counter.builder("shahed.events.applied").tag("consumer", group)
                    .description("Events a consumer applied (each once)").register(metrics);
            this.deadLettered = Counter.builder("shahed.events.dead.lettered").tag("consumer", group)
                    .description("Events a consumer sent to its dead-letter topic").register(metrics);
            Gauge.builder("shahed.consumer.failing", this, subscription -> subscription.failure == null ? 0 : 1)
                    .tag("consumer", group).description("1 while the consumer is failing and restarting").register(metrics);
            Gauge.builder("shahed.consumer.restarts", restarts, AtomicInteger::get).tag("consumer", group)
                    .description("How often the consumer was started again after a failure").register(metrics);
        }

        private void start() {
            thread = new Thread(this::run, "consumer-" + group);
            thread.setDaemon(true);
            thread.start();
        }

        private KafkaConsumer<String, byte[]> newConsumer() {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        }

        public void stop() {
            running = false;
            EventSubscriptions.this.running.remove(this);
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Consumes until stopped. Whatever stops the consumer (an error, a dead letter that cannot be written) is
         * logged, shown by {@link #state()}, and the consumer starts again after a growing pause, from the last
         * committed offset: what was not committed comes again and is recognised by its claim.
         */
        private void run() {
            Duration pause = Duration.ofMillis(500);
            while (running) {
                try {
                    consume();
                } catch (WakeupException e) {
                    // stopping
                } catch (Throwable e) {
                    if (!running) {
                        break;
                    }
                    if (failure == null) {
                        failingSince = Instant.now();
                    }
                    failure = String.valueOf(e);
                    restarts.incrementAndGet();
                    LOG.errorf(e, "Consumer %s of %s failed; starting again in %s", group, topic, pause);
                    if (!sleep(pause)) {
                        break;
                    }
                    pause = longer(pause);
                }
            }
        }

        private void consume() {
            try (KafkaConsumer<String, byte[]> current = newConsumer()) {
                consumer = current;
                if (!running) {
                    return;
                }
                current.subscribe(List.of(topic));
                // Lag per partition and the client's other metrics, for as long as this consumer lives.
                kafkaMetrics = new KafkaClientMetrics(current, List.of(Tag.of("consumer", group)));
                kafkaMetrics.bindTo(metrics);
                while (running) {
                    var records = current.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        apply(record);
                    }
                    if (!records.isEmpty()) {
                        current.commitSync();
                    }
                    recordLag(current);
                    failure = null;
                    failingSince = null;
                }
            } finally {
                consumer = null;
                if (kafkaMetrics != null) {
                    kafkaMetrics.close();
                    kafkaMetrics = null;
                }
            }
        }

        /**
         * Each assigned partition's lag as the consumer last knew it (from its fetches, no request of its own), kept
         * for the metrics: the consumer itself may only be used by its own thread.
         */
        private void recordLag(KafkaConsumer<String, byte[]> current) {
            Set<TopicPartition> assigned = current.assignment();
            for (TopicPartition partition : assigned) {
                var lag = current.currentLag(partition);
                if (lag.isPresent()) {
                    AtomicLong known = lags.computeIfAbsent(partition, added -> {
                        AtomicLong value = new AtomicLong();
                        Gauge.builder("shahed.consumer.lag", value, AtomicLong::get).tag("consumer", group)
                                .tag("topic", added.topic()).tag("partition", String.valueOf(added.partition()))
                                .description("Events of the partition not yet consumed (while this replica reads it)")
                                .register(metrics);
                        return value;
                    });
                    known.set(lag.getAsLong());
                }
            }
            // A partition given to another replica shows no lag here.
            lags.forEach((partition, value) -> {
                if (!assigned.contains(partition)) {
                    value.set(0);
                }
            });
        }

        /** Waits, unless stopped meanwhile; whether to go on. */
        private boolean sleep(Duration pause) {
            try {
                Thread.sleep(pause.toMillis());
                return running;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** A record's event, its data read as this consumer's type. */
        private record Readable(CloudEvent event, Object data) {
        }

        /** The record as this consumer reads it, null for a type it does not handle; UnreadableData says why not. */
        private Readable read(ConsumerRecord<String, byte[]> record) {
            CloudEvent event;
            JsonNode data;
            try {
                event = FORMAT.deserialize(record.value());
                data = event.getData() == null ? json.nullNode() : json.readTree(event.getData().toBytes());
            } catch (Exception e) {
                throw new UnreadableData("unreadable CloudEvent: " + e.getMessage());
            }
            if (!types.contains(event.getType())) {
                return null;
            }
            try {
                return new Readable(event, reader.apply(data));
            } catch (UnreadableData e) {
                throw new UnreadableData(event.getType() + " event " + event.getId() + ": " + e.getMessage());
            }
        }

        /** Applies the event in one transaction with its claim; whether it was applied now (false: before). */
        private boolean applyOnce(Readable readable) {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!processed.claim(group, readable.event().getId())) {
                    return false;
                }
                handler.accept(readable.event(), readable.data());
                return true;
            });
        }

        private void apply(ConsumerRecord<String, byte[]> record) {
            Readable readable;
            try {
                readable = read(record);
            } catch (UnreadableData e) {
                deadLetter(record, e.getMessage());
                return;
            }
            if (readable == null) {
                return;
            }
            // The event is applied in the trace of the write that made it: its log lines carry that trace's id.
            Span span = tracer.spanBuilder(group + " process").setSpanKind(SpanKind.CONSUMER)
                    .setParent(TraceContexts.parentOf(traceparentOf(readable.event())))
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", group)
                    .setAttribute("messaging.message.id", readable.event().getId()).startSpan();
            try (Scope scope = span.makeCurrent()) {
                MDC.put(TRACE_ID, span.getSpanContext().getTraceId());
                MDC.put(SPAN_ID, span.getSpanContext().getSpanId());
                applyWithRetries(record, readable);
            } finally {
                MDC.remove(TRACE_ID);
                MDC.remove(SPAN_ID);
                span.end();
            }
        }

        private void applyWithRetries(ConsumerRecord<String, byte[]> record, Readable readable) {
            // A failure may pass (a database fail-over): attempts go on, ever further apart, for retryFor; only an
            // event that still fails then is dead-lettered.
            long giveUpAt = System.nanoTime() + retryFor.toNanos();
            Duration pause = Duration.ofMillis(200);
            Exception last = null;
            for (int attempt = 1; running; attempt++) {
                try {
                    applyOnce(readable);
                    applied.increment();
                    return;
                } catch (Exception e) {
                    last = e;
                    LOG.warnf("Consumer %s: event %s failed (attempt %d): %s", group, readable.event().getId(), attempt, e);
                }
                if (System.nanoTime() + pause.toNanos() > giveUpAt || !sleep(pause)) {
                    break;
                }
                pause = longer(pause);
            }
            if (last != null && running) {
                deadLetter(record, "handler failed for " + retryFor + ": " + last);
            } else if (!running) {
                // Stopping: not committed, so it comes again to whoever consumes next.
                throw new WakeupException();
            }
        }

        /** Applies a dead letter once more, counting it in {@code counts}; why it failed again, or null. */
        private String replay(ConsumerRecord<String, byte[]> letter, int[] counts) {
            Readable readable;
            try {
                readable = read(letter);
            } catch (UnreadableData e) {
                return e.getMessage();
            }
            if (readable == null) {
                counts[2]++;
                return null;
            }
            try {
                counts[applyOnce(readable) ? 0 : 1]++;
                return null;
            } catch (Exception e) {
                return String.valueOf(e);
            }
        }

        private DeadLetter describe(ConsumerRecord<String, byte[]> letter, String reason) {
            String eventId = null;
            String type = null;
            try {
                CloudEvent event = FORMAT.deserialize(letter.value());
                eventId = event.getId();
                type = event.getType();
            } catch (RuntimeException e) {
                // an unreadable letter is listed without them
            }
            return new DeadLetter(group, eventId, type, reason, header(letter, "x-shahed-dlq-origin"),
                    Instant.ofEpochMilli(letter.timestamp()));
        }

        private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
            LOG.errorf("Consumer %s: record %s-%d@%d dead-lettered: %s", group, record.topic(), record.partition(),
                    record.offset(), reason);
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic + ".dlq", record.key(), record.value());
            record.headers().forEach(letter.headers()::add);
            letter.headers().add("x-shahed-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
            letter.headers().add("x-shahed-dlq-consumer", group.getBytes(StandardCharsets.UTF_8));
            letter.headers().add("x-shahed-dlq-origin",
                    (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
            try {
                deadLetters().send(letter).get();
                deadLettered.increment();
            } catch (Exception e) {
                // Without the dead letter the event would be lost: stop here and let a restart retry it.
                throw new IllegalStateException("cannot dead-letter " + record.topic() + "@" + record.offset(), e);
            }
        }
    }
}
