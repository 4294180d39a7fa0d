package io.deltasql.core.mirror;

/** A table location no store of deltasql serves (local paths, {@code file:}, S3 and Azure URIs are served). */
public class UnsupportedLocationException extends IllegalArgumentException {
    public UnsupportedLocationException(String message) {
        super(message);
    }
}
