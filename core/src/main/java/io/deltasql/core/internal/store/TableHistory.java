package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.CommitResult;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.TableInfo;
import io.deltasql.core.VersionNotFoundException;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.CommitInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the catalog recorded of a table's past: its versions (history), the version current at a
 * time (time travel), one version's actions and original JSON lines, and a commit by its id.
 * Read-only; each call is one pooled connection.
 */
public final class TableHistory {
    private final CatalogDatabase db;

    TableHistory(CatalogDatabase db) {
        this.db = db;
    }

    /** The commit recorded with {@code commitId}, if it landed. */
    public Optional<CommitResult> findCommit(String commitId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(CommitSql.COMMIT_BY_ID)) {
            bind(ps, commitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new CommitResult(rs.getString(1), rs.getLong(2), rs.getLong(3), commitId))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.failure("cannot look up commit " + commitId + " in the catalog", e);
        }
    }

    /** The table's versions, newest first; {@code limit <= 0} means all. */
    public List<HistoryEntry> history(TableInfo table, int limit) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(CommitSql.HISTORY)) {
            // SQLite refuses a fetch size above the row limit.
            ps.setFetchSize(
                    limit > 0
                            ? Math.min(limit, db.config().fetchSize())
                            : db.config().fetchSize());
            if (limit > 0) {
                ps.setMaxRows(limit);
            }
            bind(ps, table.id());
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(4);
                    CommitInfo info = json == null ? null : (CommitInfo) ActionCodec.parse(json);
                    entries.add(new HistoryEntry(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            info,
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getInt(7) != 0));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw db.failure("cannot read the history of table '" + table.name() + "'", e);
        }
    }

    /** The latest version committed at or before {@code timestampMillis}. */
    public long versionAsOf(TableInfo table, long timestampMillis) {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(CommitSql.VERSION_AS_OF)) {
                bind(ps, table.id(), timestampMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return v;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(CommitSql.EARLIEST_COMMIT)) {
                bind(ps, table.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    throw new VersionNotFoundException("Delta table '" + table.name() + "' has no version as of "
                            + Instant.ofEpochMilli(timestampMillis) + ": its first commit (version " + rs.getLong(1)
                            + ") is at " + Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot resolve a timestamp of table '" + table.name() + "'", e);
        }
    }

    /** The actions of one version in commit order, as stored. */
    public List<Action> actions(TableInfo table, long version) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(LogSql.ACTIONS_OF_VERSION)) {
            bind(ps, table.id(), version);
            List<Action> actions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(ActionCodec.parse(rs.getString(1)));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw db.failure("cannot read version " + version + " of table '" + table.name() + "'", e);
        }
    }

    /** The original JSON lines of one version, in commit order: exactly what its {@code _delta_log} file holds. */
    public List<String> actionLines(TableInfo table, long version) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(LogSql.LINES_OF_VERSION)) {
            bind(ps, table.id(), version);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw db.failure("cannot read version " + version + " of table '" + table.name() + "'", e);
        }
    }
}
