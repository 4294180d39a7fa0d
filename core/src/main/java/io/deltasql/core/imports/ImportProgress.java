package io.deltasql.core.imports;

/** Told how far an import has got: versions read so far out of the total to read. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> {};

    void versionsRead(long done, long total);
}
