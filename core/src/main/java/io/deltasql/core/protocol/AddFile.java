package io.deltasql.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code add} action: a data file that becomes part of the table. A value: two adds are equal
 * when every field is. An add read from a compact cached file list may decode its path and stats
 * text only when first asked for them (see {@link TextSource}); that is invisible to callers.
 */
public final class AddFile implements Action {
    /** Where an add's path and stats text live until first needed: a compact file list decodes them on demand. */
    public interface TextSource {
        /** The path of the file this source gave {@code handle} to. */
        String path(int handle);

        /** The stats text of the file this source gave {@code handle} to, or null when it has none. */
        String stats(int handle);
    }

    /** The path once known; a String is immutable, so a racy first decode is harmless. */
    private String path;

    private final Map<String, String> partitionValues;
    private final long size;
    private final long modificationTime;
    private final boolean dataChange;
    private final Map<String, String> tags;
    private final DeletionVectorDescriptor deletionVector;
    private final Long baseRowId;
    private final Long defaultRowCommitVersion;
    private final String clusteringProvider;
    private final Map<String, JsonNode> extra;
    private final TextSource texts;
    private final int handle;
    /** The stats text once known (see {@link #path}). */
    private String stats;

    public AddFile(
            String path,
            Map<String, String> partitionValues,
            long size,
            long modificationTime,
            boolean dataChange,
            String stats,
            Map<String, String> tags,
            DeletionVectorDescriptor deletionVector,
            Long baseRowId,
            Long defaultRowCommitVersion,
            String clusteringProvider,
            Map<String, JsonNode> extra) {
        if (path == null || path.isEmpty()) {
            throw new InvalidActionException("add action has no path");
        }
        if (size < 0) {
            throw new InvalidActionException("add action for '" + path + "': size must be >= 0, was " + size);
        }
        this.path = path;
        this.partitionValues = partitionValues == null ? Map.of() : JsonFields.copy(partitionValues);
        this.size = size;
        this.modificationTime = modificationTime;
        this.dataChange = dataChange;
        this.stats = stats;
        this.texts = null;
        this.handle = 0;
        this.tags = JsonFields.copy(tags);
        this.deletionVector = deletionVector;
        this.baseRowId = baseRowId;
        this.defaultRowCommitVersion = defaultRowCommitVersion;
        this.clusteringProvider = clusteringProvider;
        this.extra = JsonFields.copyExtra(extra);
    }

    public AddFile(
            String path,
            Map<String, String> partitionValues,
            long size,
            long modificationTime,
            boolean dataChange,
            String stats) {
        this(path, partitionValues, size, modificationTime, dataChange, stats, null, null, null, null, null, Map.of());
    }

    /**
     * A plain add (no tags, deletion vector, row ids, clustering provider or extra fields) whose
     * path and stats text {@code texts} decodes on first use; it encoded them from a valid add.
     */
    public static AddFile withLazyTexts(
            Map<String, String> partitionValues,
            long size,
            long modificationTime,
            boolean dataChange,
            TextSource texts,
            int handle) {
        return new AddFile(
                ImmutableStringMap.copyOf(partitionValues),
                size,
                modificationTime,
                dataChange,
                Objects.requireNonNull(texts),
                handle);
    }

    /** A plain add with lazy texts, its partition values already immutable: one per file of a cached list, so kept cheap. */
    private AddFile(
            Map<String, String> partitionValues,
            long size,
            long modificationTime,
            boolean dataChange,
            TextSource texts,
            int handle) {
        this.partitionValues = partitionValues;
        this.size = size;
        this.modificationTime = modificationTime;
        this.dataChange = dataChange;
        this.texts = texts;
        this.handle = handle;
        this.tags = null;
        this.deletionVector = null;
        this.baseRowId = null;
        this.defaultRowCommitVersion = null;
        this.clusteringProvider = null;
        this.extra = Map.of();
    }

    /** A builder of an add: path and size are required, the rest default as in the protocol (data change true). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this add, to build a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .path(path())
                .partitionValues(partitionValues)
                .size(size)
                .modificationTime(modificationTime)
                .dataChange(dataChange)
                .stats(stats())
                .tags(tags)
                .deletionVector(deletionVector)
                .baseRowId(baseRowId)
                .defaultRowCommitVersion(defaultRowCommitVersion)
                .clusteringProvider(clusteringProvider)
                .extra(extra);
    }

    /** Names each field of an add, for the callers that would otherwise pass twelve positional arguments. */
    public static final class Builder {
        private String path;
        private Map<String, String> partitionValues = Map.of();
        private long size;
        private long modificationTime;
        private boolean dataChange = true;
        private String stats;
        private Map<String, String> tags;
        private DeletionVectorDescriptor deletionVector;
        private Long baseRowId;
        private Long defaultRowCommitVersion;
        private String clusteringProvider;
        private Map<String, JsonNode> extra = Map.of();

