package io.deltasql.server.cli;

import io.deltasql.server.BearerTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltasql new-token <user>}: mints a bearer token for a user of the server's users file.
 * The token goes to standard output once (give it to the client; the server keeps only its
 * digest); the line for the server's {@code --tokens} file is appended to {@code --tokens-file},
 * or else printed on standard error.
 */
@Command(
        name = "new-token",
        description = "Mint a bearer token for a user of the --users file: prints the token, and on standard error"
                + " the line to add to the server's --tokens file.")
public final class NewTokenCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<user>", description = "A user of the server's users file.")
    String user;

    @Option(
            names = "--tokens-file",
            paramLabel = "<file>",
            description = "Append the token's line to this tokens file (created if missing), instead of printing it.")
    Path tokensFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (user.isBlank() || user.contains(":") || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'" + user.replaceAll("\\p{Cntrl}", "?")
                    + "' cannot be a user name of the users file (no ':', no control characters)");
        }
        BearerTokens.Minted minted = BearerTokens.mint(user.strip());
        if (tokensFile != null) {
            Files.writeString(
                    tokensFile,
                    minted.fileLine() + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } else {
            spec.commandLine().getErr().println("add to the --tokens file: " + minted.fileLine());
        }
        spec.commandLine().getOut().println(minted.token());
        return 0;
    }
}
