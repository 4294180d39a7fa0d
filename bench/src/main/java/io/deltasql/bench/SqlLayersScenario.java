package io.deltasql.bench;

import io.deltasql.calcite.DeltaSession;
import io.deltasql.core.CloseableIterator;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.FileFilter;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.jdbc.DeltaSqlDriver;
import io.deltasql.server.DeltaSqlServer;
import io.deltasql.server.ServerOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Issue item 8: the same queries through the core API, {@code jdbc:deltasql:} in-process (plain
 * and prepared statements) and a deltasql server in this process over loopback HTTP
 * ({@code jdbc:deltasql:remote:}), all on one shared, warm catalog; then one-file commits through
 * the same layers against the raw catalog transaction ({@link SqlCommitRows}).
 */
final class SqlLayersScenario implements Scenario {
    @Override
    public String id() {
        return "sql";
    }

    /** One query in its three forms. */
    private record Query(String name, String plainSql, String preparedSql, String parameter, CoreOp core) {}

    private interface CoreOp {
        long run(DeltaCatalog c);
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "8. The same queries through each layer",
                        "Warm, on one shared catalog: the core API call; `jdbc:deltasql:` in this process with a plain `Statement`"
                                + " (a new one per execution, same SQL text: Calcite parses and plans every time unless plans are"
                                + " reused) and with a `PreparedStatement` prepared once; the same through a deltasql server started"
                                + " in this process on a free port (`jdbc:deltasql:remote:`, Avatica protobuf over loopback HTTP,"
                                + " default frame and fetch sizes). Rows are read (path and size) to the end. Each layer is alternated with the"
                                + " core API call, so every row has its own baseline. Catalogs opened with `mirror=false` (reads only).",
                        "catalog",
                        "files",
                        "query",
                        "layer",
                        "median ms",
                        "p95",
                        "core API median ms",
                        "layer ÷ core",
                        "target",
                        "met?");
        BenchOptions o = ctx.options();
        Properties settings = new Properties();
        settings.setProperty("mirror", "false");
        settings.setProperty("allowedLocations", ""); // as the server sets it: both layers share one catalog
        String local = "jdbc:deltasql:" + ctx.target().jdbcUrl().substring("jdbc:".length());
        DeltaSqlDriver.load();
        try (Connection jdbc = DriverManager.getConnection(local, settings);
                DeltaSqlServer server = DeltaSqlServer.start(new ServerOptions(
                        ctx.target().jdbcUrl(),
                        settings,
                        "127.0.0.1",
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        1_000,
                        ServerOptions.DEFAULT_MAX_STATEMENTS_PER_CONNECTION,
                        null,
                        ServerOptions.DEFAULT_FRAME_ROWS,
                        null,
                        null));
                Connection remote = DriverManager.getConnection("jdbc:deltasql:remote:" + server.url())) {
            DeltaCatalog core = jdbc.unwrap(DeltaSession.class).catalog();
            for (TableSpec spec : o.sizeTables()) {
                String t = spec.name();
                String part = spec.queriedPartition();
                List<Query> queries = List.of(
                        new Query(
                                "metadata",
                                "SELECT version, schema_string, properties FROM delta.tables WHERE name = '" + t + "'",
                                "SELECT version, schema_string, properties FROM delta.tables WHERE name = ?",
                                t,
                                c -> DeltaSqlSide.metadata(c, t)),
                        new Query(
                                "all files",
                                "SELECT path, size FROM delta.\"" + t + "$files\"",
                                "SELECT path, size FROM delta.\"" + t + "$files\"",
                                null,
                                c -> readAll(c, t, null)),
                        new Query(
                                "one partition",
                                "SELECT path, size FROM delta.\"" + t + "$files\" WHERE part = '" + part + "'",
                                "SELECT path, size FROM delta.\"" + t + "$files\" WHERE part = ?",
                                part,
                                c -> readAll(c, t, part)));
                for (Query q : queries) {
                    Trial coreTrial = () -> q.core().run(core);
                    boolean metadata = q.name().equals("metadata");
                    Layers inProcess = layers(ctx, s, spec, q, coreTrial, jdbc, "jdbc:deltasql:", 1.5);
                    Measure.Pair plain = inProcess.plain();
                    double plainVsPrepared =
                            plain.a().median() / inProcess.prepared().a().median();
                    String met = ctx.report()
                            .check(
                                    ctx.catalog(),
                                    id(),
                                    "plain Statement as fast as prepared, within 1.2× (" + q.name() + ", "
                                            + Fmt.count(spec.files()) + " files)",
                                    plainVsPrepared,
                                    1.2,
                                    "×");
                    s.row(
                            ctx.catalog(),
                            Fmt.count(spec.files()),
                            q.name(),
                            "Statement ÷ PreparedStatement",
                            Fmt.ratio(plainVsPrepared),
                            "",
                            "",
                            "",
                            "≤ 1.2×",
                            met);
                    if (metadata) {
                        String m2 = ctx.report()
                                .check(
                                        ctx.catalog(),
                                        id(),
                                        "metadata query as plain Statement ≤ 2 ms (" + Fmt.count(spec.files())
                                                + " files)",
                                        plain.a().median(),
                                        2.0,
                                        "ms");
                        s.row(
                                ctx.catalog(),
                                Fmt.count(spec.files()),
                                q.name(),
                                "jdbc:deltasql: Statement, absolute",
                                Fmt.num(plain.a().median()),
                                Fmt.num(plain.a().p95()),
                                "",
                                "",
                                "≤ 2 ms",
                                m2);
                    }
                    layers(ctx, s, spec, q, coreTrial, remote, "remote (Avatica)", 3.0);
                }
            }
            new SqlCommitRows(ctx, jdbc, remote, core).run();
        }
    }

    private static long readAll(DeltaCatalog c, String table, String partition) {
        FileFilter f = partition == null
                ? FileFilter.ALL
                : FileFilter.ALL.withPartition(TableSpec.PARTITION_COLUMN, Set.of(partition));
        long n = 0;
        long size = 0;
        try (CloseableIterator<AddFile> it = c.snapshot(table).streamFiles(f)) {
            while (it.hasNext()) {
                AddFile a = it.next();
                size += a.size() + a.path().length();
                n++;
            }
        }
        return n + size * 0;
    }

    /** A connection's plain and prepared layer, each alternated with the core API call. */
    private record Layers(Measure.Pair plain, Measure.Pair prepared) {}

    /** Measures {@code q} through {@code c} as a plain and a prepared statement; rows checked within {@code limitRatio}. */
    private static Layers layers(
            BenchContext ctx,
            Report.Section s,
            TableSpec spec,
            Query q,
            Trial coreTrial,
            Connection c,
            String via,
            double limitRatio)
            throws Exception {
        BenchOptions o = ctx.options();
        boolean metadata = q.name().equals("metadata");
        String what = metadata ? null : "the row count";
        Measure.Pair plain =
                Measure.alternate(o.warmup(), o.repetitions(), plain(c, q.plainSql(), metadata), coreTrial, what);
        row(ctx, s, spec, q.name(), via + " Statement", plain, limitRatio);
        Measure.Pair prepared;
        try (PreparedStatement ps = c.prepareStatement(q.preparedSql())) {
            prepared = Measure.alternate(
                    o.warmup(), o.repetitions(), prepared(ps, q.parameter(), metadata), coreTrial, what);
        }
        row(ctx, s, spec, q.name(), via + " PreparedStatement", prepared, limitRatio);
        return new Layers(plain, prepared);
    }

    private static Trial plain(Connection c, String sql, boolean metadata) {
        return () -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                return drain(rs, metadata);
            }
        };
    }

    private static Trial prepared(PreparedStatement ps, String parameter, boolean metadata) {
        return () -> {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return drain(rs, metadata);
            }
        };
    }

    /** Reads every row (two columns); for the metadata query returns the version, else the row count. */
    private static long drain(ResultSet rs, boolean metadata) throws SQLException {
        long n = 0;
        long version = -1;
        while (rs.next()) {
            if (metadata) {
                version = rs.getLong(1);
                rs.getString(2);
                rs.getString(3);
            } else {
                rs.getString(1);
                rs.getLong(2);
            }
            n++;
        }
        return metadata ? version : n;
    }

    private static void row(
            BenchContext ctx,
            Report.Section s,
            TableSpec spec,
            String query,
            String layer,
            Measure.Pair p,
            double limitRatio) {
        double ratio = p.a().median() / p.b().median();
        String target = "≤ " + Fmt.num(limitRatio) + "×";
        String met = ctx.report()
                .check(
                        ctx.catalog(),
                        "sql",
                        layer + " within " + Fmt.num(limitRatio) + "× of the core API (" + query + ", "
                                + Fmt.count(spec.files()) + " files)",
                        ratio,
                        limitRatio,
                        "×");
        layerRow(s, ctx.catalog(), spec.files(), query, layer, p, ratio, target, met);
        ctx.log()
                .accept(String.format(
                        "  sql %-13s %,9d files %-36s %s ms (core %s ms)",
                        query, spec.files(), layer, Fmt.num(p.a().median()), Fmt.num(p.b().median())));
    }

    /**
     * A row of a layer table (this section and {@link SqlCommitRows}'): the layer's median and p95
     * against its baseline's median, alternated with it, and their ratio.
     */
    static void layerRow(
            Report.Section s,
            String catalog,
            long files,
            String what,
            String layer,
            Measure.Pair p,
            double ratio,
            String target,
            String met) {
        s.row(
                catalog,
                Fmt.count(files),
                what,
                layer,
                Fmt.num(p.a().median()),
                Fmt.num(p.a().p95()),
                Fmt.num(p.b().median()),
                Fmt.ratio(ratio),
                target,
                met);
    }
}
