package io.deltasql.server.cli;

import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.DeltaSqlVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/deltasql}: the command line. Every command exits 0 on success, and otherwise
 * non-zero with a one-line reason on stderr; every command answers {@code --help}.
 */
@Command(
        name = "deltasql",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = DeltaSqlCli.Version.class,
        description = "A SQL database as the store of Delta Lake transaction logs.",
        subcommands = {
            ServerCommand.class,
            SqlCommand.class,
            DemoCommand.class,
            ImportCommand.class,
            MirrorCommand.class,
            VerifyCommand.class,
            HashPasswordCommand.class,
            NewTokenCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DeltaSqlCli {
    @Option(
            names = CliLogging.VERBOSE_OPTION,
            scope = ScopeType.INHERIT,
            description =
                    "Also show the libraries' log messages (Hadoop, Parquet, Calcite, Jetty, …) at INFO, and stack traces of errors.")
    boolean verbose;

    private DeltaSqlCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line with the given output streams and returns its exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // Before the command classes, whose loggers read the levels when they are made.
        boolean verbose = CliLogging.verboseRequested(args);
        CliLogging.configure(verbose, CliLogging.command(args));
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("deltasql " + commandLine.getCommandName() + ": " + oneLine(e));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof DeltaSqlException ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** The command line's commands, options and help, before it runs. */
    static CommandLine commandLine() {
        return new CommandLine(new DeltaSqlCli());
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"deltasql " + DeltaSqlVersion.VERSION};
        }
    }
}
