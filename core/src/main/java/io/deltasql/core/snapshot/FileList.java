package io.deltasql.core.snapshot;

import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.files.CompactFileList;
import io.deltasql.core.protocol.AddFile;
import java.util.List;
import java.util.Set;

/** A cached snapshot's active files, held compactly (see {@link CompactFileList}). */
final class FileList {
    private final CompactFileList files;

    private FileList(CompactFileList files) {
        this.files = files;
    }

    FileList(List<AddFile> files) {
        this(CompactFileList.of(files));
    }

    List<AddFile> files() {
        return files;
    }

    int size() {
        return files.size();
    }

    /** The files that pass {@code filter}, in list order. */
    List<AddFile> select(FileFilter filter) {
        return files.select(filter);
    }

    /** The list at a later version: without the dropped files' keys, then with the added files. */
    FileList advance(Set<FileKey> dropped, List<AddFile> added) {
        return new FileList(files.advance(dropped, added));
    }
}
