package io.deltasql.bench;

import io.deltasql.core.CommitRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.AddFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Section 8's commit rows: one autocommit single-file INSERT or DELETE on {@code t$files} through
 * {@code jdbc:deltasql:} and through a server, each layer alternated with the floor, a raw JDBC
 * transaction on the catalog database doing what any commit must ({@link CommitFloor}).
 */
final class SqlCommitRows {
    /** The table sizes the commits run on: a small table and one whose file list is large. */
    static final List<Long> SIZES = List.of(10L, 100_000L);

    private static final int FILL_BATCH = 50_000;
    private static final String PART = SyntheticFiles.partitionValue(0);
    /** The one file the commits add and remove, so that a plain statement sends the same text each time. */
    private static final String PATH = TableSpec.PARTITION_COLUMN + "=" + PART + "/bench-sql-commit.parquet";

    private final BenchContext ctx;
    private final Connection local;
    private final Connection remote;
    private final DeltaCatalog core;
    private final Report.Section section;
    /** The statements the layers of one case keep open, closed when the case is measured. */
    private final List<Statement> open = new ArrayList<>();

    SqlCommitRows(BenchContext ctx, Connection local, Connection remote, DeltaCatalog core) {
        this.ctx = ctx;
        this.local = local;
        this.remote = remote;
        this.core = core;
        this.section = ctx.report()
                .section(
                        "sql-commits",
                        "8b. One-file commits through each layer",
                        "Warm, on the same connections as section 8 (catalogs opened with `mirror=false`: the catalog transaction"
                                + " only): an autocommit `INSERT INTO \"t$files\"` of one file, and a `DELETE … WHERE path = …` of"
                                + " it, on scratch tables of 10 and 100,000 files. The file is added and removed again untimed"
                                + " between runs, so every run commits the same statement text. Layers: a `PreparedStatement`"
                                + " prepared once, a plain `Statement` (same SQL text each time), a new `PreparedStatement`"
                                + " per commit; in process and through the server over loopback. The floor, alternated with"
                                + " each layer, is a raw JDBC transaction on the catalog database doing what any commit must:"
                                + " lock a head row (`SELECT … FOR UPDATE`; SQLite: `BEGIN IMMEDIATE`), insert a row, advance"
                                + " the head, commit.",
                        "catalog",
                        "files",
                        "statement",
                        "layer",
                        "median ms",
                        "p95",
                        "floor median ms",
                        "layer ÷ floor",
                        "target",
                        "met?");
    }

    void run() throws Exception {
        BenchOptions o = ctx.options();
        try (CommitFloor floor = CommitFloor.open(ctx.target().jdbcUrl())) {
            for (long files : SIZES) {
                String table = scratchTable(files);
                for (String statement : List.of("INSERT", "DELETE")) {
                    boolean insert = statement.equals("INSERT");
                    for (Layer layer : layers(table, insert)) {
                        Measure.Pair p =
                                Measure.alternate(o.warmup(), o.repetitions(), layer.trial(), floor::commit, null);
                        row(files, statement, layer, p);
                    }
                    for (Statement st : open) {
                        st.close();
                    }
                    open.clear();
                }
                ctx.generator().catalog().dropTable(table);
            }
        }
    }

    /** A layer's trial and its target ratio to the floor (NaN: reported, not checked). */
    private record Layer(String name, Trial trial, double limit) {}

