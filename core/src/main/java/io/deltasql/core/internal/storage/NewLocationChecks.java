package io.deltasql.core.internal.storage;

import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.SqlStates;
import io.deltasql.core.location.CanonicalLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * What a table's store must offer before the catalog registers it there: a scheme some store
 * serves (22023 otherwise) and, on an object store, a bucket or container that exists (22023),
 * credentials that may list, write and delete there (42501), a store that answers (08001) and, for
 * a new table, no Delta log already there (22023). Local directories keep their own checks (the
 * mirror reports a directory it cannot write, and {@code TableLocationRules} one that has a log).
 */
public final class NewLocationChecks {
    private NewLocationChecks() {}

    /** Checks the location of a table about to be created. */
    public static void checkCreate(Storage storage, String table, String location) {
        StorePath dir = objectStoreDirectory(table, location);
        if (dir == null) {
            return;
        }
        StorePath log = dir.resolve("_delta_log");
        List<FileStatus> existing;
        try {
            existing = storage.list(log);
        } catch (IOException e) {
            throw refusal(table, location, "cannot be listed", e);
        }
        if (!existing.isEmpty()) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': location '" + location + "' already holds a"
                    + " Delta log (" + log + "); register that table with 'bin/deltasql import " + location + " --name "
                    + table + "' instead of creating a new one over it");
        }
        try {
            storage.store(dir).checkWritable(dir.value());
        } catch (IOException e) {
            throw refusal(table, location, "cannot be written", e);
        }
    }

    /** Checks the location of a table about to be imported: a supported scheme; the importer reads the rest. */
    public static void checkImport(String table, String location) {
        objectStoreDirectory(table, location);
    }

    /** The object-store directory of {@code location}, or null for a local one. */
    private static StorePath objectStoreDirectory(String table, String location) {
        if (!Storage.isSupported(location)) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': location '" + location + "' uses the "
                    + new StorePath(location).scheme() + ": scheme; " + Storage.SUPPORTED);
        }
        if (new StorePath(location).isLocal()) {
            return null;
        }
        return new StorePath(CanonicalLocation.parse("Delta table '" + table + "': location", location)
                .toString());
    }

    private static DeltaSqlException refusal(String table, String location, String what, IOException e) {
        String message = "Delta table '" + table + "': location '" + location + "' " + what + ": " + e.getMessage();
        if (e instanceof AccessDeniedException) {
            return DeltaSqlErrors.permissionDenied(message);
        }
        if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
            return DeltaSqlErrors.invalid(message, e);
        }
        return DeltaSqlErrors.refused(message, SqlStates.UNAVAILABLE);
    }
}
