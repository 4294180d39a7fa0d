package io.deltasql.core.internal.storage;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.CatalogConfig;
import io.deltasql.core.mirror.UnsupportedLocationException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every store a catalog's tables live on, behind one {@link FileIO}: a path's scheme picks the
 * store (local paths and {@code file:}; {@code s3://} and {@code s3a://}; Azure's {@code abfss://},
 * {@code abfs://}, {@code wasbs://}, {@code wasb://} and its blob URLs,
 * {@code https://<account>.blob.core.windows.net/<container>/…}). Delta Kernel reads through it ({@link
 * #engine()}) and the mirror writes through it ({@link #store}), so both see one storage layer.
 * One instance per distinct settings in the process ({@link #of}), so the SDK clients are shared.
 */
public final class Storage implements FileIO {
    private static final ConcurrentHashMap<StoreSettings, Storage> SHARED = new ConcurrentHashMap<>();

    private final StoreSettings settings;
    private final LocalStore local = new LocalStore();
    private final S3Store s3;
    private final AzureBlobStore azure;
    private final Engine engine;

    private Storage(StoreSettings settings) {
        this.settings = settings;
        this.s3 = new S3Store(settings);
        this.azure = new AzureBlobStore(settings);
        this.engine = DefaultEngine.create(this);
    }

    /** The storage of {@code settings}, shared by everyone in the process who has the same. */
    public static Storage of(StoreSettings settings) {
        return SHARED.computeIfAbsent(settings, Storage::new);
    }

    /** The storage of a catalog's {@link CatalogConfig#storageSettings()}. */
    public static Storage of(CatalogConfig config) {
        return of(StoreSettings.of(config.storageSettings()));
    }

    /** Local paths, and object stores through their default credential chains. */
    public static Storage defaults() {
        return of(StoreSettings.none());
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Delta Kernel's default engine reading and writing through this storage. */
    public Engine engine() {
        return engine;
    }

    /**
     * The store of {@code path}.
     *
     * @throws UnsupportedLocationException for a scheme no store serves, naming the ones that are
     */
    public ObjectStore store(String path) {
        String scheme = new StorePath(path).scheme();
        return switch (scheme) {
            case "file" -> local;
            case "s3", "s3a" -> s3;
            case "abfss", "abfs", "wasbs", "wasb" -> azure;
            case "https" -> {
                if (AzureLocation.isAzure(path)) {
                    yield azure;
                }
                throw new UnsupportedLocationException("location '" + path + "' is an https URL that names no "
                        + "Azure storage account (https://<account>.blob.core.windows.net/<container>/<path>); "
                        + SUPPORTED);
            }
            default ->
                throw new UnsupportedLocationException(
                        "location '" + path + "' uses the " + scheme + ": scheme; " + SUPPORTED);
        };
    }

    /** What errors about an unsupported location say is supported. */
    public static final String SUPPORTED = "deltasql supports local paths and file:, s3:, s3a:, abfss:, abfs:, wasbs:, "
            + "wasb: and https://<account>.blob.core.windows.net/<container>/<path> locations (see docs/STORAGE.md)";

    public ObjectStore store(StorePath path) {
        return store(path.value());
    }

    /** True when {@code location}'s scheme is one a store serves. */
    public static boolean isSupported(String location) {
        return switch (new StorePath(location).scheme()) {
            case "file", "s3", "s3a", "abfss", "abfs", "wasbs", "wasb" -> true;
            case "https" -> AzureLocation.isAzure(location);
            default -> false;
        };
    }

    /**
     * The files directly in {@code directory}, by name; empty when it does not exist (an object
     * store has no empty directories).
     */
    public List<FileStatus> list(StorePath directory) throws IOException {
        List<FileStatus> found = new ArrayList<>();
        if (directory.isLocal()) {
            Path dir = directory.toLocal();
            if (!Files.isDirectory(dir)) {
                return found;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    if (Files.isRegularFile(f)) {
                        found.add(FileStatus.of(
                                f.toString(),
                                Files.size(f),
                                Files.getLastModifiedTime(f).toMillis()));
                    }
                }
            } catch (NoSuchFileException gone) {
                return found;
            }
            return found;
        }
        // Every name sorts after a space (log names start with a digit, '_' or '.').
        try (CloseableIterator<FileStatus> files = store(directory).listFrom(directory.value() + "/ ")) {
            while (files.hasNext()) {
                found.add(files.next());
            }
        } catch (FileNotFoundException | NoSuchFileException missing) {
            return found;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found;
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        return store(filePath).listFrom(filePath);
    }

    @Override
    public void copyFileAtomically(String source, String destination, boolean overwrite) throws IOException {
        byte[] content = store(source).read(source).orElseThrow(() -> new FileNotFoundException(source));
        if (overwrite) {
            store(destination).overwrite(destination, content);
        } else {
            store(destination).createExclusive(destination, content);
        }
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        return store(path).getFileStatus(path);
    }

    @Override
    public String resolvePath(String path) throws IOException {
        return store(path).resolvePath(path);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        return store(path).mkdirs(path);
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        return store(path).newInputFile(path, fileSize);
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return store(path).newOutputFile(path);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return store(path).delete(path);
    }

    @Override
    public Optional<String> getConf(String key) {
        return settings.get(key);
    }
}
