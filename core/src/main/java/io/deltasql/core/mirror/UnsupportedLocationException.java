package io.deltasql.core.mirror;

/** A table location the mirror cannot write to: only local paths and {@code file:} URIs are supported. */
public class UnsupportedLocationException extends IllegalArgumentException {
    public UnsupportedLocationException(String message) {
        super(message);
    }
}
