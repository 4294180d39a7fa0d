package io.deltasql.jdbc.local;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What the local driver's {@code DatabaseMetaData} lists, where Calcite's own answers would mislead
 * a schema browser: standard column types ({@link StandardColumnFactory}), and no {@code metadata}
 * schema (Calcite's description of itself, with Java class names for types).
 */
public final class LocalMetadata {
    /** The schema Calcite adds to every connection's root. */
    static final String CALCITE_METADATA_SCHEMA = "metadata";

    private LocalMetadata() {}

    /** Calcite's metadata layer for a connection, with standard column descriptions. */
    public static Meta createMeta(AvaticaConnection connection) {
        return CalciteMetaImpl.create(
                (CalciteConnection) connection, CalciteMetaTableFactoryImpl.INSTANCE, new StandardColumnFactory());
    }

    /** Removes Calcite's {@code metadata} schema from a connection's root: only {@code delta} and {@code sys} are deltasql's. */
    public static void hideCalciteSchema(SchemaPlus root) {
        CalciteSchema schema = root.unwrap(CalciteSchema.class);
        if (schema != null) {
            schema.removeSubSchema(CALCITE_METADATA_SCHEMA);
        }
    }
}
