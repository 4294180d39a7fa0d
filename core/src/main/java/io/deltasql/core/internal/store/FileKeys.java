package io.deltasql.core.internal.store;

import io.deltasql.core.FileKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fixed-width keys for file identities: paths can be longer than any database lets an index
 * hold, so rows are found by a 128-bit digest of (table id, path, deletion vector id). The table
 * id is part of the digest so that the key alone finds a file: point lookups then have exactly one
 * usable index, whatever statistics the database has (or lacks, right after a bulk commit).
 */
public final class FileKeys {
    private static final HexFormat HEX = HexFormat.of();

    private FileKeys() {}

    /**
     * The path key of a file row: for a file with a deletion vector, the key of its path without
     * one, so a path is found by key whatever its vector; null for a file without a vector, whose
     * file key is already that.
     */
    static String pathKey(long tableId, FileKey key) {
        return key.dvId() == null ? null : of(tableId, new FileKey(key.path(), null));
    }

    public static String of(long tableId, FileKey key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int shift = 56; shift >= 0; shift -= 8) {
                md.update((byte) (tableId >>> shift));
            }
            md.update(key.path().getBytes(StandardCharsets.UTF_8));
            String dvId = key.dvId();
            if (dvId != null) {
                md.update((byte) 0);
                md.update(dvId.getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = md.digest();
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
