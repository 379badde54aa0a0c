package org.shahed.casualty.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.hibernate.Session;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Import files in the database, in chunks, so that any replica can run or resume a job: written with the job in
 * one transaction, read back as a stream (one chunk in memory at a time, each read on its own), deleted with the
 * job's end.
 */
@ApplicationScoped
public class ImportFiles {
    static final int CHUNK_BYTES = 1024 * 1024;

    @Inject
    EntityManager entityManager;
    @Inject
    AgroalDataSource dataSource;

    /** Stores {@code file} as the file of job {@code jobId}, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(UUID jobId, Path file) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (InputStream in = Files.newInputStream(file);
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into import_file_chunk (job_id, position, data) values (?, ?, ?)")) {
                byte[] chunk;
                int position = 0;
                while ((chunk = in.readNBytes(CHUNK_BYTES)).length > 0) {
                    insert.setObject(1, jobId);
                    insert.setInt(2, position++);
                    insert.setBytes(3, chunk);
                    insert.executeUpdate();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The file of job {@code jobId}, read chunk by chunk outside any transaction. */
    public InputStream open(UUID jobId) {
        return new ChunkStream(jobId);
    }

    /** Deletes the file of job {@code jobId}, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID jobId) {
        entityManager.createNativeQuery("delete from import_file_chunk where job_id = :job")
                .setParameter("job", jobId).executeUpdate();
    }

    private final class ChunkStream extends InputStream {
        private final UUID jobId;
        private int nextPosition;
        private byte[] chunk = new byte[0];
        private int offset;
        private boolean ended;

        ChunkStream(UUID jobId) {
            this.jobId = jobId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (offset == chunk.length) {
                if (ended || !fetchNext()) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, chunk.length - offset);
            System.arraycopy(chunk, offset, buffer, from, n);
            offset += n;
            return n;
        }

        private boolean fetchNext() throws IOException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "select data from import_file_chunk where job_id = ? and position = ?")) {
                select.setObject(1, jobId);
                select.setInt(2, nextPosition);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    chunk = row.getBytes(1);
                    offset = 0;
                    nextPosition++;
                    return true;
                }
            } catch (SQLException e) {
                throw new IOException("could not read chunk " + nextPosition + " of the file of import " + jobId, e);
            }
        }
    }
}
