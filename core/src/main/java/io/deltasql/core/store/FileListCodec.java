package io.deltasql.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The binary form of a file-list checkpoint: the active files cut into parts of bounded size,
 * each part self-contained (its own partition-values dictionary) so parts decode in parallel, and
 * ending in a CRC-32 of its bytes so a damaged part is detected instead of read. A plain add is
 * stored as columns (path, partition, size, time, dataChange, stats); any other add as its JSON.
 *
 * <p>Files are stored clustered by partition, in order of their partition hash (see
 * {@link PartitionGroups}): a partition that does not fit in the part being written starts a new
 * one, so a partition-filtered read decodes only the few parts that hold its partitions, and
 * each part records the range of partition hashes it holds.
 *
 * <pre>
 * part   := MAGIC:int FORMAT:byte files:int partitions:int partitionJson:bytes* file* crc:int
 * file   := flags:byte (flags has JSON_ADD ? addJson:bytes
 *                       : path:bytes partition:int size:long modificationTime:long (flags has STATS ? stats:bytes))
 * bytes  := length:int utf8
 * </pre>
 */
final class FileListCodec {
    static final int MAGIC = 0x4453464C; // "DSFL"
    static final byte FORMAT = 1;
    /** A part closes at this many bytes or files, far below MariaDB's default 16 MB packet limit. */
    static final int PART_BYTES = 4 << 20;
    static final int PART_FILES = 20_000;
    /**
     * A part holding more than one partition closes before it would pass this many bytes, so a
     * read of one small partition decodes little else; a partition of its own fills parts up to
     * {@link #PART_BYTES}.
     */
    static final int SHARED_PART_BYTES = 256 << 10;

    private static final int DATA_CHANGE = 1;
    private static final int STATS = 2;
    private static final int JSON_ADD = 4;

    private FileListCodec() {
    }

    /**
     * One encoded part: its bytes, its file count and the lowest and highest partition hash of
     * its files (null for the empty part of an empty list).
     */
    record EncodedPart(byte[] data, int files, String firstHash, String lastHash) {
    }

    /** Receives encoded parts in order. */
    @FunctionalInterface
    interface PartSink {
        void accept(int index, EncodedPart part) throws SQLException;
    }

    /** Encodes {@code files} in parts, clustered by partition. */
    static List<EncodedPart> encode(List<AddFile> files) {
        List<EncodedPart> parts = new ArrayList<>();
        try {
            encode(files, (index, part) -> parts.add(part));
        } catch (SQLException e) {
            throw new IllegalStateException(e); // the list sink throws none
        }
        return parts;
    }

    /**
     * Encodes {@code files} clustered by partition, part by part into {@code sink}, so only one
     * part is in memory at a time; returns the part count.
     */
    static int encode(List<AddFile> files, PartSink sink) throws SQLException {
        int parts = 0;
        PartWriter part = new PartWriter();
        for (PartitionGroups.Group group : PartitionGroups.of(files)) {
            if (part.files() > 0 && part.bytes() + group.estimatedBytes() > SHARED_PART_BYTES) {
                sink.accept(parts++, part.finish());
                part = new PartWriter();
            }
            for (AddFile f : group.files()) {
                part.add(f, group.hash());
                if (part.files() >= PART_FILES || part.bytes() >= PART_BYTES) {
                    sink.accept(parts++, part.finish());
                    part = new PartWriter();
                }
            }
        }
        if (part.files() > 0 || parts == 0) {
            sink.accept(parts++, part.finish());
        }
        return parts;
    }

    /**
     * Decodes one part. Partition maps come from {@code shared} (JSON to map), so every part of a
     * list, decoded on any thread, hands out one map per partition.
     *
     * @throws CorruptFileListException when the part is damaged or not in this format
     */
    static List<AddFile> decode(byte[] part, ConcurrentHashMap<String, Map<String, String>> shared) {
        return decodePart(part, shared, null).files();
    }

    /** The files a decode kept, and how many files the part holds in all. */
    record Decoded(List<AddFile> files, int stored) {
    }

