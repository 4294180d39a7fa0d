package io.deltasql.core.internal.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.deltasql.core.CacheStatistics;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.files.CompactFileList;
import io.deltasql.core.internal.store.HeaderSource;
import io.deltasql.core.internal.store.SnapshotHeader;
import io.deltasql.core.internal.store.SnapshotReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Snapshots are immutable per (table, version), so they are cached without expiry: headers by
 * count, file lists by number of files. A miss for a version newer than one already cached is
 * served by advancing the cached snapshot with only the commits in between.
 */
public final class SnapshotCache implements HeaderSource {
    /** Cache key: table ids are never reused, so a re-created table never sees a dropped one's entries. */
    record Key(long tableId, long version) {}

    private final SnapshotReader reader;
    private final long maxFilesPerSnapshot;
    private final Cache<Key, SnapshotHeader> headers;
    private final Cache<Key, CompactFileList> files;
    private final ConcurrentMap<Long, Long> newestHeader = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Long> newestFiles = new ConcurrentHashMap<>();

    public SnapshotCache(CatalogConfig config, SnapshotReader reader) {
        this.reader = reader;
        // One table's file list may use at most half the budget, so a huge table cannot flush all others.
        this.maxFilesPerSnapshot = config.cacheMaxFiles() / 2;
        this.headers = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxSnapshots())
                .recordStats()
                .build();
        this.files = Caffeine.newBuilder()
                .maximumWeight(config.cacheMaxFiles())
                .<Key, CompactFileList>weigher((k, v) -> Math.max(1, v.size()))
                .recordStats()
                .build();
    }

    /** The cached header of this version, or null. */
    public SnapshotHeader cachedHeader(TableInfo table, long version) {
        return headers.getIfPresent(new Key(table.id(), version));
    }

    @Override
    public SnapshotHeader header(Connection c, TableInfo table, long version) throws SQLException {
        Key key = new Key(table.id(), version);
        SnapshotHeader hit = headers.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        SnapshotHeader base = olderCached(headers, newestHeader, table.id(), version);
        SnapshotHeader loaded =
                base != null ? reader.advanceHeader(c, base, version) : reader.loadHeader(c, table, version);
        remember(headers, newestHeader, key, loaded);
        return loaded;
    }

    @Override
    public void committed(SnapshotHeader header) {
        remember(headers, newestHeader, new Key(header.table().id(), header.version()), header);
    }

    /** Whether a snapshot with this many files is kept in memory (larger ones are streamed from the catalog). */
    public boolean cacheable(SnapshotHeader header) {
        return header.numFiles() <= maxFilesPerSnapshot;
    }

    /** The cached file list of this snapshot, or null. */
    CompactFileList cachedFiles(SnapshotHeader header) {
        return files.getIfPresent(new Key(header.table().id(), header.version()));
    }

    /** The file list of this snapshot, loaded (or advanced from an older cached one) on a miss. */
    CompactFileList files(Connection c, SnapshotHeader header) throws SQLException {
        long tableId = header.table().id();
        Key key = new Key(tableId, header.version());
        CompactFileList hit = files.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        Long baseVersion = newestFiles.get(tableId);
        CompactFileList base = baseVersion != null && baseVersion < header.version()
                ? files.getIfPresent(new Key(tableId, baseVersion))
                : null;
        CompactFileList loaded;
        if (base != null) {
            SnapshotReader.FileChanges changes = reader.changesBetween(c, tableId, baseVersion, header.version());
            loaded = base.advance(changes.dropped(), changes.added());
        } else {
            loaded = CompactFileList.of(reader.loadFiles(c, header));
        }
        if (cacheable(header)) {
            remember(files, newestFiles, key, loaded);
        }
        return loaded;
    }

    private static <V> V olderCached(
            Cache<Key, V> cache, ConcurrentMap<Long, Long> newest, long tableId, long version) {
        Long v = newest.get(tableId);
        return v != null && v < version ? cache.getIfPresent(new Key(tableId, v)) : null;
    }

    private static <V> void remember(Cache<Key, V> cache, ConcurrentMap<Long, Long> newest, Key key, V value) {
        cache.put(key, value);
        newest.merge(key.tableId(), key.version(), Math::max);
    }

    /** Forgets a dropped table. */
    public void invalidate(long tableId) {
        headers.asMap().keySet().removeIf(k -> k.tableId() == tableId);
        files.asMap().keySet().removeIf(k -> k.tableId() == tableId);
        newestHeader.remove(tableId);
        newestFiles.remove(tableId);
    }

    public CacheStatistics headerStatistics() {
        return statistics("snapshot_headers", headers, headers.estimatedSize());
    }

    public CacheStatistics fileStatistics() {
        long weight =
                files.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return statistics("file_lists", files, weight);
    }

    private static CacheStatistics statistics(String name, Cache<?, ?> cache, long weight) {
        CacheStats s = cache.stats();
        return new CacheStatistics(name, s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), weight);
    }
}
