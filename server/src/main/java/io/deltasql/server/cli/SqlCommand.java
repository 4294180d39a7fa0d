package io.deltasql.server.cli;

import io.deltasql.jdbc.DeltaSqlDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sqlline.SqlLine;

/**
 * {@code deltasql sql}: sqlline on the catalog through the {@code jdbc:deltasql:} driver, or on a
 * deltasql server with {@code --remote}. Interactive by default; {@code -e} and {@code -f} run SQL
 * and exit, non-zero if a statement failed. Errors are one line each ({@link SqlLineShell}).
 */
@Command(name = "sql", description = "Open sqlline on the catalog, or on a deltasql server with --remote.")
public final class SqlCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "DELTASQL_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_ENV = "DELTASQL_TRUSTSTORE_PASSWORD";
    private static final int UNBOUNDED_WIDTH = 10_000;
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    @ParentCommand
    DeltaSqlCli cli;

    @Mixin
    CatalogOptions catalogOptions;

    @Option(
            names = "--remote",
            paramLabel = "<url>",
            description = "A deltasql server's URL, e.g. http://host:8765, instead of --catalog.")
    String remote;

    @Option(
            names = {"-n", "--user"},
            paramLabel = "<user>",
            description = "User for a server started with --users.")
    String user;

    @Option(
            names = {"-p", "--password"},
            paramLabel = "<password>",
            arity = "0..1",
            interactive = true,
            description =
                    "Password of --user, asked for when given without a value (a value here is visible to other local accounts "
                            + "in the process list: prefer --password-file or $" + PASSWORD_ENV + ").")
    char[] password;

    @Option(
            names = "--password-file",
            paramLabel = "<file>",
            description = "File holding the password of --user (one trailing newline is ignored). Default: $"
                    + PASSWORD_ENV + ".")
    Path passwordFile;

    @Option(
            names = "--truststore",
            paramLabel = "<file>",
            description =
                    "Trust the certificates in this keystore (JKS or PKCS12) for an https:// --remote server, e.g. its self-signed one.")
    Path truststore;

    @Option(
            names = "--truststore-password",
            paramLabel = "<password>",
            description =
                    "Password of --truststore (visible in the process list: prefer --truststore-password-file or $"
                            + TRUSTSTORE_PASSWORD_ENV + ").")
    String truststorePassword;

    @Option(
            names = "--truststore-password-file",
            paramLabel = "<file>",
            description = "File holding the password of --truststore (one trailing newline is ignored). Default: $"
                    + TRUSTSTORE_PASSWORD_ENV + ".")
    Path truststorePasswordFile;

    @Option(
            names = {"-e", "--execute"},
            paramLabel = "<sql>",
            description = "Run this SQL (statements separated by ';') and exit.")
    String execute;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "<file>",
            description = "Run the SQL script in this file and exit; it stops at the first failure.")
    Path file;

    @Option(
            names = "--output-format",
            defaultValue = "table",
            paramLabel = "table|vertical|csv|tsv|json|xmlattr",
            description = "How results are printed. Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        Map<String, String> env = System.getenv();
        // Given to the driver on sqlline's !connect line, which --verbose does not print (its -n and -p would be).
        Map<String, String> connectSettings = new LinkedHashMap<>();
        if (truststore != null) {
            String secret = SecretSource.resolve(
                    "--truststore-password", truststorePassword, truststorePasswordFile, TRUSTSTORE_PASSWORD_ENV, env);
            Truststores.check(truststore, secret);
            connectSettings.put("truststore", truststore.toAbsolutePath().toString());
            if (secret != null) {
                connectSettings.put("truststore_password", secret);
            }
        }
        // sqlline asks for credentials it is not given; a local catalog needs none.
        connectSettings.put("user", user == null ? "" : user);
        String pw = password(env);
        connectSettings.put("password", pw == null ? "" : pw);
        DeltaSqlDriver.load();
        boolean scripted = execute != null || file != null;
        boolean verbose = cli != null && cli.verbose;
        List<String> args = new ArrayList<>(List.of(
                "-d",
                DeltaSqlDriver.class.getName(),
                "-u",
                jdbcUrl(),
                "--outputFormat=" + outputFormat,
                "--isolation=TRANSACTION_SERIALIZABLE",
                "--showWarnings=false",
                "--verbose=" + verbose));
        if (scripted && !verbose) {
            // Results on stdout, failures on stderr, and nothing else: no banner, progress or row counts.
            args.add("--silent=true");
        }
        if (execute != null) {
            args.addAll(List.of("-e", execute));
        } else if (file != null) {
            args.addAll(List.of("-f", file.toString()));
        }
        if (System.console() == null) {
            // Output to a pipe or file: no terminal width to fit tables to, and no need to hear that.
            args.add("--maxWidth=" + UNBOUNDED_WIDTH);
            JLINE_LOG.setLevel(Level.SEVERE);
        }
        SqlLineShell shell = new SqlLineShell(verbose, scripted);
        ConnectSettingsHandler.install(shell, connectSettings);
        SqlLine.Status status = shell.begin(args.toArray(String[]::new), null, !scripted);
        return status == SqlLine.Status.OK && !(scripted && shell.failed()) ? 0 : 1;
    }

    private void checkOptions() {
        if (remote != null && catalogOptions.catalogUrl != null) {
            throw new ParameterException(spec.commandLine(), "give --catalog or --remote, not both");
        }
        if (execute != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give -e or -f, not both");
        }
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read the script " + file);
        }
        if (truststore != null && (remote == null || !remote.startsWith("https:"))) {
            throw new ParameterException(spec.commandLine(), "--truststore is for an https:// --remote server");
        }
        if (truststore == null && (truststorePassword != null || truststorePasswordFile != null)) {
            throw new ParameterException(spec.commandLine(), "--truststore-password needs --truststore");
        }
        if (password != null && passwordFile != null) {
            throw new ParameterException(spec.commandLine(), "give --password or --password-file, not both");
        }
    }

    /**
     * The password to connect with: with {@code --remote} the server user's ({@code --password},
     * its file or {@code $DELTASQL_PASSWORD}); else {@code --password} or its file, or the catalog
     * database's password ({@code --catalog-password-file} or {@code $DELTASQL_CATALOG_PASSWORD}).
     */
    private String password(Map<String, String> env) {
        String given = password == null ? null : new String(password);
        if (remote != null) {
            return SecretSource.resolve("--password", given, passwordFile, PASSWORD_ENV, env);
        }
        String explicit = SecretSource.resolve("--password", given, passwordFile, null, env);
        return explicit != null ? explicit : catalogOptions.password(env);
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
