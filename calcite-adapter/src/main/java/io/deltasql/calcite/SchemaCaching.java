package io.deltasql.calcite;

import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Keeps Calcite from caching the contents of deltasql's schemas. A cached {@link DeltaSchema}
 * answers the first name it is asked for by listing the whole catalog and opening every virtual
 * table of every Delta table (a head lookup each), keeps that list, and makes every plan depend
 * on every table. Two things in Calcite 1.42 undo {@link SchemaPlus#setCacheEnabled}: the switch
 * only reaches the name lookups that exist when it is called (they are made on first use), and
 * the snapshot of the root schema that each statement is prepared against starts with caching on.
 */
public final class SchemaCaching {
    private SchemaCaching() {}

    /** Turns caching off for good: makes the schema's lookups first, so the switch reaches them. */
    public static void turnOff(SchemaPlus schema) {
        turnOff(schema.unwrap(CalciteSchema.class));
    }

    /** Gives each schema of a statement's snapshot the caching setting of the connection's schema it copies. */
    static void carryOver(CalciteSchema connectionSchema, CalciteSchema snapshot) {
        for (Map.Entry<String, CalciteSchema> sub : snapshot.getSubSchemaMap().entrySet()) {
            CalciteSchema original = connectionSchema.getSubSchema(sub.getKey(), true);
            if (original == null) {
                continue;
            }
            if (!original.plus().isCacheEnabled()) {
                turnOff(sub.getValue());
            }
            carryOver(original, sub.getValue());
        }
    }

    private static void turnOff(CalciteSchema schema) {
        schema.tables();
        schema.subSchemas();
        schema.setCache(true); // setCache does nothing when the flag already has the value asked for
        schema.setCache(false);
    }
}
