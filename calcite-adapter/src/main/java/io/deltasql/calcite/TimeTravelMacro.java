package io.deltasql.calcite;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.Snapshot;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeFactoryImpl;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/**
 * The time-travel functions {@code delta.files('t', version)} and
 * {@code delta.files_as_of('t', TIMESTAMP '…')}: the active files of a committed version, with the
 * columns of {@code t$files} for that version's schema. Arguments are literals (the table name
 * decides the columns).
 */
final class TimeTravelMacro implements TableMacro {
    private final DeltaSession session;
    private final boolean byTimestamp;

    private TimeTravelMacro(DeltaSession session, boolean byTimestamp) {
        this.session = session;
        this.byTimestamp = byTimestamp;
    }

    static TimeTravelMacro byVersion(DeltaSession session) {
        return new TimeTravelMacro(session, false);
    }

    static TimeTravelMacro byTimestamp(DeltaSession session) {
        return new TimeTravelMacro(session, true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        // Java types: Calcite converts a macro's literal arguments to the Java class of each parameter.
        return List.of(
                parameter(0, "table_name", String.class),
                byTimestamp ? timestampParameter(1, "as_of") : parameter(1, "version", Long.class));
    }

    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
        Object table = arguments.get(0);
        Object at = arguments.get(1);
        String function = byTimestamp ? "files_as_of" : "files";
        if (table == null || at == null) {
            throw DeltaSqlErrors.invalid("delta." + function + " needs a table name and a "
                    + (byTimestamp ? "timestamp" : "version") + ", both as literals");
        }
        String name = table.toString();
        Snapshot snapshot = byTimestamp
                ? session.catalog().snapshotAsOf(name, Instant.ofEpochMilli(millis(at)))
                : session.catalog().snapshotAt(name, ((Number) at).longValue());
        if (byTimestamp) {
            PlanDependencies.notReusable(); // a later commit may fall before the timestamp
        } else {
            PlanDependencies.table(
                    name, () -> TableFingerprint.of(session.view(name).metadata()));
        }
        return FilesTable.snapshot(session, snapshot);
    }

    private static long millis(Object at) {
        if (at instanceof Number n) {
            return n.longValue();
        }
        if (at instanceof Date d) {
            return d.getTime();
        }
        if (at instanceof Calendar c) {
            return c.getTimeInMillis();
        }
        if (at instanceof TimestampString t) {
            return t.getMillisSinceEpoch();
        }
        return PartitionColumn.parseTimestamp(at.toString());
    }

    /**
     * A TIMESTAMP parameter whose literal reaches {@link #apply} as Calcite holds it (a
     * {@link TimestampString}): Calcite converts macro arguments only to the parameter's Java class,
     * and has no conversion from a TIMESTAMP literal to any class that types as TIMESTAMP.
     */
    private static FunctionParameter timestampParameter(int ordinal, String name) {
        return new MacroParameter(ordinal, name, f -> new TimestampLiteralType((RelDataTypeFactoryImpl) f));
    }

    private static FunctionParameter parameter(int ordinal, String name, Class<?> type) {
        return new MacroParameter(ordinal, name, f -> ((JavaTypeFactory) f).createType(type));
    }

    /** A required parameter of the macro, typed by the factory Calcite plans with. */
    private record MacroParameter(int ordinal, String name, Function<RelDataTypeFactory, RelDataType> type)
            implements FunctionParameter {
        @Override
        public int getOrdinal() {
            return ordinal;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
            return type.apply(typeFactory);
        }

        @Override
        public boolean isOptional() {
            return false;
        }
    }

    /** Types as TIMESTAMP for signature matching; its Java class, Object, takes the literal's value as is. */
    private static final class TimestampLiteralType extends RelDataTypeFactoryImpl.JavaType {
        TimestampLiteralType(RelDataTypeFactoryImpl factory) {
            factory.super(Object.class);
        }

        @Override
        public SqlTypeName getSqlTypeName() {
            return SqlTypeName.TIMESTAMP;
        }
    }
}
