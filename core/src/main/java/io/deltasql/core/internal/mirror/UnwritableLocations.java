package io.deltasql.core.internal.mirror;

import io.deltasql.core.TableInfo;
import io.deltasql.core.mirror.UnsupportedLocationException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables whose {@code _delta_log} cannot be written until someone changes the file system
 * (permission denied, a read-only file system, a regular file where a directory should be, an
 * unsupported location). The mirror keeps retrying them, but reports each one only when its state
 * changes: a warning when it becomes unwritable, and another when it can be written again (the
 * operator who saw the first must learn that it is over), so a broken location does not fill the
 * log with the same warning on every reconcile pass.
 */
public final class UnwritableLocations {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorWriter.class);

    /** Table uuid to the reason its log cannot be written. */
    private final ConcurrentHashMap<String, String> unwritable = new ConcurrentHashMap<>();

    /** True when {@code e}, thrown by a write, means the location needs fixing, not just a retry. */
    static boolean isUnwritable(Throwable e) {
        if (e instanceof AccessDeniedException
                || e instanceof NotDirectoryException
                || e instanceof ReadOnlyFileSystemException
                || e instanceof UnsupportedLocationException) {
            return true;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason().toLowerCase(Locale.ROOT);
            return reason.contains("not a directory")
                    || reason.contains("permission denied")
                    || reason.contains("read-only file system")
                    || reason.contains("operation not permitted");
        }
        return false;
    }

    /** Records that the table's log cannot be written; logs a warning only if it could be before. */
    void markUnwritable(TableInfo table, long version, String reason) {
        if (unwritable.put(table.tableUuid(), reason) == null) {
            LOG.warn(
                    "mirror: the _delta_log of Delta table '{}' at {} cannot be written: {}. Versions from {} on stay pending;"
                            + " the mirror keeps trying and reports when it can write again",
                    table.name(),
                    table.location(),
                    reason,
                    version);
        } else {
            LOG.debug("mirror: the _delta_log of Delta table '{}' still cannot be written: {}", table.name(), reason);
        }
    }

    /** Records a successful write; logs once if the table's log could not be written before. */
    void markWritable(TableInfo table) {
        if (!unwritable.isEmpty() && unwritable.remove(table.tableUuid()) != null) {
            LOG.warn(
                    "mirror: the _delta_log of Delta table '{}' at {} can be written again; mirroring resumes",
                    table.name(),
                    table.location());
        }
    }
}
