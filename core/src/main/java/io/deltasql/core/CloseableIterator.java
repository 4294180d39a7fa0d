package io.deltasql.core;

import java.util.Iterator;

/** An iterator over a possibly huge result that holds a resource (a catalog connection) until closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
