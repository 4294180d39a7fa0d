package io.deltasql.tests.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The journals {@link TortureWriter}s leave behind, read back for the checker. */
final class TortureJournal {
    /** One operation: what was sent, and whether the writer was told it succeeded. */
    static final class Op {
        final String id;
        final String kind;
        final List<String> tables;
        final String path;
        boolean acked;
        String failState;
        String failMessage;

        Op(String id, String kind, List<String> tables, String path) {
            this.id = id;
            this.kind = kind;
            this.tables = tables;
            this.path = path;
        }

        boolean unknown() {
            return !acked;
        }
    }

    record Read(String table, long version, int count, String hash) {}

    final Map<String, Op> ops = new LinkedHashMap<>();
    final List<Read> reads = new ArrayList<>();
    /** JDBC connections the writers opened: one each, unless a connection had to be replaced. */
    int connects;

    static TortureJournal read(List<Path> files) throws IOException {
        TortureJournal j = new TortureJournal();
        for (Path f : files) {
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] w = line.split(" ", 6);
                switch (w[0]) {
                    case "BEGIN" -> j.ops.put(w[1], new Op(w[1], w[2], List.of(w[3].split(",")), w[4]));
                    case "ACK" -> j.ops.get(w[1]).acked = true;
                    case "FAIL" -> {
                        String[] f3 = line.split(" ", 4);
                        Op op = j.ops.get(f3[1]);
                        if (op != null) {
                            op.failState = f3[2];
                            op.failMessage = f3.length > 3 ? f3[3] : "";
                        } else {
                            // A failed read (no BEGIN line): keep it as an op of its own kind.
                            Op read = new Op(f3[1], "read", List.of(), "");
                            read.failState = f3[2];
                            read.failMessage = f3.length > 3 ? f3[3] : "";
                            j.ops.put(f3[1], read);
                        }
                    }
                    case "CONNECT" -> j.connects++;
                    case "READ" -> j.reads.add(new Read(w[1], Long.parseLong(w[2]), Integer.parseInt(w[3]), w[4]));
                    default -> throw new IllegalStateException("unexpected journal line in " + f + ": " + line);
                }
            }
        }
        return j;
    }

    /** SHA-256 (first 16 hex digits) of the sorted paths, one per line. */
    static String hash(List<String> paths) {
        String joined = paths.stream().sorted().collect(Collectors.joining("\n"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
