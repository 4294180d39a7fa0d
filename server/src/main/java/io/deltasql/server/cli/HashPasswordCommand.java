package io.deltasql.server.cli;

import io.deltasql.server.BCryptCredential;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltasql hash-password}: prints the bcrypt hash of a password for the server's users
 * file. The password is read from the terminal (asked twice, not echoed), from standard input, or
 * from {@code --password-file}; never from the command line, where other local accounts could
 * read it in the process list.
 */
@Command(
        name = "hash-password",
        description =
                "Print the users-file hash (bcrypt) of a password read from the terminal, standard input or --password-file.")
public final class HashPasswordCommand implements Callable<Integer> {
    @Option(
            names = "--password-file",
            paramLabel = "<file>",
            description = "Read the password from this file (one trailing newline is ignored).")
    Path passwordFile;

    @Option(
            names = "--cost",
            defaultValue = "" + BCryptCredential.DEFAULT_COST,
            paramLabel = "<n>",
            description = "bcrypt cost: 2^n rounds, " + BCryptCredential.MIN_COST + " to " + BCryptCredential.MAX_COST
                    + ". Default: ${DEFAULT-VALUE}.")
    int cost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String password =
                passwordFile != null ? SecretSource.read("--password-file", passwordFile) : fromConsoleOrStdin();
        spec.commandLine().getOut().println(BCryptCredential.hash(password, cost));
        return 0;
    }

    private static String fromConsoleOrStdin() throws IOException {
        Console console = System.console();
        if (console == null) {
            return SecretSource.withoutTrailingNewline(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        }
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Password again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return new String(first);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, ' ');
            Arrays.fill(again == null ? new char[0] : again, ' ');
        }
    }
}
