package io.deltasql.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * Checks a {@code --truststore} before connecting, so that a missing file or a wrong password is
 * one clear line naming the option, not a TLS failure at the first request.
 */
final class Truststores {
    private static final String NO_PASSWORD =
            " (none was given: --truststore-password-file or $" + SqlCommand.TRUSTSTORE_PASSWORD_ENV + ")";

    private Truststores() {}

    /** Opens the keystore at {@code file} with {@code password} (null: none), or throws naming what is wrong. */
    static void check(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--truststore " + file + ": no such file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || password == null) {
                throw new IllegalArgumentException("--truststore " + file + ": the password is not accepted"
                        + (password == null ? NO_PASSWORD : ""));
            }
            throw new IllegalArgumentException(
                    "--truststore " + file + ": cannot read it (" + DeltaSqlCli.oneLine(e) + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "--truststore " + file + ": not a JKS or PKCS12 keystore (" + DeltaSqlCli.oneLine(e) + ")");
        }
        try {
            if (store.size() == 0) {
                throw new IllegalArgumentException("--truststore " + file + ": holds no certificate"
                        + (password == null ? " that can be read without a password" + NO_PASSWORD : ""));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "--truststore " + file + ": cannot read it (" + DeltaSqlCli.oneLine(e) + ")");
        }
    }
}
