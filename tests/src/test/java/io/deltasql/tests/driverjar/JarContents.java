package io.deltasql.tests.driverjar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/** The entries of a driver jar, as the checks on what it may hold need them. */
final class JarContents {
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");

    private final List<String> names;
    private final Map<String, List<String>> services;

    private JarContents(List<String> names, Map<String, List<String>> services) {
        this.names = names;
        this.services = services;
    }

    static JarContents of(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        Map<String, List<String>> services = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                names.add(e.getName());
                if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
                    try (InputStream in = file.getInputStream(e)) {
                        services.put(
                                e.getName().substring("META-INF/services/".length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                        .lines()
                                        .map(String::strip)
                                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                        .toList());
                    }
                }
            }
        }
        return new JarContents(names, services);
    }

    /**
     * Class files outside {@code io/deltasql/} (also under a multi-release
     * {@code META-INF/versions/N/}), except those under {@code allowedPrefixes}.
     */
    List<String> classesOutsideDeltasql(List<String> allowedPrefixes) {
        return names.stream()
                .filter(n -> n.endsWith(".class"))
                .map(n -> VERSIONED.matcher(n).replaceFirst(""))
                .filter(n -> !n.startsWith("io/deltasql/"))
                .filter(n -> allowedPrefixes.stream().noneMatch(n::startsWith))
                .toList();
    }

    /** Service type → the implementations listed, for every {@code META-INF/services/} file. */
    Map<String, List<String>> services() {
        return services;
    }

    /** Entries at the jar's root (no folder): resources any class loader's root lookup would find. */
    List<String> rootFiles() {
        return names.stream().filter(n -> !n.contains("/")).toList();
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    List<String> names() {
        return names;
    }
}
