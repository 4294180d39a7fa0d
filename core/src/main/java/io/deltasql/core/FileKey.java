package io.deltasql.core;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.RemoveFile;

/** Delta's identity of a logical file: its path plus its deletion vector's unique id (null when none). */
public record FileKey(String path, String dvId) {
    public FileKey {
        if (path == null || path.isEmpty()) {
            throw DeltaSqlErrors.invalid("a file key needs a path");
        }
    }

    public static FileKey of(AddFile add) {
        return new FileKey(add.path(), add.dvUniqueId());
    }

    public static FileKey of(RemoveFile remove) {
        return new FileKey(remove.path(), remove.dvUniqueId());
    }

    @Override
    public String toString() {
        return dvId == null ? "'" + path + "'" : "'" + path + "' (deletion vector " + dvId + ")";
    }
}
