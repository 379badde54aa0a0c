package org.shahed.casualty.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.shahed.platform.web.Problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/**
 * Idempotency-Key for writes from scripts: the first request with a key is done, and a replay of it gets the
 * first result. A key reused for a different request is refused (422). Claiming a key waits for a concurrent
 * request holding the same key to finish, so a key is never done twice.
 */
@ApplicationScoped
public class IdempotencyKeys {
    @Inject
    EntityManager entityManager;

    /** The resource the key produced before, or empty after claiming the key for {@code resourceId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> claim(String scope, String key, String request, UUID resourceId) {
        if (key.length() > 200) {
            throw new ClientErrorException(Problem.of(Response.Status.BAD_REQUEST, "Idempotency-Key is too long", null)
                    .withViolations(List.of(new Problem.Violation("header", "Idempotency-Key", "at most 200 characters")))
                    .toResponse());
        }
        String hash = sha256(request);
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (scope, key, request_hash, resource_id, created_at)
                values (:scope, :key, :hash, :resource, now()) on conflict do nothing""")
                .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                .setParameter("resource", resourceId).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        Object[] earlier = (Object[]) entityManager.createNativeQuery(
                "select request_hash, resource_id from idempotency_key where scope = :scope and key = :key")
                .setParameter("scope", scope).setParameter("key", key).getSingleResult();
        if (!hash.equals(earlier[0])) {
            throw new ClientErrorException(Problem.of(422, "Unprocessable Content",
                    "this Idempotency-Key was used for a different request")
                    .withViolations(List.of(new Problem.Violation("header", "Idempotency-Key", "reused")))
                    .toResponse());
        }
        return Optional.of((UUID) earlier[1]);
    }

    /** Points a claimed key at the resource its request produced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bind(String scope, String key, UUID resourceId) {
        entityManager.createNativeQuery("update idempotency_key set resource_id = :resource where scope = :scope and key = :key")
                .setParameter("resource", resourceId).setParameter("scope", scope).setParameter("key", key)
                .executeUpdate();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
