package io.deltasql.core.verify;

/**
 * One way the catalog and the {@code _delta_log} disagree about a table at {@code version}:
 * {@code aspect} names what (e.g. {@code protocol.minWriterVersion}, {@code metadata.id},
 * {@code schema}, {@code configuration}, {@code file 'p'}), and the two values as text
 * ({@code "absent"} when one side has nothing).
 */
public record Difference(long version, String aspect, String catalog, String log) {
    @Override
    public String toString() {
        return "version " + version + ": " + aspect + ": catalog " + catalog + ", _delta_log " + log;
    }
}
