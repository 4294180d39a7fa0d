package io.deltasql.core.location;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.TableInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The checks on a location a table is created or imported at: canonical form (no {@code ..}),
 * inside the allowed locations, not overlapping another registered table's directory (two tables
 * sharing files or one table's log inside another's directory corrupt each other) and, for a new
 * table, no Delta log already there (that table is imported, not created over).
 */
public final class TableLocationRules {
    private TableLocationRules() {}

    /** Checks the location of a table about to be created; {@code registered} are the catalog's tables. */
    public static CanonicalLocation checkCreate(
            String table, String location, AllowedLocations allowed, Collection<TableInfo> registered) {
        CanonicalLocation canonical = checkImport(table, location, allowed, registered);
        checkNoExistingLog(table, location, canonical);
        return canonical;
    }

    /**
     * Checks the location of a table about to be imported (or re-imported: a registered table of the
     * same name does not count as another table).
     */
    public static CanonicalLocation checkImport(
            String table, String location, AllowedLocations allowed, Collection<TableInfo> registered) {
        CanonicalLocation canonical = CanonicalLocation.parse("Delta table '" + table + "': location", location);
        allowed.checkTableLocation(table, location, canonical);
        for (TableInfo other : registered) {
            if (other.name().equals(table)) {
                continue;
            }
            CanonicalLocation theirs = registeredLocation(other);
            if (theirs != null && theirs.overlaps(canonical)) {
                throw overlap(table, location, other.name(), other.location(), canonical, theirs);
            }
        }
        return canonical;
    }

    /** Refuses two new tables of one transaction whose locations overlap. */
    public static void checkDistinct(
            String table,
            String location,
            CanonicalLocation canonical,
            String otherTable,
            String otherLocation,
            CanonicalLocation otherCanonical) {
        if (canonical.overlaps(otherCanonical)) {
            throw overlap(table, location, otherTable, otherLocation, canonical, otherCanonical);
        }
    }

    private static InvalidRequestException overlap(
            String table,
            String location,
            String otherTable,
            String otherLocation,
            CanonicalLocation canonical,
            CanonicalLocation theirs) {
        String how = canonical.equals(theirs)
                ? "is the location of"
                : theirs.contains(canonical) ? "lies inside the location of" : "contains the location of";
        return DeltaSqlErrors.invalid("Delta table '" + table + "': location '" + location + "' " + how
                + " Delta table '" + otherTable + "' (" + otherLocation + "); each table needs a directory of its own");
    }

    /** A registered location in canonical form, or null for one written before locations were checked that cannot be read so. */
    private static CanonicalLocation registeredLocation(TableInfo t) {
        try {
            return CanonicalLocation.parse("Delta table '" + t.name() + "': location", t.location());
        } catch (InvalidRequestException unreadable) {
            return null;
        }
    }

    private static void checkNoExistingLog(String table, String location, CanonicalLocation canonical) {
        if (!canonical.scheme().equals("file")) {
            return; // object stores are not listed here; the mirror only writes local logs
        }
        Path log = Path.of(canonical.toString()).resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return; // absent, or something that is no log at all: the mirror reports it cannot write there
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(log)) {
            empty = !entries.iterator().hasNext();
        } catch (IOException e) {
            throw DeltaSqlErrors.invalid("Delta table '" + table + "': cannot list " + log + ": " + e.getMessage(), e);
        }
        if (!empty) {
            throw DeltaSqlErrors.invalid(
                    "Delta table '" + table + "': location '" + location + "' already holds a Delta"
                            + " log (" + log + "); register that table with 'bin/deltasql import " + location
                            + " --name " + table
                            + "' instead of creating a new one over it");
        }
    }
}
