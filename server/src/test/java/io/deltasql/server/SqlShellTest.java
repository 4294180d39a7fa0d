package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deltasql sql}: sqlline on a local catalog and on a server, run as a user runs it. */
class SqlShellTest {
    @TempDir
    Path dir;

    private String createTable(String name) {
        return "INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + name + "', '" + dir.resolve(name)
                + "', '" + Fixtures.SCHEMA + "')";
    }

    @Test
    void runsStatementsOnALocalCatalogAndFailsClearly() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result created = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "-e",
                    createTable("events") + "; INSERT INTO \"events$files\"(path, size) VALUES ('a.parquet', 10);"
                            + " SELECT name, version FROM delta.tables");
            assertThat(created.status()).as(created.output()).isZero();
            assertThat(created.stdout()).contains("| events | 1       |");
            assertThat(created.stderr())
                    .as("results only: no banner, progress or row counts")
                    .isEmpty();
            assertThat(dir.resolve("events/_delta_log/00000000000000000001.json"))
                    .exists();

            CliProcess.Result wrong = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "-e",
                    "INSERT INTO \"events$files\"(path, size) VALUES ('b.parquet', -1)");
            assertThat(wrong.status()).isNotZero();
            assertThat(wrong.stderrLines())
                    .singleElement()
                    .asString()
                    .contains("size")
                    .contains("-1")
                    .contains("state=22");
            CliProcess.Result after = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--output-format",
                    "csv",
                    "-e",
                    "SELECT version, num_files FROM delta.tables WHERE name = 'events'");
            assertThat(after.status()).as(after.output()).isZero();
            assertThat(after.output()).as("the bad insert committed nothing").contains("'1','1'");
            assertThat(dir.resolve("events/_delta_log/00000000000000000002.json"))
                    .doesNotExist();
        }
    }

    @Test
    void runsAScriptFile() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            Path script = dir.resolve("tour.sql");
            Files.write(
                    script,
                    List.of(
                            createTable("a") + ";",
                            createTable("b") + ";",
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
            assertThat(run.output())
                    .doesNotContain("Error")
                    .contains("| 2       | WRITE, DELETE |")
                    .contains("| region=eu/part-0.parquet |")
                    .contains("| us     | 1         | 2048       |");
            assertThat(dir.resolve("events/_delta_log/00000000000000000002.json"))
                    .exists();
            // The transaction's second table committed with the first.
            assertThat(dir.resolve("audit/_delta_log/00000000000000000001.json"))
                    .exists();
        }
    }

    @Test
    void connectsToAServer() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl())) {
            CliProcess.Result run = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "-e",
                    createTable("remote_t") + "; SELECT name, version FROM delta.tables");
            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.output()).contains("| remote_t | 0       |");
        }
    }

    @Test
    void refusesContradictoryOptions() throws Exception {
        CliProcess.Result both = CliProcess.run(
                "sql",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "--remote",
                "http://127.0.0.1:1",
                "-e",
                "SELECT 1");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.output()).contains("give --catalog or --remote, not both");
        CliProcess.Result missing = CliProcess.run(
                "sql",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "-f",
                dir.resolve("nope.sql").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the script");
        assertThat(dir.resolve("c.db")).as("nothing was created").doesNotExist();
    }

    @Test
    void aTypoIsOneLineOnStderrWithItsReasonAndSqlState() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            CliProcess.Result typo =
                    CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-e", "SELECT * FROM delta.tabels");
            assertThat(typo.status()).isNotZero();
            assertThat(typo.stdout()).isEmpty();
            assertThat(typo.stderrLines())
                    .singleElement()
                    .asString()
                    .startsWith("Error: ")
                    .contains("Object 'tabels' not found")
                    .contains("state=42P01");

            // -e runs every statement, as sqlline does; one failure among them still fails the run.
            CliProcess.Result middle = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--output-format",
                    "csv",
                    "-e",
                    "SELECT 'first'; SELECT * FROM delta.tabels; SELECT 'last'");
            assertThat(middle.status()).isNotZero();
            assertThat(middle.stdout()).contains("'first'").contains("'last'");
            assertThat(middle.stderrLines()).singleElement().asString().contains("Object 'tabels' not found");

            CliProcess.Result verbose =
                    CliProcess.run("sql", "--verbose", "--catalog", cat.jdbcUrl(), "-e", "SELECT * FROM delta.tabels");
            assertThat(verbose.status()).isNotZero();
            assertThat(verbose.stderr())
                    .as("--verbose brings the stack trace back")
                    .contains("Object 'tabels' not found")
                    .contains("\tat ");
        }
    }

    @Test
    void aScriptStopsAtItsFirstFailureWithOneLineAndNothingAfterItRuns() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            Path script = dir.resolve("broken.sql");
            Files.write(
                    script,
                    List.of(
                            createTable("t") + ";",
                            "SELECT *",
                            "  FROM delta.tabels;",
                            "INSERT INTO \"t$files\"(path, size) VALUES ('never.parquet', 1);"));
            CliProcess.Result run = CliProcess.run("sql", "--catalog", cat.jdbcUrl(), "-f", script.toString());
            assertThat(run.status()).isNotZero();
            assertThat(run.stderrLines())
                    .singleElement()
                    .asString()
                    .contains("Object 'tabels' not found")
                    .contains("state=42P01");

            CliProcess.Result after = CliProcess.run(
                    "sql",
                    "--catalog",
                    cat.jdbcUrl(),
                    "--output-format",
                    "csv",
                    "-e",
                    "SELECT version, num_files FROM delta.tables WHERE name = 't'");
            assertThat(after.stdout())
                    .as("the statement after the failure did not run")
                    .contains("'0','0'");
            assertThat(dir.resolve("t/_delta_log/00000000000000000001.json")).doesNotExist();
        }
    }

    @Test
    void theShellReportsErrorsInOneLineToo() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            Path typed =
                    Files.writeString(dir.resolve("typed.sql"), "SELECT * FROM delta.tabels;\nSELECT 'still here';\n");
            CliProcess.Result shell = CliProcess.run(Map.of(), typed, "sql", "--catalog", cat.jdbcUrl());
            assertThat(shell.output())
                    .contains("still here")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            assertThat(shell.stderrLines())
                    .filteredOn(l -> l.startsWith("Error: "))
                    .singleElement()
                    .asString()
                    .contains("Object 'tabels' not found")
                    .contains("state=42P01");
        }
    }

    @Test
    void theUsersPasswordComesFromTheEnvironmentOrAFile() throws Exception {
        Path users = PrivateFiles.write(dir.resolve("users.properties"), "alice: alice-pw, writer\n");
        Path passwordFile = PrivateFiles.write(dir.resolve("alice-password"), "alice-pw\n");
        Path wrongFile = PrivateFiles.write(dir.resolve("wrong-password"), "not-it\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--users", users.toString())) {
            String count = "SELECT count(*) AS n FROM delta.tables";
            CliProcess.Result fromEnv = CliProcess.run(
                    Map.of("DELTASQL_PASSWORD", "alice-pw"),
                    null,
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "-e",
                    count);
            assertThat(fromEnv.status()).as(fromEnv.output()).isZero();
            assertThat(fromEnv.stdout()).contains("| 0 |");
            CliProcess.Result fromFile = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "--password-file",
                    passwordFile.toString(),
                    "-e",
                    count);
            assertThat(fromFile.status()).as(fromFile.output()).isZero();

            CliProcess.Result wrong = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "--password-file",
                    wrongFile.toString(),
                    "-e",
                    count);
            assertThat(wrong.status()).isNotZero();
            assertThat(wrong.stdout()).isEmpty();
            assertThat(wrong.stderrLines())
                    .singleElement()
                    .asString()
                    .startsWith("Error: ")
                    .contains("state=28000")
                    .doesNotContain("not-it");
            CliProcess.Result wrongEnv = CliProcess.run(
                    Map.of("DELTASQL_PASSWORD", "not-it"),
                    null,
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "-e",
                    count);
            assertThat(wrongEnv.status()).isNotZero();
            assertThat(wrongEnv.stderrLines()).singleElement().asString().contains("state=28000");
            CliProcess.Result both = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "--password=alice-pw",
                    "--password-file",
                    passwordFile.toString(),
                    "-e",
                    count);
            assertThat(both.status()).isEqualTo(2);
            assertThat(both.stderrLines().get(0)).isEqualTo("give --password or --password-file, not both");
            CliProcess.Result missing = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "-n",
                    "alice",
                    "--password-file",
                    dir.resolve("nope").toString(),
                    "-e",
                    count);
            assertThat(missing.status()).isNotZero();
            assertThat(missing.stderrLines())
                    .containsExactly("deltasql sql: --password-file " + dir.resolve("nope") + ": no such file");
        }
    }

    @Test
    void trustsASelfSignedServerWithATruststore() throws Exception {
        Path serverKeystore = TestKeystores.selfSigned(dir.resolve("server.p12"), "server-pw");
        Path truststore =
                TestKeystores.truststoreFor(serverKeystore, "server-pw", dir.resolve("trust.p12"), "store-pw");
        Path storePassword = PrivateFiles.write(dir.resolve("store-password"), "store-pw\n");
        Path wrongPassword = PrivateFiles.write(dir.resolve("wrong-password"), "nope-pw\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        Map.of("DELTASQL_KEYSTORE_PASSWORD", "server-pw"),
                        cat.jdbcUrl(),
                        "--keystore",
                        serverKeystore.toString())) {
            assertThat(server.url()).startsWith("https://");
            String count = "SELECT count(*) AS n FROM delta.tables";
            CliProcess.Result fromFile = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "--truststore",
                    truststore.toString(),
                    "--truststore-password-file",
                    storePassword.toString(),
                    "-e",
                    count);
            assertThat(fromFile.status()).as(fromFile.output()).isZero();
            assertThat(fromFile.stdout()).contains("| 0 |");
            CliProcess.Result fromEnv = CliProcess.run(
                    Map.of("DELTASQL_TRUSTSTORE_PASSWORD", "store-pw"),
                    null,
                    "sql",
                    "--remote",
                    server.url(),
                    "--truststore",
                    truststore.toString(),
                    "-e",
                    count);
            assertThat(fromEnv.status()).as(fromEnv.output()).isZero();

            CliProcess.Result untrusted = CliProcess.run("sql", "--remote", server.url(), "-e", count);
            assertThat(untrusted.status()).isNotZero();
            assertThat(untrusted.stderrLines())
                    .singleElement()
                    .asString()
                    .startsWith("Error: ")
                    .containsIgnoringCase("certif")
                    .contains("state=");
            CliProcess.Result wrong = CliProcess.run(
                    "sql",
                    "--remote",
                    server.url(),
                    "--truststore",
                    truststore.toString(),
                    "--truststore-password-file",
                    wrongPassword.toString(),
                    "-e",
                    count);
            assertThat(wrong.status()).isNotZero();
            assertThat(wrong.stderrLines())
                    .containsExactly("deltasql sql: --truststore " + truststore + ": the password is not accepted");
            CliProcess.Result notAKeystore = CliProcess.run(
                    Map.of("DELTASQL_TRUSTSTORE_PASSWORD", "store-pw"),
                    null,
                    "sql",
                    "--remote",
                    server.url(),
                    "--truststore",
                    storePassword.toString(),
                    "-e",
                    count);
            assertThat(notAKeystore.status()).isNotZero();
            assertThat(notAKeystore.stderrLines())
                    .singleElement()
                    .asString()
                    .startsWith("deltasql sql: --truststore " + storePassword + ": ");
            CliProcess.Result local = CliProcess.run(
                    "sql", "--catalog", cat.jdbcUrl(), "--truststore", truststore.toString(), "-e", count);
            assertThat(local.status()).isEqualTo(2);
            assertThat(local.stderrLines().get(0)).isEqualTo("--truststore is for an https:// --remote server");
        }
    }
}
