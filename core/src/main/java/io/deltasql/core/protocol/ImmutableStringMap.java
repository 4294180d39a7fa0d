package io.deltasql.core.protocol;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, insertion-ordered string map that admits null values (Delta partition values
 * may be null, which {@code Map.of} refuses). Actions keep such a map as it is instead of copying
 * it, so one partition's values can be shared by every file of that partition.
 */
public final class ImmutableStringMap extends AbstractMap<String, String> {
    private static final ImmutableStringMap EMPTY = new ImmutableStringMap(new LinkedHashMap<>());

    private final Map<String, String> entries;

    private ImmutableStringMap(LinkedHashMap<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** {@code m} itself when it already is one, else an immutable copy. */
    public static ImmutableStringMap copyOf(Map<String, String> m) {
        if (m instanceof ImmutableStringMap frozen) {
            return frozen;
        }
        return m.isEmpty() ? EMPTY : new ImmutableStringMap(new LinkedHashMap<>(m));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public String get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }
}
