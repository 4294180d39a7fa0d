package io.deltasql.server;

import io.deltasql.server.cli.DeltaSqlCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/deltasql} run in the test's process, its exit status and what it printed. */
record InProcessCli(int status, String out, String err) {
    /** Runs {@code args} with the store settings {@code conf} ({@code --conf …}, {@code --conf-file …}) after them. */
    static InProcessCli run(List<String> conf, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(conf);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                DeltaSqlCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new InProcessCli(status, out.toString(), err.toString());
    }
}
