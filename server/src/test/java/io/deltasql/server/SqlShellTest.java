package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deltasql sql}: sqlline on a local catalog and on a server, run as a user runs it. */
class SqlShellTest {
    @TempDir
    Path dir;

    private String createTable(String name) {
        return "INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + name + "', '" + dir.resolve(name) + "', '"
                + Fixtures.SCHEMA + "')";
    }

    @Test
    void runsStatementsOnALocalCatalogAndFailsClearly() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result created = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-e",
                    createTable("events") + "; INSERT INTO \"events$files\"(path, size) VALUES ('a.parquet', 10);"
                            + " SELECT name, version FROM delta.tables");
            assertThat(created.status()).as(created.output()).isZero();
            assertThat(created.output()).contains("| events | 1       |").contains("1 row affected");
            assertThat(dir.resolve("events/_delta_log/00000000000000000001.json")).exists();

            CliProcess.Result wrong = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-e",
                    "INSERT INTO \"events$files\"(path, size) VALUES ('b.parquet', -1)");
            assertThat(wrong.status()).isNotZero();
            assertThat(wrong.output()).contains("size").contains("-1").contains("state=22");
            CliProcess.Result after = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "--output-format", "csv", "-e",
                    "SELECT version, num_files FROM delta.tables WHERE name = 'events'");
            assertThat(after.status()).as(after.output()).isZero();
            assertThat(after.output()).as("the bad insert committed nothing").contains("'1','1'");
            assertThat(dir.resolve("events/_delta_log/00000000000000000002.json")).doesNotExist();
        }
    }

    @Test
    void runsAScriptFile() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            Path script = dir.resolve("tour.sql");
            Files.write(script, List.of(createTable("a") + ";", createTable("b") + ";",
                    "!autocommit off",
                    "INSERT INTO \"a$files\"(path, size) VALUES ('x', 1);",
                    "INSERT INTO \"b$files\"(path, size) VALUES ('y', 1);",
                    "!commit",
                    "SELECT name, version FROM delta.tables ORDER BY name;"));
            CliProcess.Result run = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-f", script.toString());
            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.output()).contains("| a    | 1       |").contains("| b    | 1       |");
        }
    }

    @Test
    void theReadmeTourRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
        int start = readme.indexOf("```sql") + "```sql".length();
        String tour = readme.substring(start, readme.indexOf("```", start)).replace("/tmp/lake/", dir + "/");
        Path script = dir.resolve("tour.sql");
        Files.writeString(script, tour);
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result run = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-f", script.toString());
            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.output()).doesNotContain("Error").contains("| 2       | WRITE, DELETE |")
                    .contains("| region=eu/part-0.parquet |").contains("| us     | 1         | 2048       |");
            assertThat(dir.resolve("events/_delta_log/00000000000000000002.json")).exists();
            // The transaction's second table committed with the first.
            assertThat(dir.resolve("audit/_delta_log/00000000000000000001.json")).exists();
        }
    }

    @Test
    void connectsToAServer() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
             ServerProcess server = ServerProcess.start(cat.jdbcUrl())) {
            CliProcess.Result run = CliProcess.run("sql", "--remote", server.url(), "-e",
                    createTable("remote_t") + "; SELECT name, version FROM delta.tables");
            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.output()).contains("| remote_t | 0       |");
        }
    }

    @Test
    void refusesContradictoryOptions() throws Exception {
        CliProcess.Result both = CliProcess.run("sql", "--catalog", "jdbc:sqlite:" + dir.resolve("c.db"),
                "--remote", "http://127.0.0.1:1", "-e", "SELECT 1");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.output()).contains("give --catalog or --remote, not both");
        CliProcess.Result missing = CliProcess.run("sql", "--catalog", "jdbc:sqlite:" + dir.resolve("c.db"),
                "-f", dir.resolve("nope.sql").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the script");
        assertThat(dir.resolve("c.db")).as("nothing was created").doesNotExist();
    }
}
