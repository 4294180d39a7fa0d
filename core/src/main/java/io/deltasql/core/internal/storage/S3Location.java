package io.deltasql.core.internal.storage;

/**
 * An {@code s3://} or {@code s3a://} path split into its bucket and key ({@code s3://b/t/x} is
 * bucket {@code b}, key {@code t/x}); both schemes name the same store.
 */
record S3Location(String scheme, String bucket, String key) {
    static S3Location parse(String path) {
        int sep = path.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("'" + path + "' is not an s3:// path");
        }
        String scheme = path.substring(0, sep);
        String rest = path.substring(sep + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        while (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + path + "' names no bucket");
        }
        return new S3Location(scheme, bucket, key);
    }

    /** The same store's path of {@code otherKey}, in this path's scheme. */
    String pathOf(String otherKey) {
        return scheme + "://" + bucket + "/" + otherKey;
    }

    /** The key prefix of the objects directly inside this path as a directory. */
    String directoryPrefix() {
        return key.isEmpty() ? "" : key + "/";
    }

    /** The key prefix of this path's directory (its parent's prefix). */
    String parentPrefix() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }
}
