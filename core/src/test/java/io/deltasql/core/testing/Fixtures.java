package io.deltasql.core.testing;

import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.RemoveFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small builders for test tables and file actions. */
public final class Fixtures {
    public static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"value\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}]}";

    private Fixtures() {}

    /** An unpartitioned table at a temporary-looking absolute location. */
    public static CreateTableRequest table(String name) {
        return new CreateTableRequest(name, location(name), SCHEMA, List.of(), Map.of());
    }

    /** A table partitioned by {@code region}. */
    public static CreateTableRequest partitioned(String name) {
        return new CreateTableRequest(name, location(name), SCHEMA, List.of("region"), Map.of());
    }

    /** An unpartitioned table with deletion vectors enabled. */
    public static CreateTableRequest withDeletionVectors(String name) {
        return new CreateTableRequest(
                name, location(name), SCHEMA, List.of(), Map.of("delta.enableDeletionVectors", "true"));
    }

    /** An inline-looking deletion vector; each {@code offset} gives one of its own (its unique id differs). */
    public static DeletionVectorDescriptor deletionVector(int offset) {
        return new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", offset, 36, 2, null, Map.of());
    }

    /**
     * A location under a directory of this test JVM's own: a mirror in one run (or module) writing
     * a log there must not make another run's table "created over an existing log".
     */
    public static String location(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "deltasql-test-tables", RUN, name)
                .toAbsolutePath()
                .toString();
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    public static AddFile add(String path) {
        return new AddFile(path, Map.of(), 100 + path.length(), 1_700_000_000_000L, true, "{\"numRecords\":1}");
    }

    public static AddFile add(String path, String region) {
        Map<String, String> pv = new LinkedHashMap<>();
        pv.put("region", region);
        return new AddFile(path, pv, 100 + path.length(), 1_700_000_000_000L, true, "{\"numRecords\":1}");
    }

    public static RemoveFile remove(String path) {
        return new RemoveFile(path, 1_700_000_000_000L, true);
    }
}
