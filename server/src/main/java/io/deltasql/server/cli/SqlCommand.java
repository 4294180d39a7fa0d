package io.deltasql.server.cli;

import io.deltasql.jdbc.DeltaSqlDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sqlline.SqlLine;

/**
 * {@code deltasql sql}: sqlline on the catalog through the {@code jdbc:deltasql:} driver, or on a
 * deltasql server with {@code --remote}. Interactive by default; {@code -e} and {@code -f} run SQL
 * and exit, non-zero if a statement failed.
 */
@Command(name = "sql", description = "Open sqlline on the catalog, or on a deltasql server with --remote.")
public final class SqlCommand implements Callable<Integer> {
    private static final int UNBOUNDED_WIDTH = 10_000;
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--remote", paramLabel = "<url>", description = "A deltasql server's URL, e.g. http://host:8765, instead of --catalog.")
    String remote;

    @Option(names = {"-n", "--user"}, paramLabel = "<user>", description = "User for a server started with --users.")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "<password>", arity = "0..1", interactive = true,
            description = "Password of --user (asked for when given without a value).")
    char[] password;

    @Option(names = {"-e", "--execute"}, paramLabel = "<sql>", description = "Run this SQL (statements separated by ';') and exit.")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Run the SQL script in this file and exit.")
    Path file;

    @Option(names = "--output-format", defaultValue = "table", paramLabel = "table|vertical|csv|tsv|json|xmlattr",
            description = "How results are printed. Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (remote != null && catalogOptions.catalogUrl != null) {
            throw new ParameterException(spec.commandLine(), "give --catalog or --remote, not both");
        }
        if (execute != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give -e or -f, not both");
        }
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read the script " + file);
        }
        DeltaSqlDriver.load();
        List<String> args = new ArrayList<>(List.of("-d", DeltaSqlDriver.class.getName(), "-u", jdbcUrl(),
                "--outputFormat=" + outputFormat, "--isolation=TRANSACTION_SERIALIZABLE", "--showWarnings=false"));
        // sqlline asks for credentials it is not given; a local catalog needs none.
        String pw = password != null ? new String(password) : remote == null ? catalogOptions.password(System.getenv()) : null;
        args.addAll(List.of("-n", user == null ? "" : user, "-p", pw == null ? "" : pw));
        if (execute != null) {
            args.addAll(List.of("-e", execute));
        } else if (file != null) {
            args.addAll(List.of("-f", file.toString()));
        }
        boolean interactive = execute == null && file == null;
        if (System.console() == null) {
            // Output to a pipe or file: no terminal width to fit tables to, and no need to hear that.
            args.add("--maxWidth=" + UNBOUNDED_WIDTH);
            JLINE_LOG.setLevel(Level.SEVERE);
        }
        SqlLine.Status status = new SqlLine().begin(args.toArray(String[]::new), null, interactive);
        return status == SqlLine.Status.OK ? 0 : 1;
    }

    /** The driver URL: {@code jdbc:deltasql:remote:<server>}, or the catalog's URL under {@code jdbc:deltasql:}. */
    String jdbcUrl() {
        if (remote != null) {
            return "jdbc:deltasql:remote:" + remote;
        }
        String catalog = catalogOptions.config().build().jdbcUrl();
        return catalog.startsWith("jdbc:deltasql:") ? catalog : "jdbc:deltasql:" + catalog.substring("jdbc:".length());
    }
}
