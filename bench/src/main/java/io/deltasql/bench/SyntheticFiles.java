package io.deltasql.bench;

import io.deltasql.core.protocol.AddFile;
import java.util.Map;

/**
 * Deterministic add actions for the synthetic tables: slot i lives in partition {@code i mod P};
 * generation g of a slot is the file that the g-th small commit touching the slot put there.
 * Every add carries stats (numRecords, min/max, null counts) as writers do.
 */
public final class SyntheticFiles {
    /** A fixed modification time so that regenerated tables are identical. */
    private static final long BASE_TIME = 1_767_225_600_000L;

    private SyntheticFiles() {}

    public static String partitionValue(int p) {
        return String.format("p%02d", p);
    }

    public static AddFile file(TableSpec spec, long slot, long generation) {
        String part = partitionValue((int) (slot % spec.partitions()));
        String prefix = generation == 0 ? "f" : "g" + generation;
        String path = TableSpec.PARTITION_COLUMN + "=" + part + "/" + prefix + "-" + String.format("%08d", slot)
                + "-c000.snappy.parquet";
        long rows = 1_000 + slot % 97;
        long minId = slot * 10_000;
        String stats = "{\"numRecords\":" + rows + ",\"minValues\":{\"id\":" + minId + ",\"value\":\"a" + slot
                + "\"},\"maxValues\":{\"id\":" + (minId + rows - 1) + ",\"value\":\"z" + slot
                + "\"},\"nullCount\":{\"id\":0,\"value\":" + (slot % 3) + "}}";
        return new AddFile(
                path,
                Map.of(TableSpec.PARTITION_COLUMN, part),
                1_048_576 + slot % 4_096,
                BASE_TIME + slot + generation,
                true,
                stats);
    }
}
