package io.deltasql.core.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the catalog schema ({@link CatalogSchema}'s dialect-neutral tables, columns and indexes)
 * as one database's DDL. The statement shapes are written once here; the {@link Dialect} supplies
 * the column types and the few places where a database needs something else.
 */
final class CatalogDdl {
    private final Dialect dialect;

    CatalogDdl(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Everything a migration's schema step runs, in order: its new tables, then new columns, then new indexes. */
    List<String> of(CatalogSchema.Migration migration) {
        List<String> ddl = new ArrayList<>();
        for (TableDef t : migration.tables()) {
            ddl.addAll(createTable(t));
        }
        for (CatalogSchema.AddedColumn a : migration.columns()) {
            ddl.add(addColumn(a.table(), a.column()));
        }
        for (CatalogSchema.AddedIndex a : migration.indexes()) {
            ddl.add(createIndex(a.table(), a.index()));
        }
        return ddl;
    }

    /**
     * The statements that create {@code table} with its indexes if they do not exist: CREATE TABLE
     * (with the indexes the dialect declares inline), then column storage settings, then CREATE INDEX.
     */
    List<String> createTable(TableDef table) {
        boolean identityKey = dialect.identityDeclaresPrimaryKey()
                && table.columns().stream().anyMatch(c -> c.type() == ColumnType.IDENTITY);
        List<String> clauses = new ArrayList<>();
        for (TableDef.Column c : table.columns()) {
            clauses.add(column(c));
        }
        if (!identityKey && !table.primaryKey().isEmpty()) {
            clauses.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
        }
        List<String> after = new ArrayList<>();
        for (TableDef.Column c : table.columns()) {
            dialect.columnStorage(table.name(), c).ifPresent(after::add);
        }
        for (TableDef.Index ix : table.indexes()) {
            Optional<String> inline = dialect.inlineIndex(ix);
            if (inline.isPresent()) {
                clauses.add(inline.get());
            } else {
                after.add(createIndex(table.name(), ix));
            }
        }
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE IF NOT EXISTS " + table.name() + " (" + String.join(", ", clauses) + ")"
                + dialect.tableOptions());
        ddl.addAll(after);
        return ddl;
    }

    private String column(TableDef.Column c) {
        String type = dialect.columnType(c.type());
        if (c.type() == ColumnType.IDENTITY && dialect.identityDeclaresPrimaryKey()) {
            return c.name() + " " + type;
        }
        return c.name() + " " + type + (c.nullable() ? "" : " NOT NULL");
    }

    /** DDL that adds a nullable column to an existing table (a schema migration). */
    String addColumn(String table, TableDef.Column column) {
        if (!column.nullable()) {
            throw new IllegalArgumentException("a column added to existing rows must be nullable: " + column.name());
        }
        // IF NOT EXISTS: PostgreSQL and MariaDB run migration DDL outside a transaction, so a rerun after a failure
        // must pass.
        return "ALTER TABLE " + table + " ADD COLUMN" + (dialect.hasAddColumnIfNotExists() ? " IF NOT EXISTS " : " ")
                + column.name() + " " + dialect.columnType(column.type());
    }

    /** DDL that adds a secondary index to an existing table (a schema migration, or after CREATE TABLE). */
    String createIndex(String table, TableDef.Index index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + index.name() + " ON " + table
                + " (" + String.join(", ", index.columns()) + ")";
    }
}
