package io.deltasql.core.internal.store;

import io.deltasql.core.internal.files.CompactFileList;
import io.deltasql.core.internal.files.FileSegment;
import io.deltasql.core.internal.files.FileSegmentFormat;
import io.deltasql.core.protocol.AddFile;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The binary form of a file-list checkpoint: the active files cut into parts of bounded size,
 * each part one compact {@link FileSegment} (the form a cached snapshot keeps, so a cold load
 * uses the stored bytes as they are instead of decoding and re-encoding every file), wrapped in a
 * header and a CRC-32 of its bytes so a damaged part is detected instead of read.
 *
 * <p>Files are stored clustered by partition, in order of their partition hash (see
 * {@link PartitionGroups}), and in path order within a partition, which is what the segment
 * encoding compresses best: a partition that does not fit in the part being written starts a new
 * one, so a partition-filtered read decodes only the few parts that hold its partitions, and
 * each part records the range of partition hashes it holds.
 *
 * <pre>
 * part   := MAGIC:int FORMAT:byte segment crc:int      (segment: see FileSegmentFormat)
 * </pre>
 * A part of another format (format 1 stored files one by one) reads as damaged, so the loader
 * falls back to the rows and a new checkpoint replaces it.
 */
final class FileListCodec {
    static final int MAGIC = 0x4453464C; // "DSFL"
    static final byte FORMAT = 2;
    /**
     * A part closes at this many bytes of path and stats text, or at a segment's file limit; the
     * stored part is several times smaller, far below MariaDB's default 16 MB packet limit.
     */
    static final int PART_BYTES = 4 << 20;

    static final int PART_FILES = FileSegment.MAX_FILES;
    /**
     * A part holding more than one partition closes before it would pass this many bytes, so a
     * read of one small partition decodes little else; a partition of its own fills parts up to
     * {@link #PART_BYTES}.
     */
    static final int SHARED_PART_BYTES = 256 << 10;

    private static final int HEADER_BYTES = 5;

    private FileListCodec() {}

    /**
     * One encoded part: its bytes, its file count and the lowest and highest partition hash of
     * its files (null for the empty part of an empty list).
     */
    record EncodedPart(byte[] data, int files, String firstHash, String lastHash) {}

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
     * The segment one part holds.
     *
     * @throws CorruptFileListException when the part is damaged or not in this format
     */
    static FileSegment decodeSegment(byte[] part) {
        if (part.length < HEADER_BYTES + 4) {
            throw new CorruptFileListException("part of " + part.length + " bytes is too short");
        }
        CRC32 crc = new CRC32();
        crc.update(part, 0, part.length - 4);
        ByteBuffer in = ByteBuffer.wrap(part);
        if ((int) crc.getValue() != in.getInt(part.length - 4)) {
            throw new CorruptFileListException("checksum mismatch");
        }
        if (in.getInt() != MAGIC || in.get() != FORMAT) {
            throw new CorruptFileListException("not a file-list part of format " + FORMAT);
        }
        try {
            return FileSegmentFormat.fromBytes(part, HEADER_BYTES, part.length - 4);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileListException("malformed part: " + e.getMessage());
        }
    }

    /** The files of one part, in stored order. */
    static List<AddFile> decode(byte[] part) {
        return CompactFileList.ofSegments(List.of(decodeSegment(part)));
    }

    /** The files a decode kept, and how many files the part holds in all. */
    record Decoded(List<AddFile> files, int stored) {}

    /**
     * The files of one part whose partition hash is in {@code partitionHashes}; each distinct
     * partition of the part is hashed once and only the files of wanted ones are decoded.
     *
     * @throws CorruptFileListException when the part is damaged or not in this format
     */
    static Decoded decodePart(byte[] part, Set<String> partitionHashes) {
        FileSegment segment = decodeSegment(part);
        List<AddFile> files = CompactFileList.ofSegments(List.of(segment))
                .selectPartitions(values -> partitionHashes.contains(PartitionHashes.of(values)));
        return new Decoded(files, segment.size());
    }

    /** One part being written: its files, encoded as one segment when it is finished. */
    private static final class PartWriter {
        private final List<AddFile> files = new ArrayList<>();
        private long bytes;
        private String firstHash;
        private String lastHash;

        /** Adds a file of the partition with hash {@code partitionHash}; files come in order of that hash. */
        void add(AddFile f, String partitionHash) {
            if (firstHash == null) {
                firstHash = partitionHash;
            }
            lastHash = partitionHash;
            files.add(f);
            bytes += PartitionGroups.estimatedBytes(f);
        }

        int files() {
            return files.size();
        }

        /** About how many bytes of path and stats text the part holds. */
        long bytes() {
            return bytes;
        }

        EncodedPart finish() {
            byte[] segment = FileSegmentFormat.toBytes(FileSegment.of(files));
            ByteBuffer whole = ByteBuffer.allocate(HEADER_BYTES + segment.length + 4);
            whole.putInt(MAGIC).put(FORMAT).put(segment);
            CRC32 crc = new CRC32();
            crc.update(whole.array(), 0, whole.position());
            whole.putInt((int) crc.getValue());
            return new EncodedPart(whole.array(), files.size(), firstHash, lastHash);
        }
    }

    /** A stored part that cannot be read back; the loader falls back to the file rows. */
    static final class CorruptFileListException extends RuntimeException {
        CorruptFileListException(String message) {
            super(message);
        }
    }
}
