package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.MirrorLedger;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mirror ledger in the catalog: each commit row's mirror state (pending or mirrored, with the
 * last error), each table's mirrored version and block. Reads and records only; it never asks the
 * mirror for anything.
 */
public final class CatalogMirrorLedger implements MirrorLedger {
    private final CatalogDatabase db;

    CatalogMirrorLedger(CatalogDatabase db) {
        this.db = db;
    }

    @Override
    public MirrorStatus status(TableInfo table) {
        try (Connection c = db.connection()) {
            long mirrored = -1;
            String blocked = null;
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.MIRROR_OF_TABLE)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        mirrored = rs.getLong(1);
                        blocked = rs.getString(2);
                    }
                }
            }
            List<MirrorStatus.PendingVersion> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.PENDING_MIRRORS_OF_TABLE)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new MirrorStatus.PendingVersion(table.name(), rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            return new MirrorStatus(table.name(), table.headVersion(), mirrored, pending, blocked);
        } catch (SQLException e) {
            throw db.failure("cannot read the mirror status of table '" + table.name() + "'", e);
        }
    }

    @Override
    public List<MirrorStatus.PendingVersion> pending() {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(MirrorSql.PENDING_MIRRORS);
                ResultSet rs = ps.executeQuery()) {
            List<MirrorStatus.PendingVersion> pending = new ArrayList<>();
            while (rs.next()) {
                pending.add(new MirrorStatus.PendingVersion(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
            return pending;
        } catch (SQLException e) {
            throw db.failure("cannot list pending mirror work", e);
        }
    }

    /**
     * One short transaction per table, which marks its versions and advances its mirrored version.
     * One head row per transaction: a transaction that updated several head rows deadlocked with
     * multi-table commits, which lock their head rows in name order. The transactions do not wait
     * for the database's log flush where they can avoid it: a lost mark leaves its version pending,
     * and the reconciler records it again.
     */
    @Override
    public void markMirrored(List<MirrorStatus.Mark> marks) {
        Map<Long, List<Long>> byTable = new TreeMap<>();
        marks.forEach(m ->
                byTable.computeIfAbsent(m.tableId(), k -> new ArrayList<>()).add(m.version()));
        for (Map.Entry<Long, List<Long>> table : byTable.entrySet()) {
            markMirrored(table.getKey(), table.getValue());
        }
    }

    private void markMirrored(long tableId, List<Long> versions) {
        long newest = versions.stream().mapToLong(Long::longValue).max().orElseThrow();
        update("record " + versions.size() + " mirrored version(s)", c -> {
            c.setAutoCommit(false);
            try {
                // A mark lost in a crash is rebuilt: the reconciler finds the identical file and records it again.
                db.dialect().relaxDurability(c);
                try (PreparedStatement ps = c.prepareStatement(MirrorSql.MARK_MIRRORED)) {
                    db.dialect().planEachExecution(ps);
                    for (long[] run : consecutiveRuns(versions)) {
                        bind(ps, tableId, run[0], run[1]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(MirrorSql.ADVANCE_MIRRORED)) {
                    bind(ps, newest, tableId, newest);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                TransactionRunner.rollbackQuietly(c);
                throw e;
            } finally {
                TransactionRunner.resetQuietly(c);
            }
        });
    }

    /** The versions as runs of consecutive ones, {first, last} each, ascending: one update per run. */
    static List<long[]> consecutiveRuns(Collection<Long> versions) {
        long[] sorted =
                versions.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            runs.add(new long[] {sorted[i], sorted[j]});
            i = j + 1;
        }
        return runs;
    }

    @Override
    public void markMirrorFailed(TableInfo table, long version, String error) {
        update("record a mirror failure of table '" + table.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.MARK_MIRROR_FAILED)) {
                bind(ps, printable(error), table.id(), version);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public void block(TableInfo table, String reason) {
        update("block table '" + table.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(MirrorSql.BLOCK_TABLE)) {
                bind(ps, printable(reason), table.id());
                ps.executeUpdate();
            }
        });
    }

    /** A reason recorded for operators must get stored whatever it quotes: NUL (refused as catalog text) shown as '?'. */
    private static String printable(String reason) {
        return reason == null ? null : reason.replace('\0', '?');
    }

    private void update(String what, Dialect.SqlWork work) {
        try (Connection c = db.connection()) {
            work.run(c);
        } catch (SQLException e) {
            throw db.failure("could not " + what + " in", e);
        }
    }
}
