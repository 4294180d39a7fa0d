package io.deltasql.core;

import java.util.List;

/**
 * Told about every commit right after its database transaction committed (on the committing
 * thread). The mirror is one. A listener's failure never undoes or fails the commit.
 */
@FunctionalInterface
public interface CommitListener {
    void committed(List<CommitResult> results);
}
