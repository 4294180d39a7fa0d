package io.deltasql.bench;

import java.nio.file.Path;

/**
 * One catalog database the benchmark runs on: its label, JDBC URL, the database's version string,
 * where its tables' directories go, and what to stop afterwards (an embedded PostgreSQL).
 */
public record BenchCatalog(String label, String jdbcUrl, String databaseVersion, Path tablesDir, AutoCloseable closer)
        implements AutoCloseable {
    @Override
    public void close() throws Exception {
        if (closer != null) {
            closer.close();
        }
    }
}
