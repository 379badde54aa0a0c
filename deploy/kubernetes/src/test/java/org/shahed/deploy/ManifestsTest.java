package org.shahed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The production manifests, checked offline (no cluster runs here): each overlay is rendered with kustomize (kubectl's,
 * Debian's kubernetes-client where the machine has none) and checked against the code — typed models with no unknown
 * field, every Secret and ConfigMap accounted for, every address a Service with its port, the network policies
 * allowing exactly the connections the code makes, Kafka's topics and ACLs equal to what the services produce and
 * consume, and connection pools within PostgreSQL's limit.
 */
class ManifestsTest {
    private static final Path ROOT = Rendered.ROOT;
    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final List<String> SUITE = List.of("gateway", "incident-service", "casualty-service", "media-service");
    /** Quarkus's connection pool size where a module does not set quarkus.datasource.jdbc.max-size. */
    private static final int DEFAULT_POOL = 20;
    /** Connections kept beside the pools: PostgreSQL's superuser reserve (3), the operator's, a person's psql. */
    private static final int RESERVED_CONNECTIONS = 13;

    /** Kubernetes' and Strimzi's typed models, by apiVersion/kind; the other operators' kinds are in OperatorModels. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class), Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class), Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class), Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class), Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    @BeforeAll
    static void renderEveryOverlay() throws Exception {
        Assumptions.assumeTrue(Rendered.kubectl() != null, "kubectl (with kustomize) could not be installed: manifests not checked");
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void everyDocumentIsOfAKnownKindWithOnlyKnownFields(String overlay) {
        List<String> unknown = new ArrayList<>();
        for (JsonNode document : documents(overlay)) {
            String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            Class<?> model = MODELS.get(kind);
            Object typed;
            if (model != null) {
                typed = YAML.convertValue(document, model);
            } else {
                assertThat(OperatorModels.BY_KIND).as("a kind of the manifests").containsKey(kind);
                try {
                    typed = OperatorModels.STRICT.convertValue(document, OperatorModels.BY_KIND.get(kind));
                } catch (IllegalArgumentException refused) {
                    unknown.add(kind + " " + name(document) + ": " + refused.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
            }
            unknownFields(typed, kind + " " + name(document), unknown, new IdentityHashMap<>());
        }
        assertThat(unknown).as("fields the models do not know (misspelt or misplaced)").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void everySecretAndConfigMapReferencedIsDefinedMadeByAnOperatorOrListedForPeopleToCreate(String overlay) throws IOException {
        List<JsonNode> documents = documents(overlay);
        Set<String> defined = new TreeSet<>();
        Set<String> operatorMade = new TreeSet<>(Set.of("kube-root-ca.crt")); // in every namespace, by Kubernetes
        for (JsonNode document : documents) {
            String kind = document.path("kind").asText();
            switch (kind) {
                case "Secret", "ConfigMap" -> defined.add(name(document));
                case "Kafka" -> operatorMade.add(name(document) + "-cluster-ca-cert");
                case "KafkaUser" -> operatorMade.add(name(document));
                case "Cluster" -> operatorMade.add(name(document) + "-ca");
                case "Ingress" -> {
                    if (document.at("/metadata/annotations").has("cert-manager.io/cluster-issuer")) {
                        document.at("/spec/tls").forEach(tls -> operatorMade.add(tls.path("secretName").asText()));
                    }
                }
                default -> { }
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (JsonNode document : documents) {
            document.findValues("secretKeyRef").forEach(ref -> referenced.add(ref.path("name").asText()));
            document.findValues("configMapKeyRef").forEach(ref -> referenced.add(ref.path("name").asText()));
            document.findValues("configMapRef").forEach(ref -> referenced.add(ref.path("name").asText()));
            document.findValues("secretName").forEach(ref -> referenced.add(ref.asText()));
            document.findValues("passwordSecret").forEach(ref -> referenced.add(ref.path("name").asText()));
            document.findValues("accessKeyId").forEach(ref -> referenced.add(ref.path("name").asText()));
            document.findValues("secretAccessKey").forEach(ref -> referenced.add(ref.path("name").asText()));
            for (JsonNode volume : document.findValues("volumes")) {
                volume.forEach(v -> {
                    if (v.has("configMap")) {
                        referenced.add(v.at("/configMap/name").asText());
                    }
                });
            }
            if ("Cluster".equals(document.path("kind").asText())) {
                referenced.add(document.at("/spec/bootstrap/initdb/secret/name").asText());
            }
            if ("Tenant".equals(document.path("kind").asText())) {
                referenced.add(document.at("/spec/configuration/name").asText());
                document.at("/spec/users").forEach(user -> referenced.add(user.path("name").asText()));
            }
        }
        String guide = Files.readString(ROOT.resolve("deploy/README.md"));
        List<String> unaccounted = referenced.stream().filter(name -> !defined.contains(name) && !operatorMade.contains(name)
                && !guide.contains("`" + name + "`")).toList();
        assertThat(unaccounted).as("Secrets and ConfigMaps neither in the manifests, nor made by an operator, nor in "
                + "deploy/README.md's list to create").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void everyAddressAServiceIsGivenIsAServiceWithThatPort(String overlay) {
        Map<String, Set<Integer>> services = servicePorts(overlay);
        List<String> wrong = new ArrayList<>();
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            Map<String, String> env = environment(overlay, deployment);
            env.forEach((name, value) -> {
                for (Address address : addresses(value)) {
                    if (address.host().contains(".")) {
                        continue; // outside the cluster (the identity provider)
                    }
                    Set<Integer> ports = services.get(address.host());
                    if (ports == null || !ports.contains(address.port())) {
                        wrong.add(name(deployment) + " " + name + "=" + value + " (Services: " + services + ")");
                    }
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void theNetworkPoliciesAllowExactlyTheConnectionsTheCodeMakes(String overlay) throws IOException {
        Network network = new Network(overlay);
        Set<String> expected = new TreeSet<>();
        // HTTP between the suite's pods: every address of a suite Service a pod is configured with.
        Map<String, String> serviceToPods = new HashMap<>();
        for (JsonNode service : ofKind(overlay, "Service")) {
            serviceToPods.put(name(service), service.at("/spec/selector/app.kubernetes.io~1name").asText());
        }
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            String from = name(deployment);
            for (String value : environment(overlay, deployment).values()) {
                for (Address address : addresses(value)) {
                    String pods = serviceToPods.get(address.host());
                    if (pods != null && SUITE.contains(pods)) {
                        expected.add(from + " -> " + serviceToPods.get(address.host()) + ":8080");
                    }
                }
            }
        }
        // Kafka, PostgreSQL and S3 for the modules whose code uses them (their dependencies, or those of the platform
        // modules they use, say so).
        for (String component : SUITE) {
            String pom = Files.readString(ROOT.resolve(component + "/pom.xml"));
            if (pom.contains("shahed-platform-messaging")) {
                expected.add(component + " -> kafka:9093");
            }
            if (usesPostgres(pom)) {
                expected.add(component + " -> postgres:5432");
            }
            if (pom.contains("<artifactId>minio</artifactId>")) {
                expected.add(component + " -> minio:9000");
            }
        }
        // The clusters among themselves, and what reaches the gateway from outside.
        expected.addAll(List.of("postgres -> postgres:5432", "minio -> minio:9000", "ingress-controller -> gateway:8080",
                "cnpg-operator -> postgres:5432", "cnpg-operator -> postgres:8000", "minio-operator -> minio:9000"));
        assertThat(network.allowed()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void kafkaHoldsEveryTopicTheCodeUsesAndEachServiceMayDoExactlyWhatItDoes(String overlay) throws IOException {
        Properties messaging = properties(ROOT.resolve("platform/messaging/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, Set<String>> acls = new LinkedHashMap<>();
        Set<String> topics = new TreeSet<>();
        Map<String, Set<String>> consumers = new HashMap<>(); // topic -> consuming components
        Pattern consumer = Pattern.compile("super\\(\"([^\"]+)\",\\s*\"shahed\\.topics\\.(\\w+)\"");
        for (String component : SUITE) {
            Path properties = ROOT.resolve(component + "/src/main/resources/application.properties");
            String outbox = properties(properties).getProperty("shahed.outbox.topic");
            if (outbox == null) {
                continue;
            }
            String own = messaging.getProperty(outbox.replaceAll("^\\$\\{(.+)}$", "$1"));
            Set<String> rules = new TreeSet<>(List.of("topic " + own + " Describe", "topic " + own + " Write"));
            topics.add(own);
            try (Stream<Path> sources = Files.walk(ROOT.resolve(component + "/src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher subscription = consumer.matcher(Files.readString(source));
                    while (subscription.find()) {
                        String topic = messaging.getProperty("shahed.topics." + subscription.group(2));
                        topics.add(topic);
                        topics.add(topic + ".dlq");
                        consumers.computeIfAbsent(topic, t -> new TreeSet<>()).add(component);
                        rules.addAll(List.of("topic " + topic + " Describe", "topic " + topic + " Read",
                                "group " + subscription.group(1) + " Read", "topic " + topic + ".dlq Describe",
                                "topic " + topic + ".dlq Read", "topic " + topic + ".dlq Write"));
                    }
                }
            }
            acls.put(component, rules);
        }
        assertThat(acls).as("producers found in the code").hasSize(3);

        Map<String, Integer> partitions = new HashMap<>();
        for (JsonNode topic : ofKind(overlay, "KafkaTopic")) {
            partitions.put(topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asInt());
            assertThat(topic.at("/spec/replicas").asInt()).as(name(topic)).isEqualTo(3);
            if (!name(topic).endsWith("-dlq")) {
                // A consumer recognises a redelivered event by its claim, kept 14 days (RetentionConfig's default).
                assertThat(topic.at("/spec/config/retention.ms").asLong()).as(name(topic) + " retention")
                        .isLessThan(14L * 24 * 3600 * 1000);
            }
        }
        assertThat(partitions.keySet()).as("KafkaTopics").containsExactlyInAnyOrderElementsOf(topics);
        for (JsonNode kafka : ofKind(overlay, "Kafka")) {
            assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
            assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        }

        Map<String, Integer> mostReplicas = mostReplicas(overlay);
        consumers.forEach((topic, components) -> components.forEach(component -> assertThat(partitions.get(topic))
                .as("partitions of " + topic + " for up to " + mostReplicas.get(component) + " replicas of " + component)
                .isGreaterThanOrEqualTo(mostReplicas.get(component))));

        for (var entry : acls.entrySet()) {
            String user = entry.getKey() + "-kafka";
            JsonNode kafkaUser = ofKind(overlay, "KafkaUser").stream().filter(u -> name(u).equals(user)).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaUser " + user));
            assertThat(kafkaUser.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            Set<String> granted = new TreeSet<>();
            kafkaUser.at("/spec/authorization/acls").forEach(acl -> acl.path("operations").forEach(operation -> {
                assertThat(acl.at("/resource/patternType").asText()).as("no prefixes or wildcards").isEqualTo("literal");
                granted.add(acl.at("/resource/type").asText() + " " + acl.at("/resource/name").asText() + " " + operation.asText());
            }));
            assertThat(granted).as(user + "'s ACLs").containsExactlyInAnyOrderElementsOf(entry.getValue());
            JsonNode deployment = ofKind(overlay, "Deployment").stream().filter(d -> name(d).equals(entry.getKey())).findFirst().orElseThrow();
            assertThat(deployment.findValues("secretKeyRef").stream().map(ref -> ref.path("name").asText()))
                    .as(entry.getKey() + " authenticates as its own KafkaUser").contains(user);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "production", "staging" })
    void theConnectionPoolsAtTheMostReplicasFitPostgresLimit(String overlay) throws IOException {
        JsonNode cluster = ofKind(overlay, "Cluster").get(0);
        int limit = cluster.at("/spec/postgresql/parameters/max_connections").asInt();
        Map<String, Integer> mostReplicas = mostReplicas(overlay);
        int connections = 0;
        for (String component : SUITE) {
            String size = properties(ROOT.resolve(component + "/src/main/resources/application.properties"))
                    .getProperty("quarkus.datasource.jdbc.max-size");
            connections += mostReplicas.get(component) * (size == null ? DEFAULT_POOL : Integer.parseInt(size.trim()));
        }
        assertThat(connections + RESERVED_CONNECTIONS).as("pools at the most replicas, and the reserve").isLessThanOrEqualTo(limit);
    }

    @org.junit.jupiter.api.Test
    void theBaseRunsTheImagesTheBuildMakesAndEachOverlayOneReleaseOfThemAll() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String group = firstMatch(parent, "<quarkus.container-image.group>([^<]+)</quarkus.container-image.group>");
        String version = firstMatch(parent, "<artifactId>shahed-parent</artifactId>\\s*<version>([^<]+)</version>");
        Map<String, String> built = new TreeMap<>();
        for (String component : SUITE) {
            assertThat(Files.readString(ROOT.resolve(component + "/pom.xml"))).as(component + " builds its image")
                    .contains("<artifactId>quarkus-container-image-jib</artifactId>");
            String name = properties(ROOT.resolve(component + "/src/main/resources/application.properties"))
                    .getProperty("quarkus.application.name");
            built.put(component, group + "/" + name);
        }
        Map<String, Set<String>> run = imagesByDeployment(Rendered.kustomization("base"));
        assertThat(run.keySet()).isEqualTo(built.keySet());
        built.forEach((component, image) -> assertThat(run.get(component)).as(component).containsExactly(image + ":" + version));
        for (String overlay : List.of("production", "staging")) {
            Set<String> tags = new TreeSet<>();
            imagesByDeployment(documents(overlay)).forEach((component, images) -> images.forEach(image -> {
                int colon = image.lastIndexOf(':');
                assertThat(image.substring(0, colon)).as(overlay + " " + component).endsWith("/" + built.get(component));
                tags.add(image.substring(colon + 1));
            }));
            assertThat(tags).as(overlay + ": one release of all four").hasSize(1);
        }
    }

    private static Map<String, Set<String>> imagesByDeployment(List<JsonNode> documents) {
        Map<String, Set<String>> images = new TreeMap<>();
        documents.stream().filter(d -> "Deployment".equals(d.path("kind").asText())).forEach(d -> {
            Set<String> of = images.computeIfAbsent(name(d), n -> new TreeSet<>());
            for (String containers : List.of("/spec/template/spec/containers", "/spec/template/spec/initContainers")) {
                d.at(containers).forEach(c -> of.add(c.path("image").asText()));
            }
        });
        return images;
    }

    private static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    /** Whether a module's pom, or that of a platform module it depends on (outbox tables are in PostgreSQL), has the
     *  PostgreSQL driver. */
    private static boolean usesPostgres(String pom) throws IOException {
        if (pom.contains("quarkus-jdbc-postgresql")) {
            return true;
        }
        Matcher platform = Pattern.compile("<artifactId>shahed-platform-(\\w+)</artifactId>\\s*(<version>[^<]*</version>\\s*)?(<scope>(\\w+)</scope>)?")
                .matcher(pom);
        while (platform.find()) {
            if (!"test".equals(platform.group(4)) && !platform.group(1).equals("testing")
                    && usesPostgres(Files.readString(ROOT.resolve("platform/" + platform.group(1) + "/pom.xml")).replace(
                            "<artifactId>shahed-platform-" + platform.group(1) + "</artifactId>", ""))) {
                return true;
            }
        }
        return false;
    }

    /** The IAM actions each MinIO SDK call of media-service's store needs; a call not listed here fails the test. */
    private static final Map<String, Set<String>> STORE_CALL_ACTIONS = Map.of(
            "bucketExists", Set.of("s3:ListBucket"),
            "getObjectLockConfiguration", Set.of("s3:GetBucketObjectLockConfiguration"),
            // a multipart upload, aborted when it fails; an original is stored with its retention
            "uploadObject", Set.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectRetention"),
            "putObject", Set.of("s3:PutObject"),
            "getObject", Set.of("s3:GetObject"),
            "statObject", Set.of("s3:GetObject"),
            "removeObject", Set.of("s3:DeleteObject"),
            // only when a bucket is missing: in production the tenant makes both, so the service is not allowed to
            "makeBucket", Set.of());
    /** What would let media-service undo an original's protection. */
    private static final Set<String> NEVER_FOR_MEDIA_SERVICE = Set.of("s3:DeleteObjectVersion", "s3:BypassGovernanceRetention",
            "s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning", "s3:DeleteBucket", "s3:PutBucketPolicy",
            "s3:PutObjectLegalHold", "s3:CreateBucket");

    @org.junit.jupiter.api.Test
    void mediaServicesStorePolicyAllowsExactlyItsCallsOnItsBuckets() throws IOException {
        JsonNode policy = YAML.readTree(ROOT.resolve("deploy/kubernetes/minio/media-service-policy.json").toFile());
        Set<String> buckets = new TreeSet<>();
        ofKind("production", "Tenant").get(0).at("/spec/buckets").forEach(b -> buckets.add(b.path("name").asText()));
        String config = Files.readString(ROOT.resolve("media-service/src/main/java/org/shahed/media/MediaConfig.java"));
        Matcher defaults = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s*String (evidence|working)Bucket\\(\\)").matcher(config);
        Set<String> used = new TreeSet<>();
        while (defaults.find()) {
            used.add(defaults.group(1));
        }
        assertThat(used).as("the buckets media-service uses are the tenant's").hasSize(2).isEqualTo(buckets);

        Set<String> needed = new TreeSet<>();
        Matcher call = Pattern.compile("client\\.(\\w+)\\(").matcher(Files.readString(
                ROOT.resolve("media-service/src/main/java/org/shahed/media/storage/ObjectStore.java")));
        while (call.find()) {
            assertThat(STORE_CALL_ACTIONS).as("the actions of the store's call " + call.group(1)).containsKey(call.group(1));
            needed.addAll(STORE_CALL_ACTIONS.get(call.group(1)));
        }
        Map<String, Set<String>> granted = new TreeMap<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            for (JsonNode resource : statement.path("Resource")) {
                for (JsonNode action : statement.path("Action")) {
                    granted.computeIfAbsent(resource.asText(), r -> new TreeSet<>()).add(action.asText());
                }
            }
        }
        Set<String> bucketActions = Set.of("s3:ListBucket", "s3:GetBucketObjectLockConfiguration");
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String bucket : buckets) {
            expected.put("arn:aws:s3:::" + bucket, new TreeSet<>(needed.stream().filter(bucketActions::contains).toList()));
            expected.put("arn:aws:s3:::" + bucket + "/*", new TreeSet<>(needed.stream().filter(a -> !bucketActions.contains(a)).toList()));
        }
        assertThat(granted).as("exactly the store's calls, on its two buckets").isEqualTo(expected);
        granted.values().forEach(actions -> assertThat(actions).doesNotContainAnyElementsOf(NEVER_FOR_MEDIA_SERVICE)
                .noneMatch(a -> a.contains("*")));
    }

    @org.junit.jupiter.api.Test
    void theRealmGivesTokensTheRolesAndAudienceTheServicesCheck() throws IOException {
        List<JsonNode> documents = Rendered.kustomization("keycloak-realm");
        assertThat(documents).hasSize(1);
        JsonNode realm = documents.get(0).at("/spec/realm");
        assertThat(documents.get(0).path("kind").asText()).isEqualTo("KeycloakRealmImport");
        assertThat(documents.get(0).path("spec").fieldNames()).toIterable().containsExactlyInAnyOrder("keycloakCRName", "realm");
        assertThatCode(() -> OperatorModels.STRICT.convertValue(realm, RealmRepresentation.class))
                .as("the realm is a Keycloak realm with no unknown or mistyped field").doesNotThrowAnyException();
        Set<String> roles = new TreeSet<>();
        Matcher role = Pattern.compile("public static final String \\w+ = \"(\\w+)\";")
                .matcher(Files.readString(ROOT.resolve("platform/web/src/main/java/org/shahed/platform/security/Roles.java")));
        while (role.find()) {
            roles.add(role.group(1));
        }
        Set<String> realmRoles = new TreeSet<>();
        realm.at("/roles/realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        assertThat(realmRoles).as("the realm's roles are the code's").isEqualTo(roles).hasSize(5);
        Set<String> grouped = new TreeSet<>();
        realm.path("groups").forEach(g -> g.path("realmRoles").forEach(r -> grouped.add(r.asText())));
        assertThat(grouped).as("a group for every role").isEqualTo(roles);
        Properties security = properties(ROOT.resolve("platform/web/src/main/resources/META-INF/microprofile-config.properties"));
        JsonNode mappers = realm.at("/clientScopes/0/protocolMappers");
        assertThat(mappers.findValuesAsText("claim.name")).as("roles go where the services read them").contains("groups");
        assertThat(mappers.findValuesAsText("included.custom.audience")).containsExactly(security.getProperty("mp.jwt.verify.audiences"));
        realm.path("clients").forEach(client -> assertThat(client.path("defaultClientScopes").toString()).contains("shahed"));
    }

    // ---- reading the rendered manifests ------------------------------------------------------------------------

    private static List<JsonNode> documents(String overlay) {
        return Rendered.overlay(overlay);
    }

    private static List<JsonNode> ofKind(String overlay, String kind) {
        return documents(overlay).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static String name(JsonNode document) {
        return document.at("/metadata/name").asText();
    }

    /** The most replicas of each component: its autoscaler's maximum, else its Deployment's replicas. */
    private static Map<String, Integer> mostReplicas(String overlay) {
        Map<String, Integer> most = new HashMap<>();
        ofKind(overlay, "Deployment").forEach(d -> most.put(name(d), d.at("/spec/replicas").asInt(1)));
        ofKind(overlay, "HorizontalPodAutoscaler").forEach(h -> most.put(h.at("/spec/scaleTargetRef/name").asText(),
                h.at("/spec/maxReplicas").asInt()));
        return most;
    }

    /** A container's environment as it will be: its ConfigMaps' entries, then its own, with $(VAR) expanded. */
    private static Map<String, String> environment(String overlay, JsonNode deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        container.path("envFrom").forEach(from -> ofKind(overlay, "ConfigMap").stream()
                .filter(c -> name(c).equals(from.at("/configMapRef/name").asText()))
                .forEach(c -> c.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()))));
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        env.replaceAll((name, value) -> {
            Matcher reference = Pattern.compile("\\$\\((\\w+)\\)").matcher(value);
            return reference.replaceAll(match -> Matcher.quoteReplacement(env.getOrDefault(match.group(1), match.group())));
        });
        return env;
    }

    record Address(String host, int port) {
    }

    /** The network addresses in a setting: URLs (http, https, jdbc) and Kafka's host:port list. */
    private static List<Address> addresses(String value) {
        List<Address> found = new ArrayList<>();
        Matcher url = Pattern.compile("(https?|jdbc:postgresql)://([^/:?\\s,]+)(?::(\\d+))?").matcher(value);
        while (url.find()) {
            int port = url.group(3) != null ? Integer.parseInt(url.group(3))
                    : switch (url.group(1)) {
                        case "https" -> 443;
                        case "jdbc:postgresql" -> 5432;
                        default -> 80;
                    };
            found.add(new Address(url.group(2), port));
        }
        if (found.isEmpty() && value.matches("[\\w.-]+:\\d+(,[\\w.-]+:\\d+)*")) {
            for (String server : value.split(",")) {
                URI uri = URI.create("kafka://" + server);
                found.add(new Address(uri.getHost(), uri.getPort()));
            }
        }
        return found;
    }

    /** Services by name and port: the manifests' own and those the operators make for their resources. */
    private static Map<String, Set<Integer>> servicePorts(String overlay) {
        Map<String, Set<Integer>> services = new HashMap<>();
        ofKind(overlay, "Service").forEach(s -> s.at("/spec/ports").forEach(p ->
                services.computeIfAbsent(name(s), n -> new TreeSet<>()).add(p.path("port").asInt())));
        for (JsonNode kafka : ofKind(overlay, "Kafka")) {
            kafka.at("/spec/kafka/listeners").forEach(listener -> services.computeIfAbsent(name(kafka) + "-kafka-bootstrap",
                    n -> new TreeSet<>()).add(listener.path("port").asInt()));
        }
        for (JsonNode cluster : ofKind(overlay, "Cluster")) {
            for (String suffix : List.of("-rw", "-ro", "-r")) {
                services.put(name(cluster) + suffix, Set.of(5432));
            }
        }
        for (JsonNode tenant : ofKind(overlay, "Tenant")) {
            services.put("minio", Set.of(tenant.at("/spec/requestAutoCert").asBoolean(true) ? 443 : 80));
        }
        return services;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Fields a typed model kept aside because it has no property of that name, anywhere in the document. */
    private static void unknownFields(Object model, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (model == null || seen.put(model, true) != null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (model instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    unknownFields(component.getAccessor().invoke(record), path + "." + component.getName(), unknown, seen);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        String type = model.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    /**
     * Which pods may reach which on the ports the suite uses, under the rendered NetworkPolicies (and the one Strimzi
     * makes from each listener's networkPolicyPeers): an edge is allowed when the source's egress and the target's
     * ingress both allow it (a pod no policy of a direction selects is open in that direction).
     */
    private static final class Network {
        private static final List<Integer> PORTS = List.of(8080, 9093, 5432, 9000, 8000);
        /** Each party: its pod labels and its namespace's labels. */
        private final Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
        private final List<JsonNode> policies;
        private final List<JsonNode> kafkaListeners = new ArrayList<>();

        Network(String overlay) {
            policies = ofKind(overlay, "NetworkPolicy");
            for (JsonNode deployment : ofKind(overlay, "Deployment")) {
                Map<String, String> labels = new HashMap<>();
                deployment.at("/spec/template/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                add(name(deployment), labels, "shahed");
            }
            for (JsonNode kafka : ofKind(overlay, "Kafka")) {
                add("kafka", Map.of("strimzi.io/cluster", name(kafka), "strimzi.io/kind", "Kafka"), "shahed");
                kafka.at("/spec/kafka/listeners").forEach(kafkaListeners::add);
            }
            ofKind(overlay, "Cluster").forEach(c -> add("postgres", Map.of("cnpg.io/cluster", name(c)), "shahed"));
            ofKind(overlay, "Tenant").forEach(t -> add("minio", Map.of("v1.min.io/tenant", name(t)), "shahed"));
            add("ingress-controller", Map.of("app.kubernetes.io/name", "ingress-nginx"), "ingress-nginx");
            add("cnpg-operator", Map.of("app.kubernetes.io/name", "cloudnative-pg"), "cnpg-system");
            add("minio-operator", Map.of("name", "minio-operator"), "minio-operator");
        }

        private void add(String party, Map<String, String> labels, String namespace) {
            pods.put(party, labels);
            namespaces.put(party, Map.of("kubernetes.io/metadata.name", namespace));
        }

        Set<String> allowed() {
            Set<String> edges = new TreeSet<>();
            for (String from : pods.keySet()) {
                for (String to : pods.keySet()) {
                    if (to.endsWith("-operator") || to.equals("ingress-controller")) {
                        continue; // outside the suite's namespace: not governed here
                    }
                    for (int port : PORTS) {
                        if (allows(from, to, port)) {
                            edges.add(from + " -> " + to + ":" + port);
                        }
                    }
                }
            }
            return edges;
        }

        private boolean allows(String from, String to, int port) {
            boolean outsideNamespace = !namespaces.get(from).equals(namespaces.get(to));
            boolean egress = outsideNamespace || direction(from, "Egress", "egress", "to", to, port);
            boolean ingress = direction(to, "Ingress", "ingress", "from", from, port);
            if (to.equals("kafka")) {
                ingress = kafkaListeners.stream().anyMatch(listener -> listener.path("port").asInt() == port
                        && (!listener.has("networkPolicyPeers") || peers(listener.path("networkPolicyPeers"), from)));
            }
            return egress && ingress;
        }

        /** Whether the policies of one direction selecting {@code pod} let it talk to {@code other} on {@code port}. */
        private boolean direction(String pod, String type, String rules, String peersField, String other, int port) {
            boolean selected = false;
            for (JsonNode policy : policies) {
                if (!selects(policy.at("/spec/podSelector"), pods.get(pod)) || !contains(policy.at("/spec/policyTypes"), type)) {
                    continue;
                }
                selected = true;
                for (JsonNode rule : policy.at("/spec/" + rules)) {
                    boolean portMatches = !rule.has("ports") || stream(rule.path("ports")).anyMatch(p -> p.path("port").asInt() == port);
                    if (portMatches && (!rule.has(peersField) || peers(rule.path(peersField), other))) {
                        return true;
                    }
                }
            }
            return !selected;
        }

        private boolean peers(JsonNode peers, String party) {
            for (JsonNode peer : peers) {
                if (peer.has("ipBlock")) {
                    continue; // addresses outside the cluster
                }
                boolean namespaceMatches = peer.has("namespaceSelector") ? selects(peer.path("namespaceSelector"), namespaces.get(party))
                        : namespaces.get(party).get("kubernetes.io/metadata.name").equals("shahed");
                boolean podMatches = !peer.has("podSelector") || selects(peer.path("podSelector"), pods.get(party));
                if (namespaceMatches && podMatches) {
                    return true;
                }
            }
            return false;
        }

        private static boolean selects(JsonNode selector, Map<String, String> labels) {
            var matchLabels = selector.path("matchLabels").fields();
            while (matchLabels.hasNext()) {
                var label = matchLabels.next();
                if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                    return false;
                }
            }
            for (JsonNode expression : selector.path("matchExpressions")) {
                String value = labels.get(expression.path("key").asText());
                boolean in = value != null && contains(expression.path("values"), value);
                boolean holds = switch (expression.path("operator").asText()) {
                    case "In" -> in;
                    case "NotIn" -> !in;
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("operator " + expression);
                };
                if (!holds) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(JsonNode array, String value) {
            return stream(array).anyMatch(item -> item.asText().equals(value));
        }

        private static Stream<JsonNode> stream(JsonNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            return items.stream();
        }
    }
}
