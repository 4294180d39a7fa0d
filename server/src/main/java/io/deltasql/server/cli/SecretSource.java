package io.deltasql.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a password option's value comes from: the option itself (visible to every local account
 * in the process list, so discouraged), a file, or an environment variable, in that order; at
 * most one of the option and the file. A file's one trailing newline is not part of the secret
 * ({@code echo pw > file} writes one).
 */
final class SecretSource {
    private SecretSource() {}

    /**
     * The secret, or null when none of the three is given.
     *
     * @param option the option's name, for messages ({@code --keystore-password})
     * @param value the option's value, or null
     * @param file the {@code <option>-file} value, or null
     * @param envName the environment variable consulted when neither is given, or null for none
     * @param env the environment ({@link System#getenv()})
     */
    static String resolve(String option, String value, Path file, String envName, Map<String, String> env) {
        if (value != null && file != null) {
            throw new IllegalArgumentException("give " + option + " or " + option + "-file, not both");
        }
        if (value != null) {
            return value;
        }
        if (file != null) {
            return read(option + "-file", file);
        }
        return envName == null ? null : env.get(envName);
    }

    /** The file's content without one trailing newline ({@code \n} or {@code \r\n}). */
    static String read(String option, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read it ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return withoutTrailingNewline(text);
    }

    /** {@code text} without one trailing {@code \n} or {@code \r\n}: what {@code echo} and editors add after a line. */
    static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
