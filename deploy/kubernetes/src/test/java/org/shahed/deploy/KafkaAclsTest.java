package org.shahed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shahed.infra.FreePorts;
import org.shahed.infra.KafkaBroker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The production overlay's Kafka security on a real broker: SASL_SSL with SCRAM-SHA-512 and ACLs enforced, each
 * service's KafkaUser with exactly the ACLs of its manifest, and each service's client configured from the manifests'
 * ConfigMap as Quarkus reads it (KAFKA_* → kafka settings). Each service then makes the Kafka calls its code makes
 * (an idempotent producer on its outbox topic; a consumer group on what it reads; dead letters written, listed and
 * read back by assignment) — and is refused what it must not do: writing another service's topic, reading as another
 * consumer group.
 */
class KafkaAclsTest {
    private static final String OVERLAY = "production";
    private static KafkaBroker broker;
    private static final Map<String, String> passwords = new LinkedHashMap<>();
    /** Per service (KafkaUser name without "-kafka"): the topic it writes, the topics it reads, as which groups. */
    private static final Map<String, String> writes = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> reads = new LinkedHashMap<>();

    @BeforeAll
    static void startABrokerWithTheManifestsUsersTopicsAndAcls() throws Exception {
        Assumptions.assumeTrue(Rendered.kubectl() != null, "kubectl (with kustomize) could not be installed");
        List<JsonNode> users = Rendered.ofKind(OVERLAY, "KafkaUser");
        users.forEach(user -> passwords.put(user.at("/metadata/name").asText(), UUID.randomUUID().toString()));
        Path dir = Files.createTempDirectory("shahed-kafka-secured-");
        broker = KafkaBroker.startSecured(dir, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), passwords);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (JsonNode topic : Rendered.ofKind(OVERLAY, "KafkaTopic")) {
                // One broker here: replication 1; partitions and the rest as the manifest says.
                Map<String, String> config = new HashMap<>();
                topic.at("/spec/config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                config.put("min.insync.replicas", "1");
                topics.add(new NewTopic(topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asInt(), (short) 1).configs(config));
            }
            admin.createTopics(topics).all().get();
            List<AclBinding> acls = new ArrayList<>();
            for (JsonNode user : users) {
                String principal = "User:" + user.at("/metadata/name").asText();
                String service = user.at("/metadata/name").asText().replaceAll("-kafka$", "");
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    String type = acl.at("/resource/type").asText();
                    String name = acl.at("/resource/name").asText();
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(new ResourcePattern(ResourceType.fromString(type), name, PatternType.LITERAL),
                                new AccessControlEntry(principal, "*", AclOperation.fromString(operation.asText()), AclPermissionType.ALLOW)));
                        if (type.equals("topic") && !name.endsWith(".dlq") && operation.asText().equals("Write")) {
                            writes.put(service, name);
                        }
                    }
                }
                // The topics it reads and its groups, paired in the order the manifest lists them (topic, then group).
                List<String> topicsRead = new ArrayList<>();
                List<String> groups = new ArrayList<>();
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    String name = acl.at("/resource/name").asText();
                    if (acl.at("/resource/type").asText().equals("group")) {
                        groups.add(name);
                    } else if (acl.path("operations").toString().contains("Read") && !name.endsWith(".dlq")) {
                        topicsRead.add(name);
                    }
                }
                assertThat(groups).hasSameSizeAs(topicsRead);
                Map<String, String> byTopic = new LinkedHashMap<>();
                for (int i = 0; i < topicsRead.size(); i++) {
                    byTopic.put(topicsRead.get(i), groups.get(i));
                }
                reads.put(service, byTopic);
            }
            admin.createAcls(acls).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachServiceMakesItsCallsAndIsRefusedTheOthers() throws Exception {
        assertThat(writes.keySet()).containsExactlyInAnyOrder("incident-service", "casualty-service", "media-service");
        // Each writes its outbox topic, as its relay does.
        for (var entry : writes.entrySet()) {
            try (KafkaProducer<String, String> producer = producer(entry.getKey())) {
                producer.send(new ProducerRecord<>(entry.getValue(), "aggregate-1", "{\"from\":\"" + entry.getKey() + "\"}")).get();
            }
        }
        // Each reads what it consumes as its group, writes a dead letter and reads its dead letters back.
        for (var entry : reads.entrySet()) {
            String service = entry.getKey();
            for (var subscription : entry.getValue().entrySet()) {
                String topic = subscription.getKey();
                try (KafkaConsumer<String, String> consumer = consumer(service, subscription.getValue())) {
                    consumer.subscribe(List.of(topic));
                    List<ConsumerRecord<String, String>> got = new ArrayList<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (got.isEmpty() && System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                    }
                    assertThat(got).as(service + " reads " + topic).isNotEmpty();
                    consumer.commitSync();
                }
                try (KafkaProducer<String, String> producer = producer(service)) {
                    producer.send(new ProducerRecord<>(topic + ".dlq", "aggregate-1", "dead letter of " + service)).get();
                }
                try (KafkaConsumer<String, String> reader = consumer(service, null)) {
                    assertThat(reader.listTopics(Duration.ofSeconds(10))).containsKey(topic + ".dlq");
                    List<TopicPartition> partitions = reader.partitionsFor(topic + ".dlq", Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    reader.assign(partitions);
                    reader.seekToBeginning(partitions);
                    assertThat(reader.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()).isPositive();
                    assertThat(reader.poll(Duration.ofSeconds(5)).count()).isPositive();
                }
            }
        }
        // casualty-service may not forge incident-service's events, nor read as media-service's group.
        try (KafkaProducer<String, String> producer = producer("casualty-service")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(writes.get("incident-service"), "x", "forged")).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        String othersGroup = reads.get("media-service").values().iterator().next();
        try (KafkaConsumer<String, String> consumer = consumer("casualty-service", othersGroup)) {
            consumer.subscribe(List.of(writes.get("incident-service")));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /** A service's Kafka settings as Quarkus makes them from the ConfigMap's KAFKA_* entries and the user's Secret. */
    private static Map<String, Object> settings(String service) {
        Map<String, Object> settings = new HashMap<>();
        JsonNode config = Rendered.ofKind(OVERLAY, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("shahed")).findFirst().orElseThrow().path("data");
        config.fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith("KAFKA_")) {
                settings.put(entry.getKey().substring("KAFKA_".length()).toLowerCase().replace('_', '.'), entry.getValue().asText());
            }
        });
        // Where this broker and its certificate are, instead of the cluster's Service and CA Secret.
        assertThat(settings).containsKeys("bootstrap.servers", "ssl.truststore.location", "security.protocol", "sasl.mechanism");
        settings.put("bootstrap.servers", broker.securedBootstrapServers());
        settings.put("ssl.truststore.location", broker.certificateAuthority().toString());
        // As Strimzi writes it into the KafkaUser's Secret (key sasl.jaas.config).
        String user = service + "-kafka";
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + passwords.get(user) + "\";");
        return settings;
    }

    private static KafkaProducer<String, String> producer(String service) {
        Map<String, Object> settings = settings(service);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String service, String group) {
        Map<String, Object> settings = settings(service);
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
