package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.TableAlreadyExistsException;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.internal.commit.CatalogManagedRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's tables: find one by name (its head row), list them, register a new one inside a
 * caller's transaction, drop one. A head row is read from the catalog on every call; the
 * {@link TableLookup} makes that one round trip when its own connection is free.
 */
public final class TableRegistry implements AutoCloseable {
    private final CatalogDatabase db;
    private final TransactionRunner transactions;
    private final TableLookup lookup;

    TableRegistry(CatalogDatabase db, TransactionRunner transactions) {
        this.db = db;
        this.transactions = transactions;
        this.lookup = new TableLookup(db);
    }

    /** The table's head row, read from the catalog on every call (one round trip when the lookup connection is free). */
    public Optional<TableInfo> find(String name) {
        Optional<TableInfo> found = lookup.find(name);
        if (found != null) {
            return found;
        }
        try (Connection c = db.connection()) {
            return find(c, name, "");
        } catch (SQLException e) {
            throw db.failure("cannot look up table '" + name + "' in the catalog", e);
        }
    }

    public List<TableInfo> list() {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(TableSql.LIST_TABLES);
                ResultSet rs = ps.executeQuery()) {
            List<TableInfo> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(tableInfo(rs));
            }
            return tables;
        } catch (SQLException e) {
            throw db.failure("cannot list the catalog's tables", e);
        }
    }

    /** Unregisters a table: its catalog rows go; its data files and {@code _delta_log} stay where they are. */
    public void drop(String name) {
        transactions.run("drop table '" + name + "'", c -> {
            deleteRows(c, lockRow(c, name).orElseThrow(() -> new TableNotFoundException(name)));
            return null;
        });
    }

    /** The table's head row, locked until the caller's transaction ends. */
    Optional<TableInfo> lockRow(Connection c, String name) throws SQLException {
        return find(c, name, db.dialect().forUpdate());
    }

    /** The table whose uuid is {@code uuid} (a catalog-managed table's id, 32 hex digits). */
    public Optional<TableInfo> findByUuid(String uuid) {
        try (Connection c = db.connection()) {
            return findByUuid(c, uuid);
        } catch (SQLException e) {
            throw db.failure("cannot look up the table with id " + uuid + " in the catalog", e);
        }
    }

    private static Optional<TableInfo> findByUuid(Connection c, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TableSql.FIND_TABLE_BY_UUID)) {
            bind(ps, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tableInfo(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<TableInfo> find(Connection c, String name, String suffix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TableSql.FIND_TABLE + suffix)) {
            bind(ps, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tableInfo(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Registers a table in the caller's transaction, its head at {@code headVersion} (-1 for a table
     * whose version 0 follows), and returns its locked head row. Its uuid is {@code uuid} (a
     * catalog-managed table's id, see {@link io.deltasql.core.internal.commit.CatalogManagedRules}),
     * or a new random one when null.
     */
    TableInfo register(Connection c, String name, String location, String uuid, long headVersion, long now)
            throws SQLException {
        if (uuid != null) {
            Optional<TableInfo> holder = findByUuid(c, uuid);
            if (holder.isPresent()) {
                throw DeltaSqlErrors.invalid("Delta table '" + name + "': table id "
                        + CatalogManagedRules.tableIdOf(uuid) + " is already the id of table '"
                        + holder.get().name() + "'");
            }
        }
        String tableUuid = uuid != null ? uuid : UUID.randomUUID().toString().replace("-", "");
        try (PreparedStatement ps = c.prepareStatement(TableSql.INSERT_TABLE)) {
            bind(ps, name, location, tableUuid, now, headVersion, 0L);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (db.dialect().isUniqueViolation(e)) {
                throw new TableAlreadyExistsException(name);
            }
            throw e;
        }
        return lockRow(c, name).orElseThrow();
    }

    /** Deletes every catalog row of the table, in the caller's transaction. */
    static void deleteRows(Connection c, TableInfo t) throws SQLException {
        for (String sql : TableSql.DELETE_TABLE_ROWS) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, t.id());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(TableSql.DELETE_TABLE)) {
            bind(ps, t.id());
            ps.executeUpdate();
        }
    }

    /** A head row as {@link TableSql#FIND_TABLE}, {@link TableSql#LIST_TABLES} and the head locks select it. */
    static TableInfo tableInfo(ResultSet rs) throws SQLException {
        return new TableInfo(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7));
    }

    /** Closes the lookup's own connection (the catalog is closing, after its listeners). */
    @Override
    public void close() {
        lookup.close();
    }
}
