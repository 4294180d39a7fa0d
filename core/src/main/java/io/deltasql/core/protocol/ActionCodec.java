package io.deltasql.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes Delta actions as the protocol's JSON lines. Thread-safe. */
public final class ActionCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ActionCodec() {}

    /** The shared mapper (configured to keep numbers exact), for other packages that handle log JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses one log line. */
    public static Action parse(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidActionException("not valid JSON: " + withoutLibraryNames(e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidActionException("an action must be a JSON object, got " + abbreviate(line));
        }
        if (root.size() != 1) {
            throw new InvalidActionException(
                    "an action must have exactly one key (its kind), got " + root.size() + ": " + abbreviate(line));
        }
        Map.Entry<String, JsonNode> entry = root.fields().next();
        return parse(entry.getKey(), entry.getValue());
    }

    /**
     * A JSON reader's message without the library's own names: Jackson's limits say where they come
     * from ("…, from `StreamReadConstraints.getMaxStringLength()`)"), which means nothing to a user.
     */
    static String withoutLibraryNames(String message) {
        return message == null ? null : message.replaceAll(", from `[^`]*`\\)", ")");
    }

    /** Parses newline-delimited actions (a whole commit file); blank lines are skipped. */
    public static List<Action> parseCommit(String ndjson) {
        List<Action> actions = new ArrayList<>();
        int lineNumber = 0;
        for (String line : ndjson.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                actions.add(parse(line));
            } catch (InvalidActionException e) {
                throw new InvalidActionException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return actions;
    }

    public static String toJson(Action action) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set(action.kind(), body(action));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + action.kind() + " action as JSON", e);
        }
    }

    public static String toNdjson(List<? extends Action> actions) {
        StringBuilder sb = new StringBuilder();
        for (Action a : actions) {
            sb.append(toJson(a)).append('\n');
        }
        return sb.toString();
    }

    private static Action parse(String kind, JsonNode body) {
        if (!isKnown(kind)) {
            return new UnknownAction(kind, body);
        }
        if (!body.isObject()) {
            throw new InvalidActionException(
                    kind + " action must be a JSON object, got " + abbreviate(body.toString()));
        }
        JsonFields f = new JsonFields(kind, (ObjectNode) body);
        return switch (kind) {
            case "protocol" ->
                new Protocol(
                        f.requiredInt("minReaderVersion"),
                        f.requiredInt("minWriterVersion"),
                        f.stringList("readerFeatures"),
                        f.stringList("writerFeatures"),
                        f.extra());
            case "metaData" -> readMetadata(f);
            case "add" ->
                new AddFile(
                        f.requiredString("path"),
                        f.stringMap("partitionValues"),
                        f.requiredLong("size"),
                        orZero(f.optionalLong("modificationTime")),
                        orTrue(f.optionalBoolean("dataChange")),
                        f.string("stats"),
                        f.stringMap("tags"),
                        deletionVector(f.object("deletionVector")),
                        f.optionalLong("baseRowId"),
                        f.optionalLong("defaultRowCommitVersion"),
                        f.string("clusteringProvider"),
                        f.extra());
            case "remove" ->
                new RemoveFile(
                        f.requiredString("path"),
                        f.optionalLong("deletionTimestamp"),
                        orTrue(f.optionalBoolean("dataChange")),
                        f.optionalBoolean("extendedFileMetadata"),
                        f.stringMap("partitionValues"),
                        f.optionalLong("size"),
                        f.string("stats"),
                        f.stringMap("tags"),
                        deletionVector(f.object("deletionVector")),
                        f.optionalLong("baseRowId"),
                        f.optionalLong("defaultRowCommitVersion"),
                        f.extra());
            case "cdc" ->
                new AddCdcFile(
                        f.requiredString("path"),
                        f.stringMap("partitionValues"),
                        f.requiredLong("size"),
                        orFalse(f.optionalBoolean("dataChange")),
                        f.stringMap("tags"),
                        f.extra());
            case "txn" ->
                new SetTransaction(
                        f.requiredString("appId"), f.requiredLong("version"), f.optionalLong("lastUpdated"), f.extra());
            case "commitInfo" ->
                new CommitInfo(
                        f.optionalLong("timestamp"),
                        f.string("operation"),
                        f.any("operationParameters"),
                        f.string("userId"),
                        f.string("userName"),
                        f.string("engineInfo"),
                        f.optionalLong("readVersion"),
                        f.string("isolationLevel"),
                        f.optionalBoolean("isBlindAppend"),
                        f.any("operationMetrics"),
                        f.string("userMetadata"),
                        f.string("txnId"),
                        f.optionalLong("inCommitTimestamp"),
                        f.extra());
            case "domainMetadata" ->
                new DomainMetadata(
                        f.requiredString("domain"),
                        f.requiredString("configuration"),
                        orFalse(f.optionalBoolean("removed")),
                        f.extra());
            default -> throw new IllegalStateException(kind);
        };
    }

    private static boolean isKnown(String kind) {
        return switch (kind) {
            case "protocol", "metaData", "add", "remove", "cdc", "txn", "commitInfo", "domainMetadata" -> true;
            default -> false;
        };
    }

    private static Metadata readMetadata(JsonFields f) {
        String id = f.requiredString("id");
        String name = f.string("name");
        String description = f.string("description");
        ObjectNode formatNode = f.object("format");
        Format format = null;
        if (formatNode != null) {
            JsonFields ff = new JsonFields("metaData.format", formatNode);
            String provider = ff.string("provider");
            if (provider == null) {
                throw new InvalidActionException("metaData.format has no provider");
            }
            format = new Format(provider, ff.stringMap("options"), ff.extra());
        }
        return new Metadata(
                id,
                name,
                description,
                format,
                f.string("schemaString"),
                f.stringList("partitionColumns"),
                f.stringMap("configuration"),
                f.optionalLong("createdTime"),
                f.extra());
    }

    /** A deletion vector descriptor from its JSON object (null stays null), refused as a log line's would be. */
    public static DeletionVectorDescriptor deletionVector(ObjectNode node) {
        if (node == null) {
            return null;
        }
        JsonFields f = new JsonFields("deletionVector", node);
        return new DeletionVectorDescriptor(
                f.requiredString("storageType"),
                f.requiredString("pathOrInlineDv"),
                f.optionalInt("offset"),
                f.requiredInt("sizeInBytes"),
                f.requiredLong("cardinality"),
                f.optionalLong("maxRowIndex"),
                f.extra());
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static boolean orTrue(Boolean v) {
        return v == null || v;
    }

    private static boolean orFalse(Boolean v) {
        return v != null && v;
    }

    // ---- writing, fields in PROTOCOL.md order, then the extra fields in their original order

    private static JsonNode body(Action action) {
        ObjectNode o = MAPPER.createObjectNode();
        if (action instanceof UnknownAction u) {
            return u.body() == null ? MAPPER.nullNode() : u.body();
        } else if (action instanceof Protocol p) {
            o.put("minReaderVersion", p.minReaderVersion());
            o.put("minWriterVersion", p.minWriterVersion());
            JsonFields.put(o, "readerFeatures", p.readerFeatures());
            JsonFields.put(o, "writerFeatures", p.writerFeatures());
            JsonFields.putExtra(o, p.extra());
        } else if (action instanceof Metadata m) {
            o.put("id", m.id());
            JsonFields.put(o, "name", m.name());
            JsonFields.put(o, "description", m.description());
            if (m.format() != null) {
                ObjectNode format = o.putObject("format");
                format.put("provider", m.format().provider());
                JsonFields.put(format, "options", m.format().options());
                JsonFields.putExtra(format, m.format().extra());
            }
            JsonFields.put(o, "schemaString", m.schemaString());
            JsonFields.put(o, "partitionColumns", m.partitionColumnsAsWritten());
            JsonFields.put(o, "configuration", m.configurationAsWritten());
            JsonFields.put(o, "createdTime", m.createdTime());
            JsonFields.putExtra(o, m.extra());
        } else if (action instanceof AddFile a) {
            o.put("path", a.path());
            JsonFields.put(o, "partitionValues", a.partitionValues());
            o.put("size", a.size());
            o.put("modificationTime", a.modificationTime());
            o.put("dataChange", a.dataChange());
            JsonFields.put(o, "stats", a.stats());
            JsonFields.put(o, "tags", a.tags());
            putDeletionVector(o, a.deletionVector());
            JsonFields.put(o, "baseRowId", a.baseRowId());
            JsonFields.put(o, "defaultRowCommitVersion", a.defaultRowCommitVersion());
            JsonFields.put(o, "clusteringProvider", a.clusteringProvider());
            JsonFields.putExtra(o, a.extra());
        } else if (action instanceof RemoveFile r) {
            o.put("path", r.path());
            JsonFields.put(o, "deletionTimestamp", r.deletionTimestamp());
            o.put("dataChange", r.dataChange());
            JsonFields.put(o, "extendedFileMetadata", r.extendedFileMetadata());
            JsonFields.put(o, "partitionValues", r.partitionValues());
            JsonFields.put(o, "size", r.size());
            JsonFields.put(o, "stats", r.stats());
            JsonFields.put(o, "tags", r.tags());
            putDeletionVector(o, r.deletionVector());
            JsonFields.put(o, "baseRowId", r.baseRowId());
            JsonFields.put(o, "defaultRowCommitVersion", r.defaultRowCommitVersion());
            JsonFields.putExtra(o, r.extra());
        } else if (action instanceof AddCdcFile c) {
            o.put("path", c.path());
            JsonFields.put(o, "partitionValues", c.partitionValues());
            o.put("size", c.size());
            o.put("dataChange", c.dataChange());
            JsonFields.put(o, "tags", c.tags());
            JsonFields.putExtra(o, c.extra());
        } else if (action instanceof SetTransaction t) {
            o.put("appId", t.appId());
            o.put("version", t.version());
            JsonFields.put(o, "lastUpdated", t.lastUpdated());
            JsonFields.putExtra(o, t.extra());
        } else if (action instanceof CommitInfo ci) {
            JsonFields.put(o, "timestamp", ci.timestamp());
            JsonFields.put(o, "inCommitTimestamp", ci.inCommitTimestamp());
            JsonFields.put(o, "userId", ci.userId());
            JsonFields.put(o, "userName", ci.userName());
            JsonFields.put(o, "operation", ci.operation());
            JsonFields.put(o, "operationParameters", ci.operationParameters());
            JsonFields.put(o, "readVersion", ci.readVersion());
            JsonFields.put(o, "isolationLevel", ci.isolationLevel());
            JsonFields.put(o, "isBlindAppend", ci.isBlindAppend());
            JsonFields.put(o, "operationMetrics", ci.operationMetrics());
            JsonFields.put(o, "userMetadata", ci.userMetadata());
            JsonFields.put(o, "engineInfo", ci.engineInfo());
            JsonFields.put(o, "txnId", ci.txnId());
            JsonFields.putExtra(o, ci.extra());
        } else if (action instanceof DomainMetadata d) {
            o.put("domain", d.domain());
            o.put("configuration", d.configuration());
            o.put("removed", d.removed());
            JsonFields.putExtra(o, d.extra());
        }
        return o;
    }

    private static void putDeletionVector(ObjectNode o, DeletionVectorDescriptor dv) {
        if (dv == null) {
            return;
        }
        ObjectNode d = o.putObject("deletionVector");
        d.put("storageType", dv.storageType());
        d.put("pathOrInlineDv", dv.pathOrInlineDv());
        JsonFields.put(d, "offset", dv.offset());
        d.put("sizeInBytes", dv.sizeInBytes());
        d.put("cardinality", dv.cardinality());
        JsonFields.put(d, "maxRowIndex", dv.maxRowIndex());
        JsonFields.putExtra(d, dv.extra());
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