    private List<Layer> layers(String table, boolean insert) throws SQLException {
        String files = "delta.\"" + table + "$files\"";
        String plainSql = insert
                ? "INSERT INTO " + files + "(path, size, " + TableSpec.PARTITION_COLUMN + ") VALUES ('" + PATH
                        + "', 4096, '" + PART + "')"
                : "DELETE FROM " + files + " WHERE path = '" + PATH + "'";
        String preparedSql = insert
                ? "INSERT INTO " + files + "(path, size, " + TableSpec.PARTITION_COLUMN + ") VALUES (?, ?, ?)"
                : "DELETE FROM " + files + " WHERE path = ?";
        // The opposite statement, run untimed so that each timed one finds the file as it needs it.
        PreparedStatement undo = local.prepareStatement(
                insert
                        ? "DELETE FROM " + files + " WHERE path = ?"
                        : "INSERT INTO " + files + "(path, size, " + TableSpec.PARTITION_COLUMN + ") VALUES (?, 4096, '"
                                + PART + "')");
        undo.setString(1, PATH);
        open.add(undo);
        List<Layer> layers = new ArrayList<>();
        for (Connection c : List.of(local, remote)) {
            String where = c == local ? "jdbc:deltasql:" : "remote (Avatica)";
            PreparedStatement reused = c.prepareStatement(preparedSql);
            open.add(reused);
            layers.add(new Layer(
                    where + " PreparedStatement, reused",
                    paired(insert, undo, () -> executePrepared(reused, insert)),
                    c == local ? 1.5 : Double.NaN));
            layers.add(new Layer(
                    where + " Statement",
                    paired(insert, undo, () -> {
                        try (Statement s = c.createStatement()) {
                            return s.executeUpdate(plainSql);
                        }
                    }),
                    c == local ? 2.0 : Double.NaN));
            layers.add(new Layer(
                    where + " new PreparedStatement",
                    paired(insert, undo, () -> {
                        try (PreparedStatement ps = c.prepareStatement(preparedSql)) {
                            return executePrepared(ps, insert);
                        }
                    }),
                    Double.NaN));
        }
        return layers;
    }

    private static long executePrepared(PreparedStatement ps, boolean insert) throws SQLException {
        ps.setString(1, PATH);
        if (insert) {
            ps.setLong(2, 4096);
            ps.setString(3, PART);
        }
        return ps.executeUpdate();
    }

    /** A timed statement with the untimed opposite after it (INSERT) or before it (DELETE); both must touch one file. */
    private static Trial paired(boolean insert, PreparedStatement undo, Trial timed) {
        return new Trial() {
            @Override
            public void before() throws Exception {
                if (!insert) {
                    expectOne(undo.executeUpdate());
                }
            }

            @Override
            public long run() throws Exception {
                return expectOne(timed.run());
            }

            @Override
            public void after() throws Exception {
                if (insert) {
                    expectOne(undo.executeUpdate());
                }
            }
        };
    }

    private static long expectOne(long count) {
        if (count != 1) {
            throw new IllegalStateException("a one-file commit changed " + count + " files");
        }
        return count;
    }

    /** A fresh table with {@code files} active files, committed through the core API in bulk. */
    private String scratchTable(long files) throws Exception {
        String name = "bench_sql_commit_" + files;
        ctx.generator().recreate(name, Map.of());
        TableSpec spec = new TableSpec(files, 0, 50, FILL_BATCH);
        for (long first = 0; first < files; first += FILL_BATCH) {
            List<AddFile> adds = new ArrayList<>();
            for (long slot = first; slot < Math.min(files, first + FILL_BATCH); slot++) {
                adds.add(SyntheticFiles.file(spec, slot, 0));
            }
            core.commit(CommitRequest.builder(name, core.snapshot(name).version())
                    .operation("WRITE")
                    .operationParameter("mode", "Append")
                    .addAll(adds)
                    .build());
        }
        return name;
    }

    private void row(long files, String statement, Layer layer, Measure.Pair p) {
        double ratio = p.a().median() / p.b().median();
        boolean checked = !Double.isNaN(layer.limit());
        String target = checked ? "≤ " + Fmt.num(layer.limit()) + "×" : "—";
        String met = checked
                ? ctx.report()
                        .check(
                                ctx.catalog(),
                                "sql",
                                layer.name() + " " + statement + " within " + Fmt.num(layer.limit())
                                        + "× of the raw catalog transaction (" + Fmt.count(files) + " files)",
                                ratio,
                                layer.limit(),
                                "×")
                : "—";
        SqlLayersScenario.layerRow(section, ctx.catalog(), files, statement, layer.name(), p, ratio, target, met);
        ctx.log()
                .accept(String.format(
                        "  sql commit %-6s %,9d files %-44s %s ms (floor %s ms, %s)",
                        statement,
                        files,
                        layer.name(),
                        Fmt.num(p.a().median()),
                        Fmt.num(p.b().median()),
                        Fmt.ratio(ratio)));
    }
}