    /**
     * Decodes the files of one part whose partition hash is in {@code partitionHashes} (all files
     * when it is null). The whole part is still checked (checksum, structure); the other files are
     * skipped without building them.
     *
     * @throws CorruptFileListException when the part is damaged or not in this format
     */
    static Decoded decodePart(byte[] part, ConcurrentHashMap<String, Map<String, String>> shared, Set<String> partitionHashes) {
        if (part.length < 17) {
            throw new CorruptFileListException("part of " + part.length + " bytes is too short");
        }
        CRC32 crc = new CRC32();
        crc.update(part, 0, part.length - 4);
        ByteBuffer in = ByteBuffer.wrap(part);
        if ((int) crc.getValue() != in.getInt(part.length - 4)) {
            throw new CorruptFileListException("checksum mismatch");
        }
        try {
            if (in.getInt() != MAGIC || in.get() != FORMAT) {
                throw new CorruptFileListException("not a file-list part of format " + FORMAT);
            }
            int count = in.getInt();
            int partitionCount = in.getInt();
            List<Map<String, String>> partitions = new ArrayList<>(partitionCount);
            boolean[] wanted = new boolean[partitionCount];
            for (int i = 0; i < partitionCount; i++) {
                Map<String, String> values = shared.computeIfAbsent(string(in, part),
                        json -> ImmutableStringMap.copyOf(FileRows.parsePartitionValues(json)));
                partitions.add(values);
                wanted[i] = partitionHashes == null || partitionHashes.contains(PartitionHashes.of(values));
            }
            List<AddFile> files = new ArrayList<>(partitionHashes == null ? count : 16);
            for (int i = 0; i < count; i++) {
                int flags = in.get();
                if ((flags & JSON_ADD) != 0) {
                    AddFile f = (AddFile) ActionCodec.parse(string(in, part));
                    if (partitionHashes == null || partitionHashes.contains(PartitionHashes.of(f.partitionValues()))) {
                        files.add(f);
                    }
                    continue;
                }
                int pathLength = in.getInt();
                int pathStart = in.position();
                in.position(pathStart + pathLength); // throws on a length past the end
                int partition = in.getInt();
                long size = in.getLong();
                long modificationTime = in.getLong();
                if (!wanted[partition]) {
                    if ((flags & STATS) != 0) {
                        int statsLength = in.getInt();
                        in.position(in.position() + statsLength);
                    }
                    continue;
                }
                String path = new String(part, pathStart, pathLength, StandardCharsets.UTF_8);
                String stats = (flags & STATS) != 0 ? string(in, part) : null;
                files.add(new AddFile(path, partitions.get(partition), size, modificationTime, (flags & DATA_CHANGE) != 0, stats));
            }
            if (in.position() != part.length - 4) {
                throw new CorruptFileListException((part.length - 4 - in.position()) + " bytes after the last file");
            }
            return new Decoded(files, count);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CorruptFileListException("malformed part: " + e);
        }
    }

    private static String string(ByteBuffer in, byte[] part) {
        int length = in.getInt();
        int start = in.position();
        in.position(start + length); // throws on a length past the end
        return new String(part, start, length, StandardCharsets.UTF_8);
    }

    /** One part being written. */
    private static final class PartWriter {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(body);
        private final Map<Map<String, String>, Integer> partitionIds = new HashMap<>();
        private final List<String> partitionJson = new ArrayList<>();
        private int files;
        private String firstHash;
        private String lastHash;

        /** Adds a file of the partition with hash {@code partitionHash}; files come in order of that hash. */
        void add(AddFile f, String partitionHash) {
            if (firstHash == null) {
                firstHash = partitionHash;
            }
            lastHash = partitionHash;
            try {
                if (!FileRows.isPlain(f)) {
                    out.writeByte(JSON_ADD);
                    bytes(out, ActionCodec.toJson(f));
                } else {
                    out.writeByte((f.dataChange() ? DATA_CHANGE : 0) | (f.stats() != null ? STATS : 0));
                    bytes(out, f.path());
                    out.writeInt(partitionId(f.partitionValues()));
                    out.writeLong(f.size());
                    out.writeLong(f.modificationTime());
                    if (f.stats() != null) {
                        bytes(out, f.stats());
                    }
                }
                files++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int partitionId(Map<String, String> values) {
            Integer id = partitionIds.get(values);
            if (id == null) {
                id = partitionJson.size();
                partitionIds.put(values, id);
                try {
                    partitionJson.add(ActionCodec.mapper().writeValueAsString(values));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot write partition values as JSON", e);
                }
            }
            return id;
        }

        int files() {
            return files;
        }

        int bytes() {
            return body.size();
        }

        EncodedPart finish() {
            try {
                ByteArrayOutputStream whole = new ByteArrayOutputStream(body.size() + 1024);
                DataOutputStream head = new DataOutputStream(whole);
                head.writeInt(MAGIC);
                head.writeByte(FORMAT);
                head.writeInt(files);
                head.writeInt(partitionJson.size());
                for (String json : partitionJson) {
                    bytes(head, json);
                }
                body.writeTo(whole);
                CRC32 crc = new CRC32();
                byte[] content = whole.toByteArray();
                crc.update(content);
                head.writeInt((int) crc.getValue());
                return new EncodedPart(whole.toByteArray(), files, firstHash, lastHash);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void bytes(DataOutputStream out, String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    /** A stored part that cannot be read back; the loader falls back to the file rows. */
    static final class CorruptFileListException extends RuntimeException {
        CorruptFileListException(String message) {
            super(message);
        }
    }
}
