package io.deltasql.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Delta logs as other engines write them, which deltasql's own commits never produce: written as
 * JSON commit files, for import tests.
 */
public final class ForeignLogs {
    /** Two columns, {@code id} and {@code region}, as a schemaString value (JSON-escaped, quoted). */
    public static final String SCHEMA = "\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
            + "{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"region\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\"";

    private ForeignLogs() {}

    /**
     * A table as a Databricks runtime writes one with legacy liquid clustering, row tracking and
     * deletion vectors: protocol (3, 7) with reader features [deletionVectors] and writer features
     * [liquid, rowTracking, deletionVectors, domainMetadata]; adds with row ids, the row-tracking
     * high-water mark and clustering domains; version 3 deletes rows of a.parquet with a deletion
     * vector. Active files: v1 a; v2 a, b; v3 a (with its vector), b.
     */
    public static void liquidRowTrackingTable(Path table) throws IOException {
        String dv = "{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"sizeInBytes\":36,"
                + "\"cardinality\":2}";
        write(
                table,
                0,
                commitInfo(0, "CREATE TABLE"),
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],"
                        + "\"writerFeatures\":[\"liquid\",\"rowTracking\",\"deletionVectors\",\"domainMetadata\"]}}",
                "{\"metaData\":{\"id\":\"lq-7e1d\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
                        + SCHEMA
                        + ",\"partitionColumns\":[],\"configuration\":{\"delta.enableDeletionVectors\":\"true\","
                        + "\"delta.enableRowTracking\":\"true\","
                        + "\"delta.rowTracking.materializedRowIdColumnName\":\"_row-id-col-5c1a\","
                        + "\"delta.rowTracking.materializedRowCommitVersionColumnName\":\"_row-commit-version-col-9d2e\"},"
                        + "\"createdTime\":1700000000000}}",
                "{\"domainMetadata\":{\"domain\":\"delta.clustering\",\"configuration\":\"{\\\"clusteringColumns\\\":[[\\\"id\\\"]]}\","
                        + "\"removed\":false}}");
        write(table, 1, commitInfo(1, "WRITE"), add("a.parquet", 1000, 10, 0, 1, null), rowIdHighWaterMark(9));
        write(table, 2, commitInfo(2, "WRITE"), add("b.parquet", 600, 5, 10, 2, null), rowIdHighWaterMark(14));
        write(
                table,
                3,
                commitInfo(3, "DELETE"),
                "{\"remove\":{\"path\":\"a.parquet\",\"deletionTimestamp\":1700000003000,\"dataChange\":true,"
                        + "\"extendedFileMetadata\":true,\"partitionValues\":{},\"size\":1000,\"baseRowId\":0,"
                        + "\"defaultRowCommitVersion\":1}}",
                add("a.parquet", 1000, 10, 0, 1, dv));
    }

    private static String commitInfo(long version, String operation) {
        return "{\"commitInfo\":{\"timestamp\":" + (1_700_000_000_000L + version * 1000) + ",\"operation\":\""
                + operation
                + "\",\"operationParameters\":{},\"engineInfo\":\"Databricks-Runtime/15.4.x-scala2.12\",\"isBlindAppend\":"
                + !"DELETE".equals(operation) + "}}";
    }

    private static String add(String path, long size, long records, long baseRowId, long commitVersion, String dv) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size
                + ",\"modificationTime\":1700000000000,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":" + records
                + "}\",\"tags\":{\"INSERTION_TIME\":\"1700000000000000\"},"
                + (dv == null ? "" : "\"deletionVector\":" + dv + ",")
                + "\"baseRowId\":" + baseRowId + ",\"defaultRowCommitVersion\":" + commitVersion
                + ",\"clusteringProvider\":\"liquid\"}}";
    }

    private static String rowIdHighWaterMark(long mark) {
        return "{\"domainMetadata\":{\"domain\":\"delta.rowTracking\",\"configuration\":\"{\\\"rowIdHighWaterMark\\\":"
                + mark + "}\",\"removed\":false}}";
    }

    /**
     * A table a pipeline writer started without a schema (schemaString empty) and partitioned by
     * {@code region}; the schema comes with version 2. Delta Kernel reads versions 2 and 3 only.
     */
    public static void schemaArrivingLater(Path table) throws IOException {
        write(table, 0, PROTOCOL, metaData("\"\""));
        write(table, 1, add("a.parquet", "eu"));
        write(table, 2, metaData(SCHEMA));
        write(table, 3, add("b.parquet", "us"));
    }

    /** A table whose schema is emptied again at version 1, its latest: Delta Kernel reads version 0 only. */
    public static void schemaEmptiedAtHead(Path table) throws IOException {
        write(table, 0, PROTOCOL, metaData(SCHEMA), add("a.parquet", "eu"));
        write(table, 1, metaData("\"\""));
    }

    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";

    /** The metaData of a table partitioned by region, with {@code schemaString} as given (JSON value). */
    public static String metaData(String schemaString) {
        return "{\"metaData\":{\"id\":\"pl-1\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
                + schemaString
                + ",\"partitionColumns\":[\"region\"],\"configuration\":{},\"createdTime\":1700000000000}}";
    }

    private static String add(String path, String region) {
        return "{\"add\":{\"path\":\"region=" + region + "/" + path + "\",\"partitionValues\":{\"region\":\"" + region
                + "\"},\"size\":100,\"modificationTime\":1700000000000,\"dataChange\":true}}";
    }

    /** Writes version {@code version}'s commit file. */
    public static void write(Path table, long version, String... lines) throws IOException {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.write(log.resolve(String.format("%020d.json", version)), List.of(lines), StandardCharsets.UTF_8);
    }

    /** The _delta_log's files and their contents, to show that something left the log as it was. */
    public static Map<String, String> logFiles(Path table) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(table.resolve("_delta_log"))) {
            for (Path p : paths.toList()) {
                files.put(
                        p.getFileName().toString(),
                        Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "");
            }
        }
        return files;
    }
}
