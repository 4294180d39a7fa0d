package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnDataType;
import schemacrawler.schema.DataTypeType;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.command.text.schema.options.TextOutputFormat;
import schemacrawler.tools.executable.SchemaCrawlerExecutable;
import schemacrawler.tools.options.OutputOptionsBuilder;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * SchemaCrawler, a widely used JDBC metadata crawler, crawls deltasql at its maximum info level,
 * locally and through a server, as a schema browser does: nothing it logs is a warning, it finds no
 * user-defined types, and each column's type is the one the table declares.
 */
class SchemaCrawlerTest {
    @TempDir
    static Path dir;

    private static CatalogTarget.TestCatalog catalog;
    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        catalog = CatalogTargets.SQLITE.create();
        try (Connection c = DriverManager.getConnection(localUrl());
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO delta.tables(name, location, schema_string, partition_columns) VALUES ('events', '"
                            + dir.resolve("events") + "', '" + Fixtures.SCHEMA + "', '[\"region\"]')");
        }
        server = ServerProcess.start(catalog.jdbcUrl());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    private static String localUrl() {
        return "jdbc:deltasql:" + catalog.jdbcUrl().substring("jdbc:".length());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "remote"})
    void crawlsAtMaximumInfoLevelWithoutWarnings(String how) throws Exception {
        String url = how.equals("local") ? localUrl() : "jdbc:deltasql:remote:" + server.url();
        Path text = dir.resolve("schema-" + how + ".txt");
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Catalog crawled;
        try (Connection c = DriverManager.getConnection(url)) {
            SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                    .withLoadOptions(LoadOptionsBuilder.builder()
                            .withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum())
                            .toOptions());
            SchemaCrawlerExecutable executable = new SchemaCrawlerExecutable("schema");
            executable.setSchemaCrawlerOptions(options);
            executable.setOutputOptions(OutputOptionsBuilder.newOutputOptions(TextOutputFormat.text, text));
            executable.setDataSource(DatabaseConnectionSources.fromConnection(c));
            executable.execute();
            crawled = executable.getCatalog();
        } finally {
            root.removeHandler(capture);
        }

        assertThat(warnings)
                .extracting(r -> r.getLoggerName() + ": " + r.getMessage())
                .isEmpty();
        assertThat(crawled.getSchemas()).extracting(s -> s.getFullName()).containsExactlyInAnyOrder("delta", "sys");
        List<String> userDefined = new ArrayList<>();
        for (ColumnDataType t : crawled.getColumnDataTypes()) {
            if (t.getType() == DataTypeType.user_defined) {
                userDefined.add(t.getName());
            }
        }
        for (var schema : crawled.getSchemas()) {
            for (ColumnDataType t : crawled.getColumnDataTypes(schema)) {
                if (t.getType() == DataTypeType.user_defined) {
                    userDefined.add(schema.getFullName() + "." + t.getName());
                }
            }
        }
        assertThat(userDefined).isEmpty();

        Map<String, String> files = new TreeMap<>();
        Table table = crawled.getTables().stream()
                .filter(t -> t.getName().equals("events$files"))
                .findFirst()
                .orElseThrow();
        for (Column col : table.getColumns()) {
            files.put(col.getName(), col.getColumnDataType().getName() + (col.isNullable() ? "" : " not null"));
            assertThat(col.getColumnDataType().getType()).as(col.getName()).isEqualTo(DataTypeType.system);
        }
        assertThat(files)
                .containsEntry("path", "VARCHAR not null")
                .containsEntry("size", "BIGINT")
                .containsEntry("data_change", "BOOLEAN")
                .containsEntry("region", "VARCHAR")
                .containsEntry("modification_time", "BIGINT");
        Table history = crawled.getTables().stream()
                .filter(t -> t.getName().equals("events$history"))
                .findFirst()
                .orElseThrow();
        assertThat(history.lookupColumn("timestamp")
                        .orElseThrow()
                        .getColumnDataType()
                        .getName())
                .isEqualTo("TIMESTAMP");
        assertThat(history.lookupColumn("timestamp").orElseThrow().getDecimalDigits())
                .isEqualTo(3);

        String report = Files.readString(text, StandardCharsets.UTF_8);
        assertThat(report)
                .contains("events$files", "VARCHAR", "BIGINT")
                .doesNotContain("NOT NULL NOT NULL", "JavaType", "\nmetadata.", "user-defined");
    }
}