        private Builder() {}

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder partitionValues(Map<String, String> partitionValues) {
            this.partitionValues = partitionValues;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder modificationTime(long modificationTime) {
            this.modificationTime = modificationTime;
            return this;
        }

        public Builder dataChange(boolean dataChange) {
            this.dataChange = dataChange;
            return this;
        }

        /** The statistics JSON text, or null. */
        public Builder stats(String stats) {
            this.stats = stats;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder deletionVector(DeletionVectorDescriptor deletionVector) {
            this.deletionVector = deletionVector;
            return this;
        }

        public Builder baseRowId(Long baseRowId) {
            this.baseRowId = baseRowId;
            return this;
        }

        public Builder defaultRowCommitVersion(Long defaultRowCommitVersion) {
            this.defaultRowCommitVersion = defaultRowCommitVersion;
            return this;
        }

        public Builder clusteringProvider(String clusteringProvider) {
            this.clusteringProvider = clusteringProvider;
            return this;
        }

        /** Fields of the action this model does not name, kept for the round trip. */
        public Builder extra(Map<String, JsonNode> extra) {
            this.extra = extra;
            return this;
        }

        /** The add; refuses a missing path or a negative size as the constructors do. */
        public AddFile build() {
            return new AddFile(
                    path,
                    partitionValues,
                    size,
                    modificationTime,
                    dataChange,
                    stats,
                    tags,
                    deletionVector,
                    baseRowId,
                    defaultRowCommitVersion,
                    clusteringProvider,
                    extra);
        }
    }

    /** Whether the add has nothing beyond path, partition values, size, time, data change and stats. */
    public boolean isPlain() {
        return tags == null
                && deletionVector == null
                && baseRowId == null
                && defaultRowCommitVersion == null
                && clusteringProvider == null
                && extra.isEmpty();
    }

    public String path() {
        String p = path;
        if (p == null) {
            p = texts.path(handle);
            path = p;
        }
        return p;
    }

    public Map<String, String> partitionValues() {
        return partitionValues;
    }

    public long size() {
        return size;
    }

    public long modificationTime() {
        return modificationTime;
    }

    public boolean dataChange() {
        return dataChange;
    }

    /** The file's statistics as the JSON text the writer recorded, or null. */
    public String stats() {
        String s = stats;
        if (s == null && texts != null) {
            s = texts.stats(handle);
            stats = s;
        }
        return s;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public DeletionVectorDescriptor deletionVector() {
        return deletionVector;
    }

    public Long baseRowId() {
        return baseRowId;
    }

    public Long defaultRowCommitVersion() {
        return defaultRowCommitVersion;
    }

    public String clusteringProvider() {
        return clusteringProvider;
    }

    public Map<String, JsonNode> extra() {
        return extra;
    }

    /** The deletion vector's unique id, or null when the file has none. */
    public String dvUniqueId() {
        return deletionVector == null ? null : deletionVector.uniqueId();
    }

    /** The remove action that takes this file out of the table. */
    public RemoveFile toRemove(long deletionTimestamp, boolean dataChange) {
        return new RemoveFile(
                path(),
                deletionTimestamp,
                dataChange,
                true,
                partitionValues,
                size,
                null,
                tags,
                deletionVector,
                baseRowId,
                defaultRowCommitVersion,
                Map.of());
    }

    @Override
    public String kind() {
        return "add";
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof AddFile a
                        && size == a.size
                        && modificationTime == a.modificationTime
                        && dataChange == a.dataChange
                        && path().equals(a.path())
                        && partitionValues.equals(a.partitionValues)
                        && Objects.equals(stats(), a.stats())
                        && Objects.equals(tags, a.tags)
                        && Objects.equals(deletionVector, a.deletionVector)
                        && Objects.equals(baseRowId, a.baseRowId)
                        && Objects.equals(defaultRowCommitVersion, a.defaultRowCommitVersion)
                        && Objects.equals(clusteringProvider, a.clusteringProvider)
                        && extra.equals(a.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                path(),
                partitionValues,
                size,
                modificationTime,
                dataChange,
                stats(),
                tags,
                deletionVector,
                baseRowId,
                defaultRowCommitVersion,
                clusteringProvider,
                extra);
    }

    @Override
    public String toString() {
        return "AddFile[path=" + path() + ", partitionValues=" + partitionValues + ", size=" + size
                + ", modificationTime="
                + modificationTime + ", dataChange=" + dataChange + ", stats=" + stats() + ", tags=" + tags
                + ", deletionVector=" + deletionVector + ", baseRowId=" + baseRowId + ", defaultRowCommitVersion="
                + defaultRowCommitVersion + ", clusteringProvider=" + clusteringProvider + ", extra=" + extra + "]";
    }
}
