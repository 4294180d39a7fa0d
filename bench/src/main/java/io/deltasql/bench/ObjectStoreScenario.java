package io.deltasql.bench;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.mirror.MirrorTiming;
import io.deltasql.core.storage.StorageEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same tables on a real S3 server (s3proxy, filesystem backend) reached through a proxy that
 * adds {@code --slow-delay-ms} of network latency to every request: Delta Kernel reads each table's
 * {@code _delta_log} from the bucket through deltasql's storage layer (AWS SDK), against deltasql,
 * which reads its catalog; then commits to tables on the bucket, deltasql's returning only after
 * its mirror wrote the JSON commit there.
 */
final class ObjectStoreScenario implements Scenario {
    private static final String BUCKET = "deltasql-bench";

    @Override
    public String id() {
        return "objectstore";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int delay = o.slowDelayMs();
        try (S3ProxyProcess s3 = S3ProxyProcess.start(o.workDir());
                LatencyProxy network = LatencyProxy.start(s3.endpoint(), delay);
                S3Client direct = client(s3.endpoint())) {
            if (!direct.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
                direct.createBucket(b -> b.bucket(BUCKET));
            }
            Map<String, String> settings = settings(network.endpoint());
            KernelSide kernel = KernelSide.on(StorageEngines.kernel(settings));
            reads(ctx, delay, direct, kernel);
            commits(ctx, delay, settings, kernel);
            ctx.log().accept("  objectstore: " + network.requests() + " requests through the " + delay + " ms proxy");
        }
    }

    private void reads(BenchContext ctx, int delay, S3Client direct, KernelSide kernel) throws Exception {
        Report.Section s = ctx.report()
                .section(
                        id(),
                        "Object store: S3 with " + delay + " ms per request",
                        "A real S3 server (s3proxy 2.9, in-memory backend, on this machine) behind a TCP proxy that holds"
                                + " each request " + delay + " ms before passing it on (one round trip to a store in"
                                + " another zone; this kernel has no `tc netem`). Each table's `_delta_log` (commits,"
                                + " checkpoints, `_last_checkpoint`) is uploaded to the bucket unchanged. Kernel reads it"
                                + " from there through deltasql's storage layer (Kernel's `DefaultEngine` on the AWS SDK),"
                                + " a new Table per read on one engine, whose HTTP connections stay open as a long-running"
                                + " reader's do. deltasql reads only its catalog database: its side is a cold catalog as"
                                + " in items 1–4, alternated with Kernel.",
                        Scenario.COMPARISON);
        for (TableSpec spec : ctx.options().sizeTables()) {
            upload(direct, Path.of(ctx.location(spec)), spec.name());
            String path = "s3://" + BUCKET + "/" + spec.name();
            String part = spec.queriedPartition();
            long travel = spec.timeTravelVersion();
            compare(
                    ctx,
                    s,
                    spec,
                    "open + metadata",
                    c -> DeltaSqlSide.metadata(c, spec.name()),
                    new KernelTrial(kernel, e -> kernel.metadata(e, path)),
                    "the version",
                    5.0,
                    "≤ 5 ms cold");
            compare(
                    ctx,
                    s,
                    spec,
                    "full file list",
                    c -> DeltaSqlSide.countFiles(c, spec.name()),
                    new KernelTrial(kernel, e -> kernel.countFiles(e, path)),
                    "the file count",
                    spec.files() == 100_000 ? 60.0 : Double.NaN,
                    "≤ 60 ms cold");
            compare(
                    ctx,
                    s,
                    spec,
                    "one partition",
                    c -> DeltaSqlSide.countPartition(c, spec.name(), part),
                    new KernelTrial(kernel, e -> kernel.countPartition(e, path, part)),
                    "the file count",
                    Double.NaN,
                    "—");
            compare(
                    ctx,
                    s,
                    spec,
                    "time travel",
                    c -> DeltaSqlSide.countFilesAt(c, spec.name(), travel),
                    new KernelTrial(kernel, e -> kernel.countFilesAt(e, path, travel)),
                    "the file count",
                    Double.NaN,
                    "—");
        }
    }

