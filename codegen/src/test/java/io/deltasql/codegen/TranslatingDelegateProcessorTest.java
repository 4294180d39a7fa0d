package io.deltasql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor run by the real compiler on small annotated classes. */
class TranslatingDelegateProcessorTest {
    private static final String BASE = """
            package example;

            import io.deltasql.codegen.GenerateTranslatingDelegate;
            import java.sql.ResultSet;
            import java.sql.SQLException;
            import java.sql.Statement;

            @GenerateTranslatingDelegate(className = "Delegating")
            abstract class Base implements ResultSet {
                final ResultSet target;

                Base(ResultSet target) {
                    this.target = target;
                }

                SQLException translate(Throwable t) {
                    return new SQLException(t.getMessage(), "HY000", t);
                }

                @Override
                public Statement getStatement() {
                    return null;
                }

                @Override
                public <T> T unwrap(Class<T> iface) {
                    return iface.cast(this);
                }

                @Override
                public boolean isWrapperFor(Class<?> iface) {
                    return iface.isInstance(this);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void writesEveryOtherResultSetMethodWithReadableNamesAndNoWarnings() throws IOException {
        Compilation compiled = compile(BASE);

        assertThat(compiled.diagnostics()).isEmpty();
        String source = compiled.generated("example/Delegating.java");
        assertThat(source)
                .contains("final class Delegating extends Base {")
                .contains("    Delegating(ResultSet target) {\n        super(target);\n    }")
                .contains("public String getString(int columnIndex) throws SQLException {")
                .contains("public String getString(String columnLabel) throws SQLException {")
                .contains("public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {")
                .contains(
                        "public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {")
                .contains("public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {")
                .contains("public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {")
                .contains(
                        "public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)")
                .contains("public void updateBinaryStream(int columnIndex, InputStream inputStream, long length)")
                .contains("public void updateInt(int columnIndex, int x) throws SQLException {")
                .contains("public void updateLong(String columnLabel, long x) throws SQLException {")
                .contains("public boolean absolute(int row) throws SQLException {")
                .contains("public void setFetchSize(int rows) throws SQLException {")
                .contains("    @Deprecated\n    @Override\n    public InputStream getUnicodeStream(int columnIndex)")
                .contains("""
                                try {
                                    return target.getInt(columnLabel);
                                } catch (SQLException | RuntimeException e) {
                                    throw translate(e);
                                }
                        """)
                .doesNotContain("a0")
                .doesNotContain("getStatement", "unwrap", "isWrapperFor");
        // Types are imported, never written qualified in the code.
        assertThat(source.lines().filter(l -> !l.startsWith("import ") && !l.contains("@Generated")))
                .noneMatch(l -> l.contains("java."));
        // Once each: close() of AutoCloseable is ResultSet's.
        assertThat(source.split("public void close\\(\\)", -1)).hasSize(2);
    }

    @Test
    void refusesAClassWithoutATranslateMethod() throws IOException {
        Compilation compiled =
                compile(BASE.replace("SQLException translate(Throwable t)", "SQLException rethrow(Throwable t)"));

        assertThat(compiled.errors())
                .anyMatch(
                        m -> m.contains(
                                "@GenerateTranslatingDelegate on Base: needs a non-private method SQLException translate(Throwable)"));
    }

    @Test
    void refusesAnInterfaceWhoseMethodsCannotThrowSqlException() throws IOException {
        Compilation compiled = compile("""
                package example;

                import io.deltasql.codegen.GenerateTranslatingDelegate;
                import java.sql.SQLException;

                @GenerateTranslatingDelegate(className = "Delegating")
                abstract class Base implements Runnable {
                    final Runnable target = () -> { };

                    SQLException translate(Throwable t) {
                        return new SQLException(t);
                    }
                }
                """);

        assertThat(compiled.errors())
                .anyMatch(m -> m.contains("run does not throw SQLException, so its errors cannot be translated"));
        assertThat(dir.resolve("generated/example/Delegating.java")).doesNotExist();
    }

    /** Compiles example/Base.java with the processor, as the driver's build does, warnings on. */
    private Compilation compile(String base) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(sources.resolve("Base.java"), base);
        Path generated = Files.createDirectories(dir.resolve("generated"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-Xlint:all,-processing",
                    "-classpath",
                    annotationClasses(),
                    "-d",
                    classes.toString(),
                    "-s",
                    generated.toString());
            JavaCompiler.CompilationTask task = javac.getTask(
                    null,
                    files,
                    diagnostics,
                    options,
                    null,
                    files.getJavaFileObjects(sources.resolve("Base.java").toFile()));
            task.setProcessors(List.of(new TranslatingDelegateProcessor()));
            task.call();
        }
        return new Compilation(diagnostics.getDiagnostics(), generated);
    }

    private static String annotationClasses() {
        try {
            return new File(GenerateTranslatingDelegate.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Compilation(List<Diagnostic<? extends JavaFileObject>> diagnostics, Path generatedSources) {
        String generated(String path) throws IOException {
            return Files.readString(generatedSources.resolve(path));
        }

        List<String> errors() {
            return diagnostics.stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT))
                    .collect(Collectors.toList());
        }
    }
}
