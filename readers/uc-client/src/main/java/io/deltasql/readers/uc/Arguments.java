package io.deltasql.readers.uc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The command line: a subcommand, then {@code --name value} pairs (every option takes a value). */
final class Arguments {
    private final String command;
    private final Map<String, String> options;

    private Arguments(String command, Map<String, String> options) {
        this.command = command;
        this.options = options;
    }

    static Arguments parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("no command given");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value, got: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return new Arguments(args[0], options);
    }

    String command() {
        return command;
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
    }

    /** A wrong command line: reported like any failure, with the usage text beside it. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