    private void commits(BenchContext ctx, int delay, Map<String, String> settings, KernelSide kernel)
            throws Exception {
        BenchOptions o = ctx.options();
        Report.Section s = ctx.report()
                .section(
                        "objectstore-commit",
                        "Object store: commits to tables on S3 with " + delay + " ms per request",
                        "One blind append of one file per commit to fresh tables on the same bucket, behind the same "
                                + delay
                                + " ms proxy. deltasql: the catalog commit, then the mirror's conditional PUT of"
                                + " the JSON commit (`If-None-Match: *`) before the call returns; checkpoints in the"
                                + " background. Kernel: a transaction on the bucket (read the latest snapshot from the"
                                + " store, `generateAppendActions`, commit with a conditional PUT, post-commit hooks)."
                                + " Kernel has no atomic multi-table commit: its 10-table rows are 10 sequential commits."
                                + " Target: p50 ≤ 3 ms plus one store round trip, measured as one conditional PUT of a"
                                + " small file through the same proxy, alternated with deltasql's commits. The"
                                + " `mirror=async` rows: the call returns once the catalog has the commit and the mirror"
                                + " writes the log file right after, in commit order (the local-disk targets apply).",
                        CommitScenario.COLUMNS);
        CatalogConfig.Builder config = ctx.deltasql().config();
        settings.forEach(config::storageSetting);
        Warmup warm = new Warmup(Math.max(3, o.commitSamples() / 20), o.warmup().seconds());
        int samples = Math.max(10, o.commitSamples() / 4);
        try (DeltaCatalog catalog = DeltaCatalog.open(config.build())) {
            DeltaLogMirror.install(catalog);
            Engine engine = kernel.engine();
            long run = System.currentTimeMillis();
            List<String> single = tables(catalog, "bench_s3_single_" + run + "_", 1);
            String kSingle = kernelTable(kernel, engine, "kernel-" + run + "/single");
            Measure.Pair p = Measure.alternate(
                    warm,
                    samples,
                    () -> Writers.deltasqlAppend(catalog, single.get(0)),
                    () -> Writers.kernelAppend(kernel, engine, kSingle),
                    null);
            CommitScenario.row(ctx, s, id(), "single table", p, Double.NaN, "—");

            // The floor: what any writer pays to put one small file on the store through the same proxy.
            try (S3Client slow = client(URI.create(settings.get("fs.s3a.endpoint")))) {
                byte[] line = "{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8);
                AtomicLong n = new AtomicLong();
                Measure.Pair f = Measure.alternate(
                        warm,
                        samples,
                        () -> Writers.deltasqlAppend(catalog, single.get(0)),
                        () -> {
                            String key = "commits/floor-" + run + "/" + n.incrementAndGet() + ".json";
                            slow.putObject(
                                    b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromBytes(line));
                            return 1;
                        },
                        null);
                double floorLimit = f.b().median() + 3.0;
                CommitScenario.row(
                        ctx,
                        s,
                        id(),
                        "single table vs one conditional PUT (the floor, in Kernel's columns)",
                        f,
                        floorLimit,
                        "p50 ≤ 3 ms + one PUT (" + Fmt.num(floorLimit) + " ms)");
            }

            List<String> ten = tables(catalog, "bench_s3_multi10_" + run + "_", 10);
            Measure.Pair m = tenTables(catalog, ten, kernel, engine, "kernel-" + run + "/multi10_", warm, samples);
            CommitScenario.row(ctx, s, id(), "10 tables, atomic (Kernel: 10 sequential commits)", m, Double.NaN, "—");
            for (String t : single) {
                catalog.dropTable(t);
            }
            for (String t : ten) {
                catalog.dropTable(t);
            }
        }
        publishedAfterReturn(ctx, s, config, warm, samples, kernel);
    }

