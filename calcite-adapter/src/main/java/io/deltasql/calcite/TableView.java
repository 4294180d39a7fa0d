package io.deltasql.calcite;

import io.deltasql.core.CloseableIterator;
import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.Snapshot;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What a statement sees of one Delta table: a committed snapshot (absent for a table created in
 * the open transaction) with the transaction's staged adds, removes and metadata laid over it.
 */
final class TableView {
    private final String name;
    private final Snapshot base;
    private final Protocol protocol;
    private final Metadata metadata;
    private final Map<FileKey, AddFile> stagedAdds;
    private final Set<FileKey> stagedRemoves;

    TableView(
            String name,
            Snapshot base,
            Protocol protocol,
            Metadata metadata,
            Map<FileKey, AddFile> stagedAdds,
            Set<FileKey> stagedRemoves) {
        this.name = name;
        this.base = base;
        this.protocol = protocol;
        this.metadata = metadata;
        this.stagedAdds = stagedAdds;
        this.stagedRemoves = stagedRemoves;
    }

    static TableView of(Snapshot snapshot) {
        return new TableView(
                snapshot.table().name(), snapshot, snapshot.protocol(), snapshot.metadata(), Map.of(), Set.of());
    }

    String name() {
        return name;
    }

    /** The committed snapshot under the view, or null for a table this transaction creates. */
    Snapshot base() {
        return base;
    }

    /** The committed version read, or -1 for a table this transaction creates. */
    long version() {
        return base == null ? -1 : base.version();
    }

    Protocol protocol() {
        return protocol;
    }

    Metadata metadata() {
        return metadata;
    }

    boolean hasStagedFiles() {
        return !stagedAdds.isEmpty() || !stagedRemoves.isEmpty();
    }

    /** The active files passing {@code filter}: committed ones not removed by the transaction, then its staged adds. */
    CloseableIterator<AddFile> files(FileFilter filter) {
        CloseableIterator<AddFile> committed =
                base == null ? CloseableIterator.of(List.<AddFile>of().iterator()) : base.streamFiles(filter);
        if (!hasStagedFiles()) {
            return committed;
        }
        List<AddFile> added = new ArrayList<>();
        for (AddFile f : stagedAdds.values()) {
            if (filter.matches(f)) {
                added.add(f);
            }
        }
        return new OverlayIterator(committed, added.iterator());
    }

    /** The active files with these keys, by key, in one pushed-down lookup. */
    Map<FileKey, AddFile> activeFiles(Set<String> paths) {
        Map<FileKey, AddFile> found = new HashMap<>();
        if (paths.isEmpty()) {
            return found;
        }
        try (CloseableIterator<AddFile> it = files(FileFilter.ALL.withPaths(paths))) {
            while (it.hasNext()) {
                AddFile f = it.next();
                found.put(FileKey.of(f), f);
            }
        }
        return found;
    }

    /** Committed files minus staged removes and replacements, followed by staged adds. */
    private final class OverlayIterator implements CloseableIterator<AddFile> {
        private final CloseableIterator<AddFile> committed;
        private final Iterator<AddFile> added;
        private AddFile next;

        OverlayIterator(CloseableIterator<AddFile> committed, Iterator<AddFile> added) {
            this.committed = committed;
            this.added = added;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (committed.hasNext()) {
                    AddFile f = committed.next();
                    FileKey key = FileKey.of(f);
                    if (!stagedRemoves.contains(key) && !stagedAdds.containsKey(key)) {
                        next = f;
                    }
                } else if (added.hasNext()) {
                    next = added.next();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public AddFile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AddFile f = next;
            next = null;
            return f;
        }

        @Override
        public void close() {
            committed.close();
        }
    }
}
