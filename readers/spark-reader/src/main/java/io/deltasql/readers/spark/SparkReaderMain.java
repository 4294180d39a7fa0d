package io.deltasql.readers.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.readers.ReaderArguments;
import io.deltasql.readers.ReaderReport;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor;
import org.apache.spark.sql.delta.actions.Protocol;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark (local mode, one session) with Delta reads a table directory and prints, as one JSON
 * document on stdout, every version it can load (commit timestamp from Delta's history, protocol,
 * active files) and the version Delta's history picks for each timestamp asked. Only the log is
 * read, never a data file; each version also passes the checks Spark makes before a query reads
 * it (reader protocol, table properties against table features, a scan planned), so a table Spark
 * refuses (a feature property without its feature, …) is reported with Spark's error.
 *
 * <p>Usage: {@code SparkReaderMain --table <path> [--timestamps <ms>,<ms>,…] …}, all tables in one
 * session (it takes seconds to start). Only a failure to start Spark or to write the report exits non-zero.
 */
public final class SparkReaderMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkReaderMain() {}

    public static void main(String[] args) throws Exception {
        ReaderArguments arguments = ReaderArguments.parse(args);
        long started = System.nanoTime();
        SparkSession spark = session();
        ObjectNode report = JSON.createObjectNode();
        report.put("reader", "spark " + spark.version() + " with delta-spark " + deltaVersion());
        report.put("startupMillis", (System.nanoTime() - started) / 1_000_000);
        ArrayNode tables = report.putArray("tables");
        try {
            for (ReaderArguments.TableRequest request : arguments.tables()) {
                long reading = System.nanoTime();
                ObjectNode table = tables.addObject();
                table.put("path", request.path());
                read(spark, request.path(), request.timestamps(), table);
                table.put("readMillis", (System.nanoTime() - reading) / 1_000_000);
            }
        } finally {
            spark.stop();
        }
        System.out.println(JSON.writeValueAsString(report));
    }

    /** One local session on loopback, no UI, scratch space under java.io.tmpdir (the caller's directory). */
    private static SparkSession session() {
        String scratch = System.getProperty("java.io.tmpdir");
        return SparkSession.builder()
                .master("local[1]")
                .appName("deltasql-spark-reader")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1")
                // A snapshot's state is rebuilt in this many tasks (50 by default): one suffices for a test table.
                .config("spark.databricks.delta.snapshotPartitions", "1")
                // Small jobs, each planned once: compiling generated code costs more than interpreting it.
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                .config("spark.local.dir", scratch)
                .config("spark.sql.warehouse.dir", scratch + "/spark-warehouse")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
    }

    private static String deltaVersion() {
        String version = DeltaLog.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown version)" : version;
    }

    private static void read(SparkSession spark, String path, List<Long> timestamps, ObjectNode report) {
        DeltaLog log;
        long latest;
        Map<Long, Long> commitTimes = new HashMap<>();
        try {
            log = DeltaLog.forTable(spark, path);
            latest = log.update(false, Option.empty(), Option.empty()).version();
            if (latest < 0) {
                report.put("error", "no Delta table at " + path);
                return;
            }
            for (DeltaHistory commit : CollectionConverters.asJava(log.history().getHistory(Option.empty()))) {
                commitTimes.put(
                        (Long) commit.version().get(), commit.timestamp().getTime());
            }
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
            report.put("error", ReaderReport.describe(e));
            return;
        }
        DeltaLog table = log;
        ReaderReport.versions(report, latest, (v, state) -> {
            Snapshot snapshot = table.getSnapshotAt(v, Option.empty(), Option.empty());
            // The checks Spark makes before it reads a table version for a query: the protocol,
            // table properties against table features, and those made while planning a scan
            // (row tracking, deletion vectors, …). Planning reads no data file.
            table.protocolRead(snapshot.protocol());
            table.assertTableFeaturesMatchMetadata(snapshot.protocol(), snapshot.metadata());
            spark.read()
                    .format("delta")
                    .option("versionAsOf", v)
                    .load(path)
                    .queryExecution()
                    .executedPlan();
            state.put("timestamp", commitTimes.getOrDefault(v, snapshot.timestamp()));
            describeProtocol(snapshot.protocol(), state.putObject("protocol"));
            ArrayNode files = state.putArray("files");
            for (AddFile add : snapshot.allFiles().collectAsList()) {
                describeAdd(add, files.addObject());
            }
        });
        ReaderReport.timeTravel(
                report,
                timestamps,
                timestamp -> table.history()
                        .getActiveCommitAtTime(new Timestamp(timestamp), Option.empty(), false, true, false)
                        .version());
    }

    private static void describeProtocol(Protocol protocol, ObjectNode p) {
        p.put("minReaderVersion", protocol.minReaderVersion());
        p.put("minWriterVersion", protocol.minWriterVersion());
        ArrayNode readerFeatures = p.putArray("readerFeatures");
        if (protocol.readerFeatures().isDefined()) {
            new TreeSet<>(CollectionConverters.asJava(protocol.readerFeatures().get())).forEach(readerFeatures::add);
        }
        ArrayNode writerFeatures = p.putArray("writerFeatures");
        if (protocol.writerFeatures().isDefined()) {
            new TreeSet<>(CollectionConverters.asJava(protocol.writerFeatures().get())).forEach(writerFeatures::add);
        }
    }

    private static void describeAdd(AddFile add, ObjectNode file) {
        file.put("path", add.path());
        file.put("size", add.size());
        ObjectNode partitionValues = file.putObject("partitionValues");
        CollectionConverters.asJava(add.partitionValues()).forEach(partitionValues::put);
        DeletionVectorDescriptor dv = add.deletionVector();
        if (dv != null) {
            file.put("deletionVectorId", dv.uniqueId());
        }
        if (add.baseRowId().isDefined()) {
            file.put("baseRowId", (Long) add.baseRowId().get());
        }
        if (add.defaultRowCommitVersion().isDefined()) {
            file.put("defaultRowCommitVersion", (Long)
                    add.defaultRowCommitVersion().get());
        }
    }
}
