package io.deltasql.server;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statement ids as remote clients see them. Avatica's JDBC layer numbers statements 0, 1, 2, …
 * for the whole server and finds a statement by that number alone, whatever connection a request
 * names. Clients are given a random public id instead, bound to the connection that created the
 * statement: a request is served only when its connection and public id belong together, so
 * another client's statement can neither be guessed nor used with one's own connection.
 */
final class StatementIds {
    private record Bound(String connectionId, int internalId) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, Bound> byPublicId = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> publicByInternal = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> publicIdsByConnection = new ConcurrentHashMap<>();

    /** The public id of a statement Avatica created on {@code connectionId}; the same id every time it is asked. */
    int publish(String connectionId, int internalId) {
        return publicByInternal.computeIfAbsent(internalId, id -> {
            int publicId;
            do {
                publicId = random.nextInt(Integer.MAX_VALUE - 1) + 1;
            } while (byPublicId.putIfAbsent(publicId, new Bound(connectionId, internalId)) != null);
            publicIdsByConnection
                    .computeIfAbsent(connectionId, c -> ConcurrentHashMap.newKeySet())
                    .add(publicId);
            return publicId;
        });
    }

    /** Avatica's id of the statement, or null unless the public id is one of {@code connectionId}'s statements. */
    Integer internalId(String connectionId, int publicId) {
        Bound bound = byPublicId.get(publicId);
        return bound != null && bound.connectionId().equals(connectionId) ? bound.internalId() : null;
    }

    /** Whether the public id names a statement of a connection other than {@code connectionId}. */
    boolean ownedByAnother(String connectionId, int publicId) {
        Bound bound = byPublicId.get(publicId);
        return bound != null && !bound.connectionId().equals(connectionId);
    }

    /** Forgets a closed statement. */
    void forget(int publicId) {
        Bound bound = byPublicId.remove(publicId);
        if (bound != null) {
            publicByInternal.remove(bound.internalId());
            Set<Integer> ids = publicIdsByConnection.get(bound.connectionId());
            if (ids != null) {
                ids.remove(publicId);
            }
        }
    }

    /** Forgets every statement of a closed or expired connection. */
    void forgetConnection(String connectionId) {
        Set<Integer> ids = publicIdsByConnection.remove(connectionId);
        if (ids != null) {
            ids.forEach(this::forget);
        }
    }

    /**
     * How many statements the connection holds, first forgetting those Avatica no longer has
     * (closed or expired, given its open internal ids).
     */
    int liveCount(String connectionId, Set<Integer> openInternalIds) {
        Set<Integer> ids = publicIdsByConnection.get(connectionId);
        if (ids == null) {
            return 0;
        }
        for (Integer publicId : Set.copyOf(ids)) {
            Bound bound = byPublicId.get(publicId);
            if (bound == null || !openInternalIds.contains(bound.internalId())) {
                forget(publicId);
            }
        }
        return ids.size();
    }
}
