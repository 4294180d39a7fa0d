package io.deltasql.core.mirror;

import io.deltasql.core.CommitListener;
import io.deltasql.core.CommitResult;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.TableNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors each commit to its table's {@code _delta_log} right after it lands, on the committing
 * thread, so a reader of the log sees the version as soon as the commit call returns. Versions an
 * earlier attempt left pending are written first (order is kept); whatever cannot be written stays
 * pending for the {@link MirrorReconciler}. Never throws: the commit has already succeeded.
 *
 * <pre>{@code
 * MirrorWriter writer = new MirrorWriter(catalog);
 * catalog.addCommitListener(new DeltaLogMirror(writer));
 * MirrorReconciler reconciler = new MirrorReconciler(writer).start(Duration.ofSeconds(30));
 * }</pre>
 */
public final class DeltaLogMirror implements CommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogMirror.class);

    private final MirrorWriter writer;

    public DeltaLogMirror(MirrorWriter writer) {
        this.writer = writer;
    }

    /** Creates a mirror with its own {@link MirrorWriter} and adds it to the catalog's commit listeners. */
    public static DeltaLogMirror install(DeltaCatalog catalog) {
        return install(new MirrorWriter(catalog));
    }

    /** Adds a mirror using {@code writer} to the commit listeners of the writer's catalog. */
    public static DeltaLogMirror install(MirrorWriter writer) {
        DeltaLogMirror mirror = new DeltaLogMirror(writer);
        writer.catalog().addCommitListener(mirror);
        return mirror;
    }

    public MirrorWriter writer() {
        return writer;
    }

    @Override
    public void committed(List<CommitResult> results) {
        Map<String, Long> newest = new LinkedHashMap<>();
        for (CommitResult r : results) {
            newest.merge(r.table(), r.version(), Math::max);
        }
        for (Map.Entry<String, Long> e : newest.entrySet()) {
            String table = e.getKey();
            long version = e.getValue();
            try {
                MirrorWriter.CatchUp c = writer.catchUp(table);
                if (!c.complete() && c.stoppedAt() < version) {
                    // The new version was not attempted: say why in its status.
                    writer.catalog().markMirrorFailed(table, version, "waiting for version " + c.stoppedAt()
                            + " to be written first (" + c.stoppedBecause() + ": " + c.error() + ")");
                }
            } catch (TableNotFoundException dropped) {
                LOG.debug("mirror: table '{}' was dropped before version {} was mirrored", table, version);
            } catch (RuntimeException ex) {
                LOG.warn("mirror: could not mirror version {} of table '{}' after its commit: {}; it stays pending",
                        version, table, MirrorWriter.describe(ex));
            }
        }
    }
}
