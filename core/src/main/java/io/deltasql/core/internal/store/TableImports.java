package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.ImportedVersion;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Tables another engine wrote, brought into the catalog with their versions as they are (see
 * {@link ReplayWriter}): a first import (or a re-import replacing what the catalog had), and the
 * catch-up of versions committed outside after the catalog's head. Each is one transaction: all of
 * its versions land, or nothing does.
 */
public final class TableImports {
    private final TableRegistry tables;
    private final TransactionRunner transactions;

    TableImports(TableRegistry tables, TransactionRunner transactions) {
        this.tables = tables;
        this.transactions = transactions;
    }

    /**
     * Registers a table written by another engine with its versions; with {@code replace}, the
     * registered table of that name is dropped in the same transaction.
     */
    public TableInfo importTable(String name, String location, List<ImportedVersion> versions, boolean replace) {
        if (versions.isEmpty()) {
            throw DeltaSqlErrors.invalid("Delta table '" + name + "': nothing to import");
        }
        transactions.run("import table '" + name + "'", c -> {
            if (replace) {
                TableRegistry.deleteRows(
                        c, tables.lockRow(c, name).orElseThrow(() -> new TableNotFoundException(name)));
            }
            TableInfo head = tables.register(
                    c,
                    name,
                    location,
                    ImportedTableIds.catalogUuid(name, versions),
                    versions.get(0).version() - 1,
                    System.currentTimeMillis());
            replay(c, new ReplayWriter.Replayed(head, 0, 0), true, versions);
            return null;
        });
        return tables.find(name).orElseThrow();
    }

    /** Appends versions another engine committed after the catalog's head, and lifts a block set for an outside writer. */
    public TableInfo appendImported(String name, List<ImportedVersion> versions) {
        if (versions.isEmpty()) {
            return tables.find(name).orElseThrow(() -> new TableNotFoundException(name));
        }
        transactions.run("catch up table '" + name + "'", c -> {
            TableInfo head = tables.lockRow(c, name).orElseThrow(() -> new TableNotFoundException(name));
            long[] counts = countsAt(c, head);
            replay(c, new ReplayWriter.Replayed(head, counts[0], counts[1]), false, versions);
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.BLOCK_TABLE)) {
                bind(ps, SqlRunner.NULL_TEXT, head.id());
                ps.executeUpdate();
            }
            return null;
        });
        return tables.find(name).orElseThrow();
    }

    private static void replay(Connection c, ReplayWriter.Replayed start, boolean first, List<ImportedVersion> versions)
            throws SQLException {
        ReplayWriter.Replayed state = start;
        boolean isFirst = first;
        for (ImportedVersion v : versions) {
            state = ReplayWriter.write(c, state, isFirst, v);
            isFirst = false;
        }
    }

    /** The table's file count and size at its head version, from its commit row. */
    private static long[] countsAt(Connection c, TableInfo head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CommitSql.COMMIT_AT)) {
            bind(ps, head.id(), head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(3), rs.getLong(4)} : new long[] {0, 0};
            }
        }
    }
}
