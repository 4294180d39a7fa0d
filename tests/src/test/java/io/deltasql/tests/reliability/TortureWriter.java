package io.deltasql.tests.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One writer process of the torture test ({@link ConcurrencyTortureTest}): a fixed number of
 * operations, chosen with a fixed seed, through the {@code jdbc:deltasql:} driver against a shared
 * catalog — autocommit inserts into one table, transactions over two or three of the tables,
 * deletes of files it added before, and time-travel reads.
 *
 * <p>Every operation has a unique id ({@code w<writer>-<n>}) that is also the directory of every
 * file path it adds, so the checker can find it in the catalog. The journal ({@code args[3]}) gets
 * one line per event, flushed before the next step:
 * <pre>
 * BEGIN &lt;op&gt; add|tx|delete &lt;table,table…&gt; &lt;path&gt;   before the operation is sent
 * ACK &lt;op&gt;                                        after it returned normally
 * FAIL &lt;op&gt; &lt;SQLState&gt; &lt;message&gt;                  after it threw (outcome unknown)
 * READ &lt;table&gt; &lt;version&gt; &lt;count&gt; &lt;hash&gt;            a time-travel read: what the reader saw
 * CONNECT w&lt;writer&gt;                                 a JDBC connection opened (once, unless the driver closed it)
 * </pre>
 * Arguments: driver URL, writer number, operations, journal file, tables (comma-separated).
 */
public final class TortureWriter {
    private final String url;
    private final int writer;
    private final List<String> tables;
    private final BufferedWriter journal;
    private final Random random;
    private final List<String[]> deletable = new ArrayList<>();
    private Connection connection;

    private TortureWriter(String url, int writer, List<String> tables, BufferedWriter journal) {
        this.url = url;
        this.writer = writer;
        this.tables = tables;
        this.journal = journal;
        this.random = new Random(7_000 + writer);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int writer = Integer.parseInt(args[1]);
        int ops = Integer.parseInt(args[2]);
        Path journalFile = Path.of(args[3]);
        List<String> tables = List.of(args[4].split(","));
        try (BufferedWriter journal = Files.newBufferedWriter(
                journalFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            TortureWriter w = new TortureWriter(url, writer, tables, journal);
            try {
                w.run(ops);
            } finally {
                w.closeQuietly();
            }
        }
        System.out.println("writer " + writer + " done");
    }

    private void run(int ops) throws IOException, InterruptedException {
        for (int i = 0; i < ops; i++) {
            String op = "w" + writer + "-" + i;
            int dice = random.nextInt(100);
            try {
                if (dice < 20) {
                    read();
                } else if (dice < 30 && !deletable.isEmpty()) {
                    delete(op);
                } else if (dice < 60) {
                    transaction(op);
                } else {
                    single(op);
                }
            } catch (SQLException e) {
                line("FAIL " + op + " " + e.getSQLState() + " " + oneLine(e));
                recover();
            } catch (RuntimeException e) {
                // Not an SQLException: the checker reports it as an anomaly.
                line("FAIL " + op + " java:" + e.getClass().getName() + " "
                        + String.valueOf(e.getMessage()).replace('\n', ' '));
                recover();
            }
        }
    }

    private Connection connection() throws SQLException, IOException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url);
            line("CONNECT w" + writer);
        }
        return connection;
    }

    /** After a failure: leave no transaction open; a closed connection is replaced on next use. */
    private void recover() throws InterruptedException {
        try {
            if (connection != null && !connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly();
        }
        Thread.sleep(20);
    }

    private void single(String op) throws SQLException, IOException {
        String table = tables.get(random.nextInt(tables.size()));
        String path = op + "/part-0.parquet";
        line("BEGIN " + op + " add " + table + " " + path);
        try (Statement s = connection().createStatement()) {
            s.executeUpdate("INSERT INTO \"" + table + "$files\"(path, size) VALUES ('" + path + "', "
                    + (100 + random.nextInt(900)) + ")");
        }
        line("ACK " + op);
        deletable.add(new String[] {table, path});
    }

    private void transaction(String op) throws SQLException, IOException {
        List<String> chosen = new ArrayList<>(tables);
        Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, 2 + random.nextInt(2));
        String path = op + "/part-0.parquet";
        line("BEGIN " + op + " tx " + String.join(",", chosen) + " " + path);
        Connection c = connection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String table : chosen) {
                s.executeUpdate("INSERT INTO \"" + table + "$files\"(path, size) VALUES ('" + path + "', 10)");
            }
            c.commit();
        }
        c.setAutoCommit(true);
        line("ACK " + op);
        for (String table : chosen) {
            deletable.add(new String[] {table, path});
        }
    }

    private void delete(String op) throws SQLException, IOException {
        String[] victim = deletable.remove(random.nextInt(deletable.size()));
        line("BEGIN " + op + " delete " + victim[0] + " " + victim[1]);
        int n;
        try (Statement s = connection().createStatement()) {
            n = s.executeUpdate("DELETE FROM \"" + victim[0] + "$files\" WHERE path = '" + victim[1] + "'");
        }
        line("ACK " + op + " " + n);
    }

    private void read() throws SQLException, IOException {
        String table = tables.get(random.nextInt(tables.size()));
        try (Statement s = connection().createStatement()) {
            long head;
            try (ResultSet rs = s.executeQuery("SELECT version FROM delta.tables WHERE name = '" + table + "'")) {
                rs.next();
                head = rs.getLong(1);
            }
            long version = head <= 0 ? 0 : random.nextLong(head + 1);
            List<String> paths = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT path FROM TABLE(delta.files('" + table + "', " + version + "))")) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
            line("READ " + table + " " + version + " " + paths.size() + " " + TortureJournal.hash(paths));
        }
    }

    private void line(String text) throws IOException {
        journal.write(text);
        journal.newLine();
        journal.flush();
    }

    private static String oneLine(SQLException e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ').replace('\r', ' ');
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Best effort: the process is ending.
            }
            connection = null;
        }
    }
}
