package io.deltasql.calcite;

import io.deltasql.core.FileFilter;
import io.deltasql.core.ReadPredicate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What of a filter on {@code t$files} the catalog query can do: point restrictions on the path
 * and on partition columns become a {@link FileFilter}, and the read a transaction then depends on
 * a {@link ReadPredicate}.
 */
final class FilesPushdown {
    private final List<PartitionColumn> partitions;

    FilesPushdown(List<PartitionColumn> partitions) {
        this.partitions = partitions;
    }

    /** Path and partition restrictions that Delta's string values can express exactly. */
    FileFilter fileFilter(List<RexNode> filters) {
        FileFilter filter = FileFilter.ALL;
        Optional<Set<Object>> paths = Filters.points(filters, FilesTable.PATH);
        if (paths.isPresent()) {
            Set<String> p = new HashSet<>();
            paths.get().forEach(v -> {
                if (v != null) {
                    p.add(v.toString());
                }
            });
            filter = filter.withPaths(p);
        }
        for (int i = 0; i < partitions.size(); i++) {
            PartitionColumn pc = partitions.get(i);
            if (!pushable(pc)) {
                continue;
            }
            Optional<Set<Object>> values = Filters.points(filters, FilesTable.FIXED_COLUMNS.size() + i);
            if (values.isPresent()) {
                Set<String> delta = new HashSet<>();
                for (Object v : values.get()) {
                    delta.add(
                            v == null
                                    ? null
                                    : pc.toDelta(
                                            v instanceof Number n
                                                            && pc.sqlType() != SqlTypeName.VARCHAR
                                                            && pc.sqlType() != SqlTypeName.DATE
                                                    ? n.longValue()
                                                    : v));
                }
                filter = filter.withPartition(pc.key(), delta);
            }
        }
        return filter;
    }

    /** Types whose Delta string form is canonical, so comparing strings equals comparing values. */
    private static boolean pushable(PartitionColumn pc) {
        return switch (pc.sqlType()) {
            case VARCHAR, BIGINT, INTEGER, SMALLINT, TINYINT, DATE, BOOLEAN -> true;
            default -> false;
        };
    }

    /** What a transaction's read through {@code filter} depends on, for the conflict check at commit. */
    static ReadPredicate readPredicate(FileFilter filter) {
        if (!filter.partitionValues().isEmpty()) {
            return ReadPredicate.partitions(filter.toString(), filter::matchesPartition);
        }
        if (filter.paths() != null) {
            // A read of named paths depends on those files only; removing them is checked by file key.
            return ReadPredicate.partitions(filter.toString(), pv -> false);
        }
        return ReadPredicate.ALL;
    }
}
