package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog schema's DDL, rendered once from {@link CatalogSchema} with each dialect's hooks, is
 * exactly the DDL each dialect rendered on its own before (src/test/resources/catalog-ddl, one
 * statement per line, captured from the per-dialect renderers), so every catalog keeps its schema.
 */
class CatalogDdlTest {
    static Stream<Dialect> dialects() {
        return Stream.of(new SqliteDialect(), new PostgresDialect(), new MariaDbDialect());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void everyMigrationRendersTheSchemaThatCatalogsHave(Dialect dialect) throws IOException {
        CatalogDdl ddl = new CatalogDdl(dialect);
        List<String> rendered = new ArrayList<>(ddl.createTable(CatalogSchema.SCHEMA_VERSION));
        for (CatalogSchema.Migration m : CatalogSchema.MIGRATIONS) {
            rendered.add("-- migration " + m.version());
            rendered.addAll(ddl.of(m));
        }
        assertThat(rendered).containsExactlyElementsOf(expected(dialect.name()));
    }

    @Test
    void aColumnAddedToExistingRowsMustBeNullable() {
        CatalogDdl ddl = new CatalogDdl(new PostgresDialect());
        assertThatThrownBy(() -> ddl.addColumn("ds_files", TableDef.col("stats", ColumnType.TEXT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be nullable: stats");
    }

    private static List<String> expected(String dialect) throws IOException {
        try (InputStream in = CatalogDdlTest.class.getResourceAsStream("/catalog-ddl/" + dialect + ".sql")) {
            assertThat(in).as("expected DDL of " + dialect).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
