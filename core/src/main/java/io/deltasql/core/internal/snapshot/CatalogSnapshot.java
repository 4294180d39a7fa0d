package io.deltasql.core.internal.snapshot;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.FileFilter;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.files.CompactFileList;
import io.deltasql.core.internal.store.CatalogDatabase;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.internal.store.SnapshotReader;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A snapshot served from the cache, loading its file list on first use. */
public final class CatalogSnapshot implements Snapshot {
    /** Lookups of at most this many paths are remembered (the last one per snapshot). */
    private static final int REMEMBERED_PATHS = 64;

    private final SnapshotHeader header;
    private final SnapshotCache cache;
    private final SnapshotReader reader;
    private final CatalogDatabase db;
    /**
     * The last lookup of a few paths and the files it found. One statement looks the same files up
     * more than once (a DELETE's scan, then the files it removes), and a snapshot never changes.
     */
    private volatile PathLookup lastPathLookup;

    private record PathLookup(Set<String> paths, List<AddFile> files) {}

    public CatalogSnapshot(SnapshotHeader header, SnapshotCache cache, SnapshotReader reader, CatalogDatabase db) {
        this.header = header;
        this.cache = cache;
        this.reader = reader;
        this.db = db;
    }

    @Override
    public TableInfo table() {
        return header.table();
    }

    @Override
    public long version() {
        return header.version();
    }

    @Override
    public long timestamp() {
        return header.timestamp();
    }

    @Override
    public Protocol protocol() {
        return header.protocol();
    }

    @Override
    public Metadata metadata() {
        return header.metadata();
    }

    @Override
    public long numFiles() {
        return header.numFiles();
    }

    @Override
    public long sizeBytes() {
        return header.sizeBytes();
    }

    @Override
    public Map<String, Long> appTransactions() {
        return header.appTransactions();
    }

    @Override
    public Map<String, DomainMetadata> domainMetadata() {
        return header.domainMetadata();
    }

    @Override
    public List<AddFile> files() {
        return fileList();
    }

    private CompactFileList fileList() {
        try (Connection c = db.connection()) {
            return cache.files(c, header);
        } catch (SQLException e) {
            throw db.failure(
                    "cannot list files of table '" + header.table().name() + "' at version " + header.version(), e);
        }
    }

    @Override
    public CloseableIterator<AddFile> streamFiles() {
        return streamFiles(FileFilter.ALL);
    }

    @Override
    public CloseableIterator<AddFile> streamFiles(FileFilter filter) {
        if (filter.isEmpty()) {
            return CloseableIterator.of(List.<AddFile>of().iterator());
        }
        CompactFileList cached = cache.cachedFiles(header);
        // A whole cacheable list is worth loading once for a full listing; a cold query for some
        // paths or partitions reads just those rows (by index) instead.
        if (cached == null && cache.cacheable(header) && filter.isAll()) {
            cached = fileList();
        }
        if (cached != null) {
            return CloseableIterator.of(cached.select(filter).iterator());
        }
        if (filter.paths() != null && filter.paths().size() <= REMEMBERED_PATHS) {
            return CloseableIterator.of(filesAtPaths(filter.paths()).stream()
                    .filter(filter::matches)
                    .iterator());
        }
        return reader.streamFiles(header, filter);
    }

    private List<AddFile> filesAtPaths(Set<String> paths) {
        PathLookup last = lastPathLookup;
        if (last != null && last.paths().equals(paths)) {
            return last.files();
        }
        List<AddFile> files = new ArrayList<>();
        try (CloseableIterator<AddFile> it = reader.streamFiles(header, FileFilter.ALL.withPaths(paths))) {
            it.forEachRemaining(files::add);
        }
        lastPathLookup = new PathLookup(Collections.unmodifiableSet(new HashSet<>(paths)), List.copyOf(files));
        return files;
    }

    @Override
    public String toString() {
        return "Snapshot[" + header.table().name() + " v" + header.version() + ", " + header.numFiles() + " files]";
    }
}
