package io.deltasql.core.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@link FileSql#FILE_COLUMNS} rows to adds. A plain add (nothing beyond path, partition
 * values, size, time, dataChange and stats) is built from the columns without parsing JSON; its
 * partition values are parsed once per distinct value and the map shared by every file of that
 * partition, which keeps a loaded file list small. Other adds are parsed from their JSON.
 * One instance per load: it is not thread-safe.
 */
final class FileRows {
    private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {};

    private final Map<String, Map<String, String>> partitions = new HashMap<>();

    AddFile map(ResultSet rs) throws SQLException {
        String json = rs.getString(7);
        if (json != null) {
            return (AddFile) ActionCodec.parse(json);
        }
        return new AddFile(
                rs.getString(1),
                partitionValues(rs.getString(2)),
                rs.getLong(3),
                rs.getLong(4),
                rs.getInt(5) != 0,
                rs.getString(6));
    }

    private Map<String, String> partitionValues(String json) {
        Map<String, String> shared = partitions.get(json);
        if (shared == null) {
            shared = ImmutableStringMap.copyOf(parsePartitionValues(json));
            partitions.put(json, shared);
        }
        return shared;
    }

    /** The {@code partition_values} column as a map (null values kept). */
    static Map<String, String> parsePartitionValues(String json) {
        try {
            Map<String, String> parsed = ActionCodec.mapper().readValue(json, VALUES);
            return parsed == null ? Map.of() : parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "ds_files.partition_values is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
