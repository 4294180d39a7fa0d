package io.deltasql.core.internal.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CatalogLimit;
import io.deltasql.core.CommitRequest;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.protocol.Action;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddCdcFile;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.CommitInfo;
import io.deltasql.core.protocol.DomainMetadata;
import io.deltasql.core.protocol.Metadata;
import io.deltasql.core.protocol.RemoveFile;
import io.deltasql.core.protocol.SetTransaction;
import io.deltasql.core.protocol.UnknownAction;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link CatalogLimit}s to everything that enters the catalog: a new table's
 * definition, a commit's request and each of its actions (whether from SQL, the API or an
 * import). Each check names where the value is ({@code where}) so the refusal says which table,
 * file or property is too large.
 */
public final class CatalogLimits {
    private CatalogLimits() {}

    /** A new table's name, location, schema, partition columns, properties and description. */
    public static void checkCreate(CreateTableRequest r) {
        String where = "Delta table '" + shorten(r.name()) + "'";
        CatalogLimit.TABLE_NAME.check(where, r.name());
        CatalogLimit.LOCATION.check(where, r.location());
        checkDefinition(where, r.schemaString(), r.partitionColumns(), r.properties(), r.description());
    }

    /** The request's own fields that reach the catalog: its operation, parameters and commit id. */
    public static void checkRequest(String where, CommitRequest r) {
        CatalogLimit.OPERATION.check(where, r.operation());
        CatalogLimit.COMMIT_ID.check(where, r.commitId());
        CatalogLimit.OPERATION_PARAMETERS.check(where, textSize(r.operationParameters()));
    }

    /** One action of a commit or of an imported version. */
    public static void checkAction(String where, Action a) {
        if (a instanceof AddFile add) {
            checkFile(where, add.path(), add.partitionValues(), add.stats(), add.tags(), add.extra());
            return;
        }
        if (a instanceof RemoveFile remove) {
            checkFile(where, remove.path(), remove.partitionValues(), remove.stats(), remove.tags(), remove.extra());
            return;
        }
        if (a instanceof AddCdcFile cdc) {
            checkFile(where, cdc.path(), cdc.partitionValues(), null, cdc.tags(), cdc.extra());
        } else if (a instanceof Metadata m) {
            String w = where + ", metaData";
            checkDefinition(w, m.schemaString(), m.partitionColumns(), m.configuration(), m.description());
            CatalogLimit.TABLE_NAME.check(w + " name", m.name());
        } else if (a instanceof CommitInfo ci) {
            String w = where + ", commitInfo";
            CatalogLimit.OPERATION.check(w, ci.operation());
            CatalogLimit.OPERATION_PARAMETERS.check(w, jsonSize(ci.operationParameters()));
            CatalogLimit.OPERATION_METRICS.check(w, jsonSize(ci.operationMetrics()));
            CatalogLimit.USER_METADATA.check(w, ci.userMetadata());
        } else if (a instanceof SetTransaction txn) {
            CatalogLimit.APP_ID.check(where + ", txn", txn.appId());
        } else if (a instanceof DomainMetadata d) {
            CatalogLimit.DOMAIN.check(where + ", domainMetadata", d.domain());
        } else if (a instanceof UnknownAction u) {
            CatalogLimit.ACTION_KIND.check(where + ", unknown action", u.kind());
        }
        CatalogLimit.ACTION.check(
                where + ", " + a.kind() + " action", ActionCodec.toJson(a).length());
    }

    private static void checkDefinition(
            String where,
            String schemaString,
            List<String> partitionColumns,
            Map<String, String> properties,
            String description) {
        CatalogLimit.SCHEMA_STRING.check(where, schemaString);
        for (String column : partitionColumns) {
            CatalogLimit.PARTITION_COLUMN_NAME.check(where, column);
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            CatalogLimit.PROPERTY_KEY.check(where + ", property '" + shorten(e.getKey()) + "'", e.getKey());
            CatalogLimit.PROPERTY_VALUE.check(where + ", property '" + shorten(e.getKey()) + "'", e.getValue());
        }
        CatalogLimit.PROPERTIES_TOTAL.check(where, textSize(properties));
        CatalogLimit.DESCRIPTION.check(where, description);
    }

    private static void checkFile(
            String where,
            String path,
            Map<String, String> partitionValues,
            String stats,
            Map<String, String> tags,
            Map<String, JsonNode> extra) {
        CatalogLimit.FILE_PATH.check(where + ", file '" + shorten(path) + "'", path);
        String w = where + ", file '" + shorten(path) + "'";
        CatalogLimit.PARTITION_VALUES.check(w, textSize(partitionValues));
        CatalogLimit.STATS.check(w, stats);
        CatalogLimit.TAGS.check(w, textSize(tags));
        long other = 0;
        if (extra != null) {
            for (Map.Entry<String, JsonNode> e : extra.entrySet()) {
                other += e.getKey().length() + jsonSize(e.getValue());
            }
        }
        CatalogLimit.OTHER_FIELDS.check(w, other);
    }

    /** Characters of a map's keys and values together (nulls count as nothing). */
    static long textSize(Map<String, String> map) {
        long n = 0;
        if (map != null) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                n += (e.getKey() == null ? 0 : e.getKey().length())
                        + (e.getValue() == null ? 0 : e.getValue().length());
            }
        }
        return n;
    }

    private static long jsonSize(JsonNode node) {
        return node == null ? 0 : node.toString().length();
    }

    /** The first 40 characters of a name, enough to recognise it in a message. */
    static String shorten(String s) {
        return s == null ? "null" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