    /**
     * The same commits with {@code mirror=async}: the call returns once the catalog has the commit,
     * and the mirror's PUTs run behind it (they share the proxy with Kernel's commits meanwhile).
     */
    private void publishedAfterReturn(
            BenchContext ctx,
            Report.Section s,
            CatalogConfig.Builder config,
            Warmup warm,
            int samples,
            KernelSide kernel)
            throws Exception {
        try (DeltaCatalog catalog = DeltaCatalog.open(config.build())) {
            DeltaLogMirror mirror = DeltaLogMirror.install(catalog, MirrorTiming.AFTER_RETURN);
            Engine engine = kernel.engine();
            long run = System.currentTimeMillis();
            List<String> single = tables(catalog, "bench_s3_async_" + run + "_", 1);
            mirror.awaitIdle();
            String kSingle = kernelTable(kernel, engine, "kernel-" + run + "/async-single");
            Measure.Pair p = Measure.alternate(
                    warm,
                    samples,
                    () -> Writers.deltasqlAppend(catalog, single.get(0)),
                    () -> Writers.kernelAppend(kernel, engine, kSingle),
                    null);
            CommitScenario.row(
                    ctx, s, id(), "single table, mirror=async (log written after returning)", p, 3.0, "p50 ≤ 3 ms");

            List<String> ten = tables(catalog, "bench_s3_async10_" + run + "_", 10);
            mirror.awaitIdle();
            Measure.Pair m = tenTables(catalog, ten, kernel, engine, "kernel-" + run + "/async10_", warm, samples);
            CommitScenario.row(
                    ctx,
                    s,
                    id(),
                    "10 tables, atomic, mirror=async (Kernel: 10 sequential commits)",
                    m,
                    10.0,
                    "p50 ≤ 10 ms");
            mirror.awaitIdle();
            for (String t : single) {
                catalog.dropTable(t);
            }
            for (String t : ten) {
                catalog.dropTable(t);
            }
        }
    }

    /** deltasql committing to ten tables atomically, alternated with Kernel committing to ten of its own in turn. */
    private static Measure.Pair tenTables(
            DeltaCatalog catalog,
            List<String> ten,
            KernelSide kernel,
            Engine engine,
            String kernelPrefix,
            Warmup warm,
            int samples)
            throws Exception {
        List<String> kTen = new ArrayList<>();
        for (int i = 0; i < ten.size(); i++) {
            kTen.add(kernelTable(kernel, engine, kernelPrefix + i));
        }
        return Measure.alternate(
                warm,
                samples,
                () -> Writers.deltasqlAppendAll(catalog, ten),
                () -> {
                    for (String t : kTen) {
                        Writers.kernelAppend(kernel, engine, t);
                    }
                    return kTen.size();
                },
                "tables committed");
    }

    /** Fresh deltasql tables on the bucket (a new prefix per run: the store keeps earlier runs' logs). */
    private static List<String> tables(DeltaCatalog catalog, String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            catalog.createTable(new CreateTableRequest(
                    name,
                    "s3://" + BUCKET + "/commits/" + name,
                    TableSpec.SCHEMA,
                    List.of(TableSpec.PARTITION_COLUMN),
                    Map.of(),
                    "deltasql benchmark scratch table on S3"));
            names.add(name);
        }
        return names;
    }

    private static String kernelTable(KernelSide kernel, Engine engine, String name) throws Exception {
        String path = "s3://" + BUCKET + "/commits/" + name;
        kernel.createTable(engine, path);
        return path;
    }

    /** Copies a table's {@code _delta_log} to the bucket at full speed (not through the latency proxy). */
    private static void upload(S3Client direct, Path table, String name) {
        Path log = table.resolve("_delta_log");
        try (Stream<Path> files = Files.walk(log)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = name + "/" + table.relativize(f).toString().replace('\\', '/');
                direct.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The S3A settings a Spark user would write for the store behind {@code endpoint}. */
    private static Map<String, String> settings(URI endpoint) {
        return Map.of(
                "fs.s3a.endpoint", endpoint.toString(),
                "fs.s3a.access.key", S3ProxyProcess.ACCESS_KEY,
                "fs.s3a.secret.key", S3ProxyProcess.SECRET_KEY,
                "fs.s3a.path.style.access", "true",
                "fs.s3a.endpoint.region", S3ProxyProcess.REGION);
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3ProxyProcess.REGION))
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)))
                .build();
    }

    /** One read row: a cold deltasql catalog against Kernel on the bucket, alternated. */
    private void compare(
            BenchContext ctx,
            Report.Section s,
            TableSpec spec,
            String label,
            ToLongFunction<DeltaCatalog> deltasql,
            KernelTrial kernel,
            String what,
            double limitMs,
            String target)
            throws Exception {
        BenchOptions o = ctx.options();
        int reps = Math.max(3, o.repetitions() / 2);
        Warmup warm = o.warmup().atMost(1, 0);
        Scenario.compare(
                ctx,
                s,
                id(),
                spec,
                label,
                Measure.alternate(warm, reps, new ColdCatalogTrial(ctx.deltasql(), deltasql), kernel, what),
                limitMs,
                target);
    }
}
