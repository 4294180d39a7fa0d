package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link TortureWriter} processes of one torture run, a JVM each on the same catalog: started
 * together, watched (acknowledged operations so far, from their journals), awaited and their
 * journals read back for {@link TortureChecker}.
 */
final class TortureWriters implements AutoCloseable {
    static final List<String> TABLES = List.of("a", "b", "c", "d");

    private final List<ChildJvm> writers = new ArrayList<>();
    private final List<Path> journals = new ArrayList<>();

    /** Creates the torture tables (under {@code dir}) in the catalog. */
    static void createTables(DeltaCatalog catalog, Path dir) {
        createTables(catalog, dir.toString());
    }

    /** Creates the torture tables under {@code root}: a local directory or an object-store URI. */
    static void createTables(DeltaCatalog catalog, String root) {
        for (String t : TABLES) {
            catalog.createTable(new CreateTableRequest(t, root + "/" + t, Fixtures.SCHEMA, List.of(), Map.of()));
        }
    }

    /** The driver URL for a catalog's JDBC URL, with extra properties ({@code key=value&…}). */
    static String driverUrl(String jdbcUrl, String properties) {
        String url = "jdbc:deltasql:" + jdbcUrl.substring("jdbc:".length());
        return properties.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + properties;
    }

    static TortureWriters start(Path dir, String driverUrl, int count, int opsEach) throws IOException {
        TortureWriters w = new TortureWriters();
        try {
            for (int i = 0; i < count; i++) {
                Path journal = dir.resolve("journal-" + i + ".txt");
                w.journals.add(journal);
                w.writers.add(ChildJvm.start(
                        dir.resolve("writer-" + i + ".log"),
                        TortureWriter.class.getName(),
                        driverUrl,
                        String.valueOf(i),
                        String.valueOf(opsEach),
                        journal.toString(),
                        String.join(",", TABLES)));
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /** Operations acknowledged so far, over all writers. */
    int acks() {
        int n = 0;
        for (Path j : journals) {
            try {
                if (Files.exists(j)) {
                    n += (int) Files.readAllLines(j, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.startsWith("ACK "))
                            .count();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    boolean anyRunning() {
        return writers.stream().anyMatch(ChildJvm::alive);
    }

    /** Waits for every writer (a writer still running after {@code seconds} fails the test) and checks it exited 0. */
    void awaitAll(long seconds) throws InterruptedException {
        for (ChildJvm w : writers) {
            int status = w.await(seconds);
            assertThat(status)
                    .as("writer exit status; its output:\n%s", w.output())
                    .isZero();
        }
    }

    TortureJournal journal() throws IOException {
        return TortureJournal.read(journals);
    }

    @Override
    public void close() {
        for (ChildJvm w : writers) {
            try {
                w.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
