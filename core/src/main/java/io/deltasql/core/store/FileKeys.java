package io.deltasql.core.store;

import io.deltasql.core.FileKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fixed-width keys for file identities: paths can be longer than any database lets an index
 * hold, so rows are found by a 128-bit digest of (path, deletion vector id).
 */
public final class FileKeys {
    private static final HexFormat HEX = HexFormat.of();

    private FileKeys() {
    }

    public static String of(FileKey key) {
        return of(key.path(), key.dvId());
    }

    public static String of(String path, String dvId) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(path.getBytes(StandardCharsets.UTF_8));
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
