package org.shahed.media.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.shahed.media.MediaConfig;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The S3 object store (MinIO in production, the local S3 server in tests) through the MinIO SDK. Two buckets:
 * evidence, where originals are written once under a key derived from their hash, and working, for derivatives.
 * Files go up from disk in parts and come down as streams: no object is ever held in memory whole.
 */
@ApplicationScoped
public class ObjectStore {
    /** Part size of uploads: bounds the memory an upload needs, whatever the file's size. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    @Inject
    ObjectStoreConfig connection;
    @Inject
    MediaConfig config;

    private MinioClient client;
    private boolean evidenceLocked;

    void onStart(@Observes StartupEvent startup) {
        client = MinioClient.builder().endpoint(connection.endpoint())
                .credentials(connection.accessKey(), connection.secretKey()).region(connection.region()).build();
        for (String bucket : new String[] { evidenceBucket(), workingBucket() }) {
            boolean evidence = bucket.equals(evidenceBucket());
            call(() -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    // Object lock can only be enabled when a bucket is made (it turns versioning on too).
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket)
                            .objectLock(evidence && config.evidenceLock().required()).build());
                }
                return null;
            });
        }
        evidenceLocked = lockEnabled(evidenceBucket());
        if (!evidenceLocked && config.evidenceLock().required()) {
            throw new IllegalStateException("the evidence bucket '" + evidenceBucket() + "' has no object lock, so"
                    + " originals could be changed or deleted behind the service's back; make it with object lock (MinIO:"
                    + " mc mb --with-lock), or, for a local store that lacks it, set shahed.media.evidence-lock.required=false");
        }
    }

    /** Whether the bucket has object lock enabled (a store that knows nothing of it answers with an error). */
    private boolean lockEnabled(String bucket) {
        try {
            client.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        } catch (MinioException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** The retention an original is stored under, or null where the evidence bucket has no object lock. */
    private Retention originalRetention() {
        return evidenceLocked ? new Retention(RetentionMode.COMPLIANCE,
                ZonedDateTime.now(ZoneOffset.UTC).plus(config.evidenceLock().retention())) : null;
    }

    public String evidenceBucket() {
        return config.evidenceBucket();
    }

    public String workingBucket() {
        return config.workingBucket();
    }

    /** Uploads a file from disk, in parts. */
    public void putFile(String bucket, String key, Path file, String contentType, Map<String, String> userMetadata) {
        Retention retention = bucket.equals(evidenceBucket()) ? originalRetention() : null;
        call(() -> {
            UploadObjectArgs.Builder upload = UploadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString(), PART_SIZE).contentType(contentType).userMetadata(userMetadata);
            if (retention != null) {
                upload.retention(retention); // an original is write-once for the retention period
            }
            return client.uploadObject(upload.build());
        });
    }

    /** Uploads a small object held in memory (a thumbnail). */
    public void putBytes(String bucket, String key, byte[] bytes, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).data(bytes, bytes.length)
                .contentType(contentType).build()));
    }

    /** The object's bytes from {@code offset}, {@code length} of them (null: to the end). The caller closes it. */
    public InputStream read(String bucket, String key, long offset, Long length) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset)
                .length(length).build()));
    }

    /** The object's size and metadata, or null when there is no such object. */
    public StatObjectResponse stat(String bucket, String key) {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())
                    || "NotFound".equals(e.errorResponse().code())) {
                return null;
            }
            throw new StoreUnavailableException(e);
        } catch (MinioException e) {
            throw new StoreUnavailableException(e);
        }
    }

    public void remove(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    private interface StoreCall<T> {
        T run() throws MinioException;
    }

    private static <T> T call(StoreCall<T> call) {
        try {
            return call.run();
        } catch (MinioException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
