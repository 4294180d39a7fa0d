package io.deltasql.calcite;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.MirrorTiming;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Creates the {@code delta} schema from a Calcite model: operand {@code catalog} is the catalog
 * database's JDBC URL (the embedded default when absent); other operands are catalog settings
 * ({@code poolSize}, {@code cacheMaxSnapshots}, {@code user}, {@code password}, …). Adds the
 * {@code sys} schema next to it.
 *
 * <pre>{"schemas": [{"name": "delta", "type": "custom",
 *   "factory": "io.deltasql.calcite.DeltaSchemaFactory", "operand": {"catalog": "jdbc:sqlite:/data/catalog.db"}}]}</pre>
 */
public final class DeltaSchemaFactory implements SchemaFactory {
    public static final DeltaSchemaFactory INSTANCE = new DeltaSchemaFactory();

    public DeltaSchemaFactory() {}

    @Override
    public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
        Object url = operand.get("catalog");
        CatalogConfig.Builder builder =
                url == null ? CatalogConfig.embeddedDefault() : CatalogConfig.builder(url.toString());
        Properties settings = new Properties();
        operand.forEach((k, v) -> {
            if (v != null && !k.equals("catalog") && !k.equals(MirrorTiming.SETTING)) {
                settings.setProperty(k, v.toString());
            }
        });
        Object mirror = operand.get(MirrorTiming.SETTING);
        DeltaCatalog catalog = SharedCatalogs.acquire(
                builder.apply(settings).build(),
                MirrorTiming.ofSetting(mirror == null ? null : mirror.toString())
                        .orElse(null));
        DeltaSchema schema = new DeltaSchema(new DeltaSession(catalog));
        if (parentSchema.subSchemas().get("sys") == null) {
            parentSchema.add("sys", new SysSchema(catalog));
        }
        return schema;
    }
}
