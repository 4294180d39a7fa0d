package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * {@code DELETE FROM "t$files" WHERE ...}: stages the remove of each matched file. A matched row
 * names its file by key (path and deletion vector), and the active files are looked up by those
 * paths, so each row finds its file in one map lookup.
 */
final class FilesDelete {
    private final String table;

    FilesDelete(String table) {
        this.table = table;
    }

    /** Stages the removes in {@code txn}; the number of files removed. */
    long run(SqlTransaction txn, Enumerable<Object[]> rows) {
        List<FileKey> matched = new ArrayList<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                matched.add(key(e.current()));
            }
        }
        PendingTable pending = txn.pending(table);
        TableView view = pending.view();
        Set<String> paths = new LinkedHashSet<>();
        matched.forEach(k -> paths.add(k.path()));
        Map<FileKey, AddFile> active = ActiveFileLookup.byPaths(view, paths);
        // Files of the committed snapshot are removed as conflicts see them; files this transaction staged are simply
        // unstaged. With nothing staged, the view's files are the snapshot's.
        Set<FileKey> committed;
        if (view.base() == null) {
            committed = Set.of();
        } else if (!view.hasStagedFiles()) {
            committed = active.keySet();
        } else {
            committed =
                    ActiveFileLookup.byPaths(TableView.of(view.base()), paths).keySet();
        }
        long now = System.currentTimeMillis();
        long count = 0;
        for (FileKey key : matched) {
            AddFile f = active.get(key);
            if (f != null) {
                pending.stageRemove(f, f.toRemove(now, true), committed.contains(key));
                count++;
            }
        }
        pending.operation("DELETE", Map.of("predicate", "[" + paths.size() + " file(s)]"));
        return count;
    }

    /** The key of the file a matched row shows: its path and the unique id of the deletion vector it shows. */
    private FileKey key(Object[] row) {
        String dv = (String) row[FilesTable.DELETION_VECTOR];
        String dvId = null;
        if (dv != null) {
            JsonNode node = Json.parse(table, "deletion_vector", dv);
            DeletionVectorDescriptor descriptor = ActionCodec.deletionVector((ObjectNode) node);
            dvId = descriptor.uniqueId();
        }
        return new FileKey((String) row[FilesTable.PATH], dvId);
    }
}
