package io.deltasql.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CatalogUnavailableException;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.Snapshot;
import io.deltasql.core.TableInfo;
import io.deltasql.core.TableNotFoundException;
import io.deltasql.core.TableRules;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code delta.tables}: one row per Delta table. INSERT creates a table (version 0: protocol and
 * metaData); DELETE unregisters one (its files and {@code _delta_log} stay). A filter on the name
 * reads only that table.
 */
final class TablesTable extends WritableTable<TablesTable.Row> {
    /**
     * One table as the session sees it. A table whose state cannot be read (protocol and metadata
     * null) still has a row, with what its registry row holds and {@code error} saying why.
     */
    record Row(
            String name,
            String location,
            long version,
            long createdAt,
            Protocol protocol,
            Metadata metadata,
            Long numFiles,
            Long sizeBytes,
            String error) {
        /** A registered table the catalog cannot serve: listed, droppable, and saying what is wrong. */
        static Row unreadable(TableInfo t, RuntimeException why) {
            String message = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
            return new Row(
                    t.name(),
                    t.location(),
                    t.headVersion(),
                    t.createdAt(),
                    null,
                    null,
                    null,
                    null,
                    "cannot read this table: " + Json.abbreviate(message));
        }
    }

    private static final int NAME = 0;
    private static final int LOCATION = 1;
    private static final int PARTITION_COLUMNS = 6;
    private static final int SCHEMA_STRING = 7;
    private static final int PROPERTIES = 10;
    private static final int DESCRIPTION = 11;

    private final DeltaSession session;

    TablesTable(DeltaSession session) {
        super(new Columns<Row>()
                .notNull("name", SqlTypeName.VARCHAR, Row::name)
                .add("location", SqlTypeName.VARCHAR, Row::location)
                .add("version", SqlTypeName.BIGINT, Row::version)
                .add("created_at", SqlTypeName.TIMESTAMP, Row::createdAt)
                .add("min_reader_version", SqlTypeName.INTEGER, fromProtocol(Protocol::minReaderVersion))
                .add("min_writer_version", SqlTypeName.INTEGER, fromProtocol(Protocol::minWriterVersion))
                .add("partition_columns", SqlTypeName.VARCHAR, fromMetadata(m -> Json.write(m.partitionColumns())))
                .add("schema_string", SqlTypeName.VARCHAR, fromMetadata(Metadata::schemaString))
                .add("num_files", SqlTypeName.BIGINT, Row::numFiles)
                .add("size_bytes", SqlTypeName.BIGINT, Row::sizeBytes)
                .add("properties", SqlTypeName.VARCHAR, fromMetadata(m -> Json.write(m.configuration())))
                .add("description", SqlTypeName.VARCHAR, fromMetadata(Metadata::description))
                .add("table_id", SqlTypeName.VARCHAR, fromMetadata(Metadata::id))
                .add("error", SqlTypeName.VARCHAR, Row::error)
                .add("reader_features", SqlTypeName.VARCHAR, r -> features(r.protocol(), Protocol::readerFeatures))
                .add("writer_features", SqlTypeName.VARCHAR, r -> features(r.protocol(), Protocol::writerFeatures))
                .add("read_only_reason", SqlTypeName.VARCHAR, fromProtocol(TableRules::readOnlyReason))
                .add(
                        "kind",
                        SqlTypeName.VARCHAR,
                        fromProtocol(p -> TableRules.isCatalogManaged(p) ? "catalog-managed" : "path-based"))
                .add(
                        "catalog_table_id",
                        SqlTypeName.VARCHAR,
                        r -> r.protocol() != null && TableRules.isCatalogManaged(r.protocol())
                                ? r.metadata().configuration().get(TableRules.CATALOG_TABLE_ID)
                                : null));
        this.session = session;
    }

    /** A column read from the table's protocol: null for an unreadable table, which has none. */
    private static Function<Row, Object> fromProtocol(Function<Protocol, Object> column) {
        return r -> r.protocol() == null ? null : column.apply(r.protocol());
    }

    /** A column read from the table's metaData: null for an unreadable table, which has none. */
    private static Function<Row, Object> fromMetadata(Function<Metadata, Object> column) {
        return r -> r.metadata() == null ? null : column.apply(r.metadata());
    }

    /** A protocol's table features as a JSON array, like partition_columns; null for a legacy protocol (no feature lists). */
    private static String features(Protocol p, Function<Protocol, List<String>> which) {
        List<String> features = p == null ? null : which.apply(p);
        return features == null ? null : Json.write(features);
    }

    @Override
    CloseableIterator<Row> read(List<RexNode> filters) {
        Optional<Set<Object>> names = Filters.points(filters, NAME);
        List<Row> rows = new ArrayList<>();
        SqlTransaction txn = session.current();
        if (names.isPresent()) {
            for (Object n : names.get()) {
                if (n == null) {
                    continue;
                }
                String name = n.toString();
                Optional<PendingTable> created = txn == null ? Optional.empty() : txn.created(name);
                if (created.isPresent()) {
                    rows.add(createdRow(created.get()));
                } else {
                    namedRow(name).ifPresent(rows::add);
                }
            }
        } else {
            for (TableInfo t : session.catalog().listTables()) {
                addRow(rows, t);
            }
            if (txn != null) {
                txn.createdTables().forEach(p -> rows.add(createdRow(p)));
                rows.sort(Comparator.comparing(Row::name));
            }
        }
        return CloseableIterator.of(rows.iterator());
    }

