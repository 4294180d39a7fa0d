package io.deltasql.core.internal.store;

import io.deltasql.core.CommitListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's commit listeners (the mirror is one): told of every commit once its transaction
 * committed, asked to flush their deferred work before the catalog reports mirror status to a
 * caller, closed with the catalog. A listener's failure is logged; it never fails the commit.
 */
public final class CommitListeners {
    private static final Logger LOG = LoggerFactory.getLogger(CommitListeners.class);

    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    public void add(CommitListener listener) {
        listeners.add(listener);
    }

    /** Tells every listener what landed: the versions when this process wrote them, else only the results. */
    void published(Landed landed) {
        for (CommitListener l : listeners) {
            try {
                if (landed.versions().isEmpty()) {
                    l.committed(landed.results());
                } else {
                    l.committedVersions(landed.versions());
                }
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed after {} committed: {}", landed.results(), e.toString());
            }
        }
    }

    /** Lets listeners record deferred work (the mirror's marks) before a caller reads mirror state. */
    public void flush() {
        for (CommitListener l : listeners) {
            try {
                l.flush();
            } catch (RuntimeException e) {
                LOG.warn("commit listener could not flush its deferred work: {}", e.toString());
            }
        }
    }

    /** Closes every listener (the catalog is closing); they finish or hand over their deferred work. */
    public void close() {
        for (CommitListener l : listeners) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed to close: {}", e.toString());
            }
        }
    }
}
