package org.shahed.platform.store;

import java.util.List;
import java.util.UUID;

import org.hibernate.query.NativeQuery;

import jakarta.persistence.Query;

/**
 * The ids a native SQL query returns in its column {@code id}.
 *
 * <p>Why not {@code createNativeQuery(sql, UUID.class)}: Hibernate 7.2 keys its plan cache on the SQL and the result
 * mapping, and the mapping it makes for a basic result class never equals another, so every call adds a plan under
 * the same hash until the cache is full, and every lookup then compares against all of them (a profile of media-service
 * applying casualty events showed most of its CPU there). A scalar declared by column name maps equal each time.
 */
public final class NativeIds {
    private NativeIds() {
    }

    @SuppressWarnings("unchecked")
    public static List<UUID> of(Query query) {
        return query.unwrap(NativeQuery.class).addScalar("id", UUID.class).getResultList();
    }
}
