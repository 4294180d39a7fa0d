package io.deltasql.core.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code partition_hash} of a file: a digest of its partition values independent of their
 * order, so one partition is an index lookup ({@code partition_hash IN (...)}) rather than a
 * pattern match over every file's JSON. A null value hashes differently from the string "null".
 */
public final class PartitionHashes {
    private static final HexFormat HEX = HexFormat.of();

    private PartitionHashes() {}

    public static String of(Map<String, String> partitionValues) {
        MessageDigest md = sha256();
        for (Map.Entry<String, String> e : new TreeMap<>(partitionValues).entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            if (e.getValue() == null) {
                md.update((byte) 1);
            } else {
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            // A separator no UTF-8 text contains, so ("ab","c") and ("a","bc") differ.
            md.update((byte) 0xFF);
        }
        return HEX.formatHex(md.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
