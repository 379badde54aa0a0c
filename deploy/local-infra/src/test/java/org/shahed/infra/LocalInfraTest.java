package org.shahed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/** The real servers the local infrastructure starts answer as real clients expect. */
class LocalInfraTest {
    @TempDir
    static Path dataDir;
    static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.startEphemeral(dataDir);
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void flywayMigratesAServiceDatabaseAndArabicTextRoundTrips() throws Exception {
        Map<String, String> config = infra.serviceConfig("infra_check");
        String url = config.get("quarkus.datasource.jdbc.url");

        var result = Flyway.configure()
                .dataSource(url, PostgresServer.USER, "")
                .locations("classpath:db/infra-check")
                .load()
                .migrate();

        assertThat(result.migrationsExecuted).isEqualTo(1);
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
                ResultSet row = connection.createStatement()
                        .executeQuery("select name_ar, current_setting('server_version_num')::int from place")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("القورية");
            assertThat(row.getInt(2)).isGreaterThanOrEqualTo(170000);
        }
        // A second database on the same server is separate: the migration did not reach it.
        String other = infra.postgres().createDatabase("infra_check_other");
        try (Connection connection = DriverManager.getConnection(other, PostgresServer.USER, "");
                ResultSet row = connection.createStatement()
                        .executeQuery("select count(*) from pg_tables where tablename = 'place'")) {
            row.next();
            assertThat(row.getInt(1)).isZero();
        }
    }

    @Test
    void kafkaRoundTripThroughTheStartedBroker() throws Exception {
        String topic = "infra-check-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, key, "strike-" + i)).get();
            }
        }

        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-check");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).extracting(ConsumerRecord::key).containsOnly(key);
        assertThat(received).extracting(ConsumerRecord::value).containsExactly("strike-1", "strike-2", "strike-3");
    }

    @Test
    void s3PutGetStatDeleteWithTheMinioSdk() throws Exception {
        MinioClient s3 = MinioClient.builder()
                .endpoint(infra.s3().endpoint())
                .credentials(infra.s3().accessKey(), infra.s3().secretKey())
                .build();
        String bucket = "infra-check";
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        byte[] photo = new byte[3 * 1024 * 1024 + 17];
        new SecureRandom().nextBytes(photo);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));

        s3.putObject(PutObjectArgs.builder().bucket(bucket).object("originals/" + sha256)
                .stream(new ByteArrayInputStream(photo), (long) photo.length, null)
                .contentType("image/jpeg")
                .userMetadata(Map.of("sha256", sha256))
                .build());

        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object("originals/" + sha256).build());
        assertThat(stat.size()).isEqualTo(photo.length);
        assertThat(stat.userMetadata().getFirst("sha256")).isEqualTo(sha256);
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object("originals/" + sha256).build())) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }

        s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object("originals/" + sha256).build());
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(bucket).object("originals/" + sha256).build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void s3RejectsRequestsSignedWithAWrongSecret() {
        MinioClient forged = MinioClient.builder()
                .endpoint(infra.s3().endpoint())
                .credentials(infra.s3().accessKey(), "not-the-secret-" + UUID.randomUUID())
                .build();
        assertThatThrownBy(() -> forged.bucketExists(BucketExistsArgs.builder().bucket("infra-check").build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void developmentTokensVerifyWithThePublishedKeyAndCarryTheRole() throws Exception {
        String token = infra.jwtKeys().token("abu-ahmad-analyst", Set.of("analyst"), Duration.ofMinutes(5));

        JwtClaims claims = new JwtConsumerBuilder()
                .setExpectedIssuer(DevJwtKeys.ISSUER)
                .setExpectedAudience(DevJwtKeys.AUDIENCE)
                // As services verify: from a JWKS of several keys, by the key the token names.
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(
                        Files.readString(infra.jwtKeys().keySetFile())).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .setRequireExpirationTime()
                .build()
                .processToClaims(token);

        assertThat(claims.getSubject()).isEqualTo("abu-ahmad-analyst");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("analyst");
        assertThat(Files.readString(infra.jwtKeys().publicKeyFile(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PUBLIC KEY-----");
        // The gateway has a key pair of its own, which the services' configuration names beside the issuer's.
        assertThat(infra.gatewayKeys().publicKey()).isNotEqualTo(infra.jwtKeys().publicKey());
        assertThat(new JsonWebKeySet(Files.readString(infra.jwtKeys().keySetFile())).getJsonWebKeys()).hasSize(2);
        assertThat(infra.serviceConfig("tokens_check")).containsEntry("shahed.security.gateway-tokens.publickey-location",
                infra.gatewayKeys().keySetFile().toUri().toString());
    }
}
