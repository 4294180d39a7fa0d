package io.deltasql.calcite;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.deltasql.core.DeltaCatalog;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The {@code delta} schema of one connection: {@code tables}, the virtual tables {@code t$files},
 * {@code t$history}, {@code t$log}, {@code t$changes}, {@code t$partitions}, {@code t$schema} and
 * {@code t$properties} of every Delta table, and the time-travel functions. Names are resolved
 * against the catalog on every lookup, so tables created or dropped anywhere appear and vanish
 * without reconnecting.
 */
public final class DeltaSchema extends AbstractSchema {
    public static final String TABLES = "tables";

    private final DeltaSession session;
    private final Lookup<Table> tables = new VirtualTableLookup();

    public DeltaSchema(DeltaSession session) {
        this.session = session;
    }

    public DeltaSession session() {
        return session;
    }

    @Override
    public Lookup<Table> tables() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return ImmutableMultimap.of(
                "files", TimeTravelMacro.byVersion(session), "files_as_of", TimeTravelMacro.byTimestamp(session));
    }

    private DeltaCatalog catalog() {
        return session.catalog();
    }

    /** The Delta table's exact name: as given, or the one name equal to it ignoring case. */
    private Optional<String> resolve(String table, boolean caseSensitive) {
        if (table.indexOf('\u0000') >= 0) {
            return Optional.empty(); // no table has NUL in its name, and the catalog refuses to look one up
        }
        SqlTransaction txn = session.current();
        if (txn != null && txn.created(table).isPresent()) {
            return Optional.of(table);
        }
        boolean exact = session.committedTableExists(table);
        if (exact || caseSensitive) {
            return exact ? Optional.of(table) : Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        catalog().listTables().forEach(t -> names.add(t.name()));
        if (txn != null) {
            txn.createdTables().forEach(p -> names.add(p.name()));
        }
        return names.stream().filter(n -> n.equalsIgnoreCase(table)).findFirst();
    }

    private Table create(VirtualTableName name) {
        return switch (name.kind()) {
            case FILES ->
                FilesTable.latest(
                        session, name.table(), session.view(name.table()).metadata());
            case HISTORY -> new HistoryTable(session, name.table());
            case LOG -> new LogTable(session, name.table());
            case CHANGES -> new ChangesTable(session, name.table());
            case PARTITIONS ->
                new PartitionsTable(
                        session, name.table(), session.view(name.table()).metadata());
            case SCHEMA -> new SchemaTable(session, name.table());
            case PROPERTIES -> new PropertiesTable(session, name.table());
        };
    }

    /** Resolves names to virtual tables on demand; lists them for metadata browsers. */
    private final class VirtualTableLookup implements Lookup<Table> {
        @Override
        public Table get(String name) {
            Named<Table> t = lookup(name, true);
            return t == null ? null : t.entity();
        }

        @Override
        public Named<Table> getIgnoreCase(String name) {
            return lookup(name, false);
        }

        private Named<Table> lookup(String name, boolean caseSensitive) {
            if (caseSensitive ? name.equals(TABLES) : name.equalsIgnoreCase(TABLES)) {
                return new Named<>(TABLES, new TablesTable(session));
            }
            Optional<VirtualTableName> parsed = VirtualTableName.parse(name);
            if (parsed.isEmpty() || (caseSensitive && !parsed.get().sqlName().equals(name))) {
                return null;
            }
            Optional<String> table = resolve(parsed.get().table(), caseSensitive);
            if (table.isEmpty()) {
                return null;
            }
            VirtualTableName resolved =
                    new VirtualTableName(table.get(), parsed.get().kind());
            SqlTransaction txn = session.current();
            if (txn != null && txn.created(table.get()).isPresent()) {
                PlanDependencies.notReusable();
            } else {
                PlanDependencies.table(
                        table.get(),
                        () -> TableFingerprint.of(session.view(table.get()).metadata()));
            }
            return new Named<>(resolved.sqlName(), create(resolved));
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
            Predicate1<String> matches = pattern.matcher();
            Set<String> names = new LinkedHashSet<>();
            if (matches.apply(TABLES)) {
                names.add(TABLES);
            }
            Set<String> tableNames = new LinkedHashSet<>();
            catalog().listTables().forEach(t -> tableNames.add(t.name()));
            SqlTransaction txn = session.current();
            if (txn != null) {
                txn.createdTables().forEach(p -> tableNames.add(p.name()));
            }
            for (String t : tableNames) {
                for (VirtualTableName.Kind k : VirtualTableName.Kind.values()) {
                    String n = t + k.suffix();
                    if (matches.apply(n)) {
                        names.add(n);
                    }
                }
            }
            return names;
        }
    }
}
