package io.deltasql.readers;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The tables a reader process reads, each with the timestamps (epoch ms) to time-travel to:
 * {@code --table <path> [--timestamps <ms>,<ms>,…] --table <path> …}. One process reads them all,
 * so a slow start is paid once.
 */
public record ReaderArguments(List<TableRequest> tables) {
    public record TableRequest(String path, List<Long> timestamps) {}

    public static ReaderArguments parse(String[] args) {
        List<TableRequest> tables = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            if (!args[i].equals("--table") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: --table <path> [--timestamps <ms>,<ms>,…] …; got " + String.join(" ", args));
            }
            String path = args[i + 1];
            i += 2;
            TreeSet<Long> timestamps = new TreeSet<>();
            if (i + 1 < args.length && args[i].equals("--timestamps")) {
                for (String t : args[i + 1].split(",")) {
                    if (!t.isBlank()) {
                        timestamps.add(Long.parseLong(t.trim()));
                    }
                }
                i += 2;
            }
            tables.add(new TableRequest(path, List.copyOf(timestamps)));
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("usage: --table <path> [--timestamps <ms>,<ms>,…] …");
        }
        return new ReaderArguments(List.copyOf(tables));
    }
}
