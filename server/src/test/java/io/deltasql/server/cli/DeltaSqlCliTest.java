package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.AddFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeltaSqlCliTest {
    @TempDir
    Path dir;

    /** Exit status, stdout and stderr of one command line. */
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DeltaSqlCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void demoTellsWhatHappenedAndRunsOncePerCatalog() throws Exception {
        String catalog = "jdbc:sqlite:" + dir.resolve("catalog.db");
        Path location = dir.resolve("demo");
        Run first = run("demo", "--catalog", catalog, "--location", location.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out())
                .contains("1. Created the table demo_events")
                .contains("version 0.")
                .contains("4. The table now, at version 2: 1 file(s), 2048 bytes (region=us/part-00000.parquet).")
                .contains("5. Time travel to version 1: 2 file(s), 3072 bytes")
                .contains("7. Mirrored through version 2 to " + location.resolve("_delta_log"))
                .doesNotContain("CatalogStats")
                .doesNotContain("CacheStatistics");
        assertThat(first.out().lines().filter(l -> l.matches(" +version \\d.*")))
                .hasSize(3);
        assertThat(run("verify", "demo_events", "--all-versions", "--catalog", catalog)
                        .status())
                .isZero();
        List<String> logBefore = logFiles(location);

        Run second = run("demo", "--catalog", catalog, "--location", location.toString());
        assertThat(second.status()).isNotZero();
        assertThat(second.out()).isEmpty();
        assertThat(second.err())
                .isEqualTo(
                        "deltasql demo: the demo ran on this catalog before: table 'demo_events' exists (version 2, at "
                                + location.toAbsolutePath() + "); 'deltasql demo --reset' starts it over\n");
        try (DeltaCatalog c = DeltaCatalog.open(CatalogConfig.builder(catalog).build())) {
            assertThat(c.table("demo_events").headVersion())
                    .as("the refused run changed nothing")
                    .isEqualTo(2);
        }
        assertThat(logFiles(location)).isEqualTo(logBefore);

        Run reset = run("demo", "--reset", "--catalog", catalog, "--location", location.toString());
        assertThat(reset.status()).as(reset.err()).isZero();
        assertThat(reset.out())
                .startsWith("Removed the previous demo_events from the catalog and deleted its _delta_log.")
                .contains("4. The table now, at version 2: 1 file(s)");
        assertThat(run("verify", "demo_events", "--all-versions", "--catalog", catalog)
                        .status())
                .isZero();
        assertThat(logFiles(location)).isEqualTo(logBefore);
    }

    private static List<String> logFiles(Path table) throws Exception {
        try (var files = Files.list(table.resolve("_delta_log"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyCommandAnswersHelp() {
        Map<String, CommandLine> commands = DeltaSqlCli.commandLine().getSubcommands();
        assertThat(commands)
                .containsKeys("server", "sql", "demo", "import", "mirror", "verify", "hash-password", "help");
        for (String name : commands.keySet()) {
            Run help = run(name, "--help");
            assertThat(help.status()).as(name + " --help: " + help.err()).isZero();
            assertThat(help.out()).as(name).contains("Usage: deltasql " + name);
            assertThat(help.err()).isEmpty();
            Run helpCommand = run("help", name);
            assertThat(helpCommand.status()).isZero();
            assertThat(helpCommand.out()).isEqualTo(help.out());
        }
        Run top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).startsWith("Usage: deltasql").contains("--verbose");
        assertThat(run("sql", "--help").out())
                .contains("$DELTASQL_PASSWORD")
                .contains("$DELTASQL_TRUSTSTORE_PASSWORD")
                .contains("$DELTASQL_CATALOG_PASSWORD");
        assertThat(run("server", "--help").out())
                .contains("$DELTASQL_KEYSTORE_PASSWORD")
                .contains("$DELTASQL_CATALOG_PASSWORD");
    }

    @Test
    void aServerWithAnUnknownMirrorSettingDoesNotStart() {
        Run r = run(
                "server",
                "--port",
                "0",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("never.db"),
                "--mirror",
                "sometimes");
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("mirror='sometimes'").contains("async");
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    @Test
    void anUnknownOptionIsOneLineAndTheUsage() {
        for (List<String> command : List.of(
                List.of("server"),
                List.of("sql"),
                List.of("demo"),
                List.of("mirror"),
                List.of("verify", "t"),
                List.of("import", "/tmp/t"),
                List.of("hash-password"))) {
            String name = command.get(0);
            List<String> args = new ArrayList<>(command);
            args.add("--nope");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().findFirst()).hasValue("Unknown option: '--nope'");
            assertThat(r.err()).contains("Usage: deltasql " + name);
        }
    }

    @Test
    void mirrorCompletesPendingVersionsAndVerifyComparesWithKernel() throws Exception {
        String catalogUrl = "jdbc:sqlite:" + dir.resolve("catalog.db");
        Path location = dir.resolve("events");
        // Commits made without a mirror running: every version is pending.
        try (DeltaCatalog catalog =
                DeltaCatalog.open(CatalogConfig.builder(catalogUrl).build())) {
            catalog.createTable(
                    new CreateTableRequest(
                            "events",
                            location.toString(),
                            "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}"));
            for (int v = 0; v < 3; v++) {
                catalog.commit(CommitRequest.builder("events", v)
                        .add(new AddFile("part-" + v + ".parquet", Map.of(), 100, 1, true, null))
                        .build());
            }
            assertThat(catalog.mirrorStatus("events").pending()).hasSize(4);
        }
        Run verifyBefore = run("verify", "events", "--catalog", catalogUrl);
        assertThat(verifyBefore.status()).isNotZero();

        Run mirror = run("mirror", "--catalog", catalogUrl);
        assertThat(mirror.status()).as(mirror.err()).isZero();
        assertThat(mirror.out())
                .contains("mirrored 4 pending version(s)")
                .contains("events: mirrored through version 3");
        assertThat(location.resolve("_delta_log/00000000000000000003.json")).exists();

        Run verify = run("verify", "events", "--all-versions", "--catalog", catalogUrl);
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();

        // Another engine writes version 4: mirror reports the block, verify the difference.
        Files.writeString(
                location.resolve("_delta_log/00000000000000000004.json"),
                "{\"add\":{\"path\":\"spark.parquet\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n");
        Run blocked = run("mirror", "--catalog", catalogUrl);
        assertThat(blocked.status()).isNotZero();
        assertThat(blocked.err()).contains("'events' is blocked");
        Run differs = run("verify", "events", "--catalog", catalogUrl);
        assertThat(differs.status()).isNotZero();
        assertThat(differs.err()).contains("difference");
        // A _last_checkpoint of another history (beyond the head) is a difference too.
        Files.writeString(location.resolve("_delta_log/_last_checkpoint"), "{\"version\":9,\"size\":2}");
        Run otherHistory = run("verify", "events", "--catalog", catalogUrl);
        assertThat(otherHistory.status()).isNotZero();
        assertThat(otherHistory.err()).contains("2 difference(s)");
        assertThat(otherHistory.out()).contains("_last_checkpoint").contains("version 9");
        assertThat(run("verify", "missing", "--catalog", catalogUrl).err()).contains("'missing'");
    }

    @Test
    void importLoadsATableWithItsHistoryAndCatchesUp() throws Exception {
        String catalogUrl = "jdbc:sqlite:" + dir.resolve("catalog.db");
        Path log = Files.createDirectories(dir.resolve("sales/_delta_log"));
        String add =
                "{\"add\":{\"path\":\"%s\",\"partitionValues\":{},\"size\":10,\"modificationTime\":1,\"dataChange\":true}}\n";
        Files.writeString(
                log.resolve("00000000000000000000.json"),
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                        + "{\"metaData\":{\"id\":\"sales-id\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\",\"partitionColumns\":[],"
                        + "\"configuration\":{},\"createdTime\":1}}\n");
        Files.writeString(log.resolve("00000000000000000001.json"), String.format(add, "a.parquet"));

        Run imported = run("import", dir.resolve("sales").toString(), "--catalog", catalogUrl);
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported table 'sales' at version 1 (1 active files)");

        Run again = run("import", dir.resolve("sales").toString(), "--catalog", catalogUrl);
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).contains("'sales' already exists");
        Run missing = run("import", dir.resolve("nowhere").toString(), "--name", "x", "--catalog", catalogUrl);
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("no _delta_log");

        Files.writeString(log.resolve("00000000000000000002.json"), String.format(add, "b.parquet"));
        Run caughtUp = run("import", dir.resolve("sales").toString(), "--catch-up", "--catalog", catalogUrl);
        assertThat(caughtUp.status()).as(caughtUp.err()).isZero();
        assertThat(caughtUp.out()).contains("caught up table 'sales' at version 2 (2 active files)");
        assertThat(run("verify", "sales", "--all-versions", "--catalog", catalogUrl)
                        .status())
                .isZero();
        Run replaced = run("import", dir.resolve("sales").toString(), "--replace", "--catalog", catalogUrl);
        assertThat(replaced.status()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("re-imported table 'sales' at version 2");
        assertThat(run("import", dir.resolve("sales").toString(), "--replace", "--catch-up", "--catalog", catalogUrl)
                        .status())
                .isNotZero();
    }

    @Test
    void failuresExitNonZeroWithOneLineAndNoPassword() {
        Run r = run("demo", "--catalog", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2");
        assertThat(r.status()).isNotZero();
        assertThat(r.err().strip()).doesNotContain("\n").contains("127.0.0.1:1").doesNotContain("hunter2");
        assertThat(run("no-such-command").status()).isNotZero();
        assertThat(run("--version").out()).startsWith("deltasql ");
    }
}