    private void addRow(List<Row> rows, TableInfo t) {
        try {
            rows.add(row(t, session.view(t.name())));
        } catch (TableNotFoundException dropped) {
            // Dropped between listing and reading: not a table any more.
        } catch (CatalogUnavailableException down) {
            throw down;
        } catch (RuntimeException unreadable) {
            // One table the catalog cannot serve must not hide the others.
            rows.add(Row.unreadable(t, unreadable));
        }
    }

    /** The named table's row, with one catalog lookup: its snapshot knows the registry row. */
    private Optional<Row> namedRow(String name) {
        try {
            TableView v = session.view(name);
            return Optional.of(row(v.base().table(), v));
        } catch (TableNotFoundException absent) {
            return Optional.empty();
        } catch (CatalogUnavailableException down) {
            throw down;
        } catch (RuntimeException unreadable) {
            // Still found (so that DELETE … WHERE name = 'x' can unregister it), from its registry row.
            return session.catalog().findTable(name).map(t -> Row.unreadable(t, unreadable));
        }
    }

    private static Row row(TableInfo t, TableView v) {
        Snapshot s = v.base();
        return new Row(
                t.name(),
                t.location(),
                v.version(),
                t.createdAt(),
                v.protocol(),
                v.metadata(),
                v.hasStagedFiles() ? null : s.numFiles(),
                v.hasStagedFiles() ? null : s.sizeBytes(),
                null);
    }

    private static Row createdRow(PendingTable p) {
        CreateTableRequest r = p.createRequest();
        TableView v = p.view();
        return new Row(
                r.name(), r.location(), -1, System.currentTimeMillis(), v.protocol(), v.metadata(), null, null, null);
    }

    @Override
    public long apply(String operation, Enumerable<Object[]> rows, List<String> updateColumns) {
        session.checkWritable("change the catalog"); // permission before support: a reader learns nothing more
        return switch (operation) {
            case "INSERT" -> session.runStatement(txn -> create(txn, rows));
            case "DELETE" -> drop(rows);
            default ->
                throw DeltaSqlErrors.unsupported("UPDATE of delta.tables is not supported: change a table's"
                        + " properties through its t$properties table");
        };
    }

    private long create(SqlTransaction txn, Enumerable<Object[]> rows) {
        long count = 0;
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                Object[] row = e.current();
                String name = (String) row[NAME];
                if (name == null) {
                    throw DeltaSqlErrors.invalid("delta.tables: column name must name the new table, and it is NULL");
                }
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null
                            && i != NAME
                            && i != LOCATION
                            && i != PARTITION_COLUMNS
                            && i != SCHEMA_STRING
                            && i != PROPERTIES
                            && i != DESCRIPTION) {
                        throw DeltaSqlErrors.invalid("delta.tables: column " + columns.name(i)
                                + " is computed by the catalog and cannot be given when creating table '" + name + "'");
                    }
                }
                List<String> partitionColumns = row[PARTITION_COLUMNS] == null
                        ? List.of()
                        : partitionColumns(name, (String) row[PARTITION_COLUMNS]);
                Map<String, String> properties = row[PROPERTIES] == null
                        ? Map.of()
                        : Json.stringMap(name, "properties", (String) row[PROPERTIES]);
                if (row[SCHEMA_STRING] == null) {
                    throw DeltaSqlErrors.invalid("Delta table '" + name + "': column schema_string is required"
                            + " (Delta's JSON schema, {\"type\":\"struct\",\"fields\":[…]})");
                }
                txn.stageCreate(new CreateTableRequest(
                        name,
                        (String) row[LOCATION],
                        (String) row[SCHEMA_STRING],
                        partitionColumns,
                        new LinkedHashMap<>(properties),
                        (String) row[DESCRIPTION]));
                count++;
            }
        }
        return count;
    }

    /** Partition columns as a JSON array of names, or as a comma-separated list. */
    private static List<String> partitionColumns(String table, String text) {
        String t = text.trim();
        if (t.startsWith("[")) {
            JsonNode node = Json.parse(table, "partition_columns", t);
            List<String> names = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw DeltaSqlErrors.invalid("Delta table '" + table + "': column partition_columns must list"
                            + " column names, and it holds " + n);
                }
                names.add(n.asText());
            }
            return names;
        }
        if (t.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(t.split(",")).map(String::trim).toList();
    }

    /** Unregistering is not part of a Delta commit, so it happens at once and only under autocommit. */
    private long drop(Enumerable<Object[]> rows) {
        session.checkWritable("drop a table");
        if (!session.autoCommit()) {
            throw DeltaSqlErrors.unsupported("delta.tables: dropping a table cannot be part of a transaction;"
                    + " run the DELETE with autocommit on");
        }
        List<String> names = new ArrayList<>();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                names.add((String) e.current()[NAME]);
            }
        }
        for (String name : names) {
            session.catalog().dropTable(name);
        }
        return names.size();
    }
}
