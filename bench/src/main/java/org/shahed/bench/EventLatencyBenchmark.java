package org.shahed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shahed.infra.LocalInfra;
import org.shahed.infra.ShahedServices;

/**
 * Write → effect across services: a casualty record written to casualty-service until the incident's summary in
 * incident-service shows it (outbox, relay, Kafka, consumer, projection), against a bare Kafka produce → consume
 * round trip measured in the same run. Goal: p99 ≤ 100 ms.
 */
final class EventLatencyBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern KILLED = Pattern.compile("\"killed\":\\{\"min\":(\\d+)");

    private EventLatencyBenchmark() {
    }

    static void run(LocalInfra infra, Path root, Path dir, int writes) throws Exception {
        try (ShahedServices services = ShahedServices.start(root, infra, dir.resolve("logs"),
                List.of("-Xmx256m", "-XX:+UseSerialGC"), false)) {
            services.awaitReady(Duration.ofMinutes(4));
            String analyst = infra.jwtKeys().token("benchmark", Set.of("analyst", "ingest"), Duration.ofHours(1));
            String incident = id(send("POST", services.url("incident-service") + "/api/v1/incidents", analyst,
                    Files.readString(root.resolve("deploy/demo/first-strike.json"))));
            String incidentUrl = services.url("incident-service") + "/api/v1/incidents/" + incident;
            System.out.printf("event latency benchmark: %d casualty writes, each until incident-service shows it%n", writes);

            List<Double> effect = new ArrayList<>();
            for (int i = 1; i <= writes + 10; i++) {
                String record = """
                        {"incidentId": "%s", "sex": "male", "age": {"years": 30}, "outcome": "killed", "status": "civilian",
                         "documentationLevel": "reported", "sourceSystem": "bench", "externalId": "%s"}""".formatted(incident, UUID.randomUUID());
                long start = System.nanoTime();
                send("POST", services.url("casualty-service") + "/api/v1/casualties", analyst, record);
                while (killed(send("GET", incidentUrl, analyst, null)) < i) {
                    Thread.sleep(2); // polling, not hammering: the services share the machine's two cores
                }
                if (i > 10) { // the first ten warm up the path
                    effect.add((System.nanoTime() - start) / 1e6);
                }
            }
            List<Double> kafka = kafkaRoundTrips(infra.kafka().bootstrapServers(), writes);
            System.out.printf("  write → effect in incident-service: p50 %6.1f ms  p99 %6.1f ms  (goal p99 ≤ 100 ms)%n",
                    Figures.percentile(effect, 50), Figures.percentile(effect, 99));
            System.out.printf("  bare Kafka produce → consume:       p50 %6.1f ms  p99 %6.1f ms%n",
                    Figures.percentile(kafka, 50), Figures.percentile(kafka, 99));
            System.out.printf("  ratio p50 effect/Kafka: %.1f%n", Figures.percentile(effect, 50) / Figures.percentile(kafka, 50));
            Figures.result("write → effect in the consuming service", String.format("p99 %.1f ms",
                    Figures.percentile(effect, 99)), String.format("Kafka produce → consume p99 %.1f ms",
                            Figures.percentile(kafka, 99)), Figures.percentile(effect, 99) / Figures.percentile(kafka, 99),
                    "p99 ≤ 100 ms", Figures.percentile(effect, 99) <= 100);
        }
    }

    private static List<Double> kafkaRoundTrips(String bootstrap, int count) {
        String topic = "bench-latency-" + UUID.randomUUID();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Double> latencies = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < count + 10; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "key", "value " + i));
                boolean received = false;
                while (!received) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    received = !records.isEmpty();
                }
                if (i >= 10) {
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return latencies;
    }

    private static String send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String id(String body) {
        Matcher matcher = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static int killed(String incident) {
        Matcher matcher = KILLED.matcher(incident);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
