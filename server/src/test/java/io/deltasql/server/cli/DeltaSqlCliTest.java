package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSqlCliTest {
    @TempDir
    Path dir;

    /** Exit status, stdout and stderr of one command line. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DeltaSqlCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void demoCommitsAndTravelsInTime() {
        String catalog = "jdbc:sqlite:" + dir.resolve("catalog.db");
        Run first = run("demo", "--catalog", catalog, "--location", dir.resolve("demo").toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("created demo_events").contains("committed version 1").contains("latest: version 1, 2 files");
        Run second = run("demo", "--catalog", catalog, "--location", dir.resolve("demo").toString());
        assertThat(second.status()).isZero();
        assertThat(second.out()).contains("committed version 2").contains("latest: version 2, 4 files")
                .contains("time travel to version 1: 2 files");
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
