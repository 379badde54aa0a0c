package org.shahed.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.shahed.infra.LocalInfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The system tests run the suite secured as production is (deploy/kubernetes/base/kafka.yaml): PostgreSQL over TLS
 * checked with verify-full, each service on Kafka's SASL_SSL listener as its own SCRAM user, with exactly the ACLs
 * and topics of the manifests (one broker here: replication 1). The tests themselves use the plain listener.
 */
final class SecuredKafka {
    private SecuredKafka() {
    }

    static LocalInfra startInfra(Path dir, Path root) throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(root.resolve("deploy/kubernetes/base/kafka.yaml").toFile())) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(manifests::add);
        }
        Set<String> users = new LinkedHashSet<>();
        manifests.stream().filter(m -> m.path("kind").asText().equals("KafkaUser"))
                .forEach(user -> users.add(user.at("/metadata/name").asText()));
        LocalInfra infra = LocalInfra.startEphemeralSecured(dir, users);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (JsonNode manifest : manifests) {
                switch (manifest.path("kind").asText()) {
                    case "KafkaTopic" -> {
                        Map<String, String> config = new HashMap<>();
                        manifest.at("/spec/config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                        config.put("min.insync.replicas", "1");
                        topics.add(new NewTopic(manifest.at("/spec/topicName").asText(), manifest.at("/spec/partitions").asInt(),
                                (short) 1).configs(config));
                    }
                    case "KafkaUser" -> {
                        String principal = "User:" + manifest.at("/metadata/name").asText();
                        for (JsonNode acl : manifest.at("/spec/authorization/acls")) {
                            ResourcePattern resource = new ResourcePattern(ResourceType.fromString(acl.at("/resource/type").asText()),
                                    acl.at("/resource/name").asText(), PatternType.LITERAL);
                            acl.path("operations").forEach(operation -> acls.add(new AclBinding(resource, new AccessControlEntry(
                                    principal, "*", AclOperation.fromString(operation.asText()), AclPermissionType.ALLOW))));
                        }
                    }
                    default -> { }
                }
            }
            admin.createTopics(topics).all().get();
            admin.createAcls(acls).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException("the manifests' topics and ACLs", e);
        }
        return infra;
    }
}
