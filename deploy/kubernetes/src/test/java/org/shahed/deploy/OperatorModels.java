package org.shahed.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;

/**
 * The parts of CloudNativePG's and the MinIO operator's resources that the manifests use, as typed records, because
 * neither operator publishes a Java model: a field a record does not declare, a value outside an enumeration or a
 * number written as text fails to load. Written from the operators' CRD schemas (CloudNativePG 1.30
 * {@code postgresql.cnpg.io/v1}, MinIO operator 7.1 {@code minio.min.io/v2}); a field the manifests start to use is
 * added here only after it is checked in the CRD, with the CRD's type and enumeration.
 */
final class OperatorModels {
    /** Loads strictly: unknown properties, unknown enum values and numbers or booleans written as text all fail. */
    static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static final Map<String, Class<?>> BY_KIND = Map.of(
            "postgresql.cnpg.io/v1/Cluster", Cluster.class,
            "postgresql.cnpg.io/v1/Database", Database.class,
            "postgresql.cnpg.io/v1/ScheduledBackup", ScheduledBackup.class,
            "minio.min.io/v2/Tenant", Tenant.class);

    private OperatorModels() {
    }

    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    }

    record LocalObjectReference(String name) {
    }

    record SecretKeySelector(String name, String key) {
    }

    record Resources(Map<String, String> requests, Map<String, String> limits) {
    }

    // ---- CloudNativePG --------------------------------------------------------------------------------------------

    record Cluster(String apiVersion, String kind, Metadata metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, PrimaryUpdateStrategy primaryUpdateStrategy, PostgresConfiguration postgresql,
            Bootstrap bootstrap, Managed managed, Storage storage, Resources resources, Backup backup) {
    }

    enum PrimaryUpdateStrategy {
        @JsonProperty("unsupervised") UNSUPERVISED, @JsonProperty("supervised") SUPERVISED
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalObjectReference secret) {
    }

    record Managed(List<Role> roles) {
    }

    record Role(String name, Ensure ensure, Boolean login, LocalObjectReference passwordSecret) {
    }

    enum Ensure {
        @JsonProperty("present") PRESENT, @JsonProperty("absent") ABSENT
    }

    record Storage(String size, String storageClass) {
    }

    record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials, WalBackup wal,
            DataBackup data, SecretKeySelector endpointCA) {
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey, SecretKeySelector region,
            Boolean inheritFromIAMRole) {
    }

    record WalBackup(WalCompression compression, Integer maxParallel) {
    }

    record DataBackup(DataCompression compression, Integer jobs) {
    }

    enum WalCompression {
        @JsonProperty("bzip2") BZIP2, @JsonProperty("gzip") GZIP, @JsonProperty("lz4") LZ4, @JsonProperty("snappy") SNAPPY,
        @JsonProperty("xz") XZ, @JsonProperty("zstd") ZSTD
    }

    enum DataCompression {
        @JsonProperty("bzip2") BZIP2, @JsonProperty("gzip") GZIP, @JsonProperty("lz4") LZ4, @JsonProperty("snappy") SNAPPY
    }

    record Database(String apiVersion, String kind, Metadata metadata, DatabaseSpec spec) {
    }

    record DatabaseSpec(LocalObjectReference cluster, String name, String owner, Ensure ensure) {
    }

    record ScheduledBackup(String apiVersion, String kind, Metadata metadata, ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(String schedule, BackupOwnerReference backupOwnerReference, LocalObjectReference cluster,
            Boolean immediate, Boolean suspend) {
    }

    enum BackupOwnerReference {
        @JsonProperty("none") NONE, @JsonProperty("self") SELF, @JsonProperty("cluster") CLUSTER
    }

    // ---- MinIO operator -------------------------------------------------------------------------------------------

    record Tenant(String apiVersion, String kind, Metadata metadata, TenantSpec spec) {
    }

    record TenantSpec(LocalObjectReference configuration, Boolean requestAutoCert, List<Pool> pools,
            List<LocalObjectReference> users, List<Bucket> buckets) {
    }

    record Pool(String name, Integer servers, Integer volumesPerServer, PersistentVolumeClaim volumeClaimTemplate,
            PodSecurityContext securityContext, Resources resources) {
    }

    record Bucket(String name, Boolean objectLock, String region) {
    }
}
