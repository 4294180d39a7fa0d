package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bin/deltasql import} on each of {@link MalformedLogs}, as a user runs it (a JVM of its own
 * per command): a non-zero exit status, one line of output naming the problem (no stack trace), and
 * the catalog and the table's {@code _delta_log} as they were. A valid log imported the same way
 * (exit 0) shows the command line itself works. Prints one {@code RELIABILITY cli-import …} line.
 */
class CliImportTest {
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void malformedDeltaLogsImportedThroughTheCommandLine() throws Exception {
        Path dir = RunDirs.fresh("cli-import");
        List<String> anomalies = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (CatalogTarget.TestCatalog db = CatalogTargets.SQLITE.create()) {
            // The catalog exists before the first import, so "unchanged" compares like with like.
            assertThat(run(dir, "valid", MalformedLogs.write(dir.resolve("valid"), List.of(MalformedLogs.V0)), db)
                            .status())
                    .as("a valid log imports")
                    .isZero();
            for (Map.Entry<String, List<String>> c : MalformedLogs.cases().entrySet()) {
                Path table = MalformedLogs.write(dir.resolve(c.getKey()), c.getValue());
                String before = CatalogDump.of(db.jdbcUrl());
                Map<String, String> logBefore = MalformedLogs.contents(table);
                Run r = run(dir, c.getKey(), table, db);
                statuses.merge(r.status(), 1, Integer::sum);
                List<String> lines =
                        r.output().lines().filter(l -> !l.isBlank()).toList();
                System.out.println("CLI import " + c.getKey() + " exit " + r.status() + ": "
                        + Outcomes.abbreviate(r.output().strip()));
                if (r.status() == 0) {
                    anomalies.add(c.getKey() + ": exit status 0, expected a refusal");
                }
                if (lines.size() != 1
                        || !lines.get(0).startsWith("deltasql import: ")
                        || r.output().contains("\tat ")
                        || r.output().contains("Exception")) {
                    anomalies.add(c.getKey() + ": expected one line 'deltasql import: <reason>', got: "
                            + Outcomes.abbreviate(r.output()));
                }
                if (!CatalogDump.of(db.jdbcUrl()).equals(before)) {
                    anomalies.add(c.getKey() + ": the catalog changed");
                }
                if (!MalformedLogs.contents(table).equals(logBefore)) {
                    anomalies.add(c.getKey() + ": its _delta_log changed");
                }
            }
        }
        System.out.println(
                "RELIABILITY cli-import cases=" + MalformedLogs.cases().size() + " exit_statuses="
                        + statuses.toString().replace(" ", "") + " anomalies=" + anomalies.size());
        assertThat(KnownIssues.unknown("cli-import", anomalies)).isEmpty();
    }

    record Run(int status, String output) {}

    private static Run run(Path dir, String name, Path table, CatalogTarget.TestCatalog db) throws Exception {
        try (ChildJvm cli = ChildJvm.start(
                dir.resolve("cli-" + name + ".log"),
                "io.deltasql.server.cli.DeltaSqlCli",
                "import",
                table.toString(),
                "--name",
                "imp_" + name.replace('-', '_'),
                "--catalog",
                db.jdbcUrl())) {
            int status = cli.await(120);
            return new Run(status, cli.output());
        }
    }
}
