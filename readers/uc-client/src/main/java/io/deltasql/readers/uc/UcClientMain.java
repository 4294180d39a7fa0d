package io.deltasql.readers.uc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Delta Kernel 4.3's Unity Catalog client, unmodified, driven from the command line: tests run it in a
 * JVM of its own against the server's Unity Catalog REST API and read the one JSON object it prints
 * on stdout. Logging goes to stderr (slf4j-simple), so stdout holds that object alone.
 *
 * <p>Without arguments it prints the usage on stderr (and the JSON error on stdout); {@code --help}
 * prints it on stdout. Exit codes: 0 on success; 2 when the commit failed as Kernel reports it (a commit conflict or
 * other {@code CommitFailedException}, whose flags the JSON carries); 1 for any other failure.
 */
public final class UcClientMain {
    static final String USAGE = String.join(
            "\n",
            "usage: UcClientMain <command> --uri <server base uri> --token <bearer token> --table-id <uuid>",
            "         --location <table path or file: URI> --name <catalog.schema.table> [options]",
            "commands:",
            "  create  --schema <Delta schema JSON> [--partition-columns a,b] [--max-retries N]",
            "  append  --rows <JSON array of objects> [--max-retries N]",
            "  read    [--version N]",
            "  publish",
            "prints one JSON object on stdout: {\"version\":N[,\"rows\":[...]]} or {\"error\":...,\"exception\":...};",
            "exit 0 on success, 2 when the commit failed (commit conflict), 1 otherwise");

    private static final ObjectMapper JSON = new ObjectMapper();

    private UcClientMain() {}

    public static void main(String[] args) {
        // Keep stdout for the result alone, even if a library prints there.
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("help"))) {
            stdout.println(USAGE);
            System.exit(0);
        }
        if (args.length == 0) {
            System.err.println(USAGE);
        }
        int exitCode;
        ObjectNode result;
        try {
            result = run(Arguments.parse(args));
            exitCode = 0;
        } catch (Throwable t) {
            t.printStackTrace(System.err);
            FailureReport failure = FailureReport.of(t);
            result = failure.json();
            exitCode = failure.exitCode();
        }
        try {
            stdout.println(JSON.writeValueAsString(result));
        } catch (Exception e) {
            e.printStackTrace(System.err);
            exitCode = FailureReport.OTHER;
        }
        stdout.flush();
        // Exit at once: the HTTP client's and Kernel's threads must not keep the JVM alive.
        System.exit(exitCode);
    }

    private static ObjectNode run(Arguments args) throws Exception {
        Command command = switch (args.command()) {
            case "create" -> CreateCommand::run;
            case "append" -> AppendCommand::run;
            case "read" -> ReadCommand::run;
            case "publish" -> PublishCommand::run;
            default -> throw new Arguments.UsageException("unknown command: " + args.command());
        };
        try (UcTable table = UcTable.open(args)) {
            return command.run(table, args);
        }
    }

    /** One subcommand on an opened table. */
    @FunctionalInterface
    private interface Command {
        ObjectNode run(UcTable table, Arguments args) throws Exception;
    }
}
