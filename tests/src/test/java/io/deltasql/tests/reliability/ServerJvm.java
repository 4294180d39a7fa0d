package io.deltasql.tests.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code deltasql server --port 0} in a JVM of its own (see the server module's ServerProcess), output in a file. */
public final class ServerJvm implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("connect with jdbc:deltasql:remote:(\\S+)");

    private final ChildJvm jvm;
    private final String url;

    private ServerJvm(ChildJvm jvm, String url) {
        this.jvm = jvm;
        this.url = url;
    }

    /** The server with {@code args}, allowing tables under the temp directory unless {@code args} name {@code --allowed-locations}. */
    public static ServerJvm start(Path log, String catalogUrl, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("server", "--port", "0", "--catalog", catalogUrl));
        all.addAll(List.of(args));
        if (!all.contains("--allowed-locations")) {
            all.addAll(List.of("--allowed-locations", System.getProperty("java.io.tmpdir")));
        }
        ChildJvm jvm = ChildJvm.start(log, "io.deltasql.server.cli.DeltaSqlCli", all.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                Matcher m = READY.matcher(jvm.output());
                if (m.find()) {
                    return new ServerJvm(jvm, m.group(1).replace("0.0.0.0", "127.0.0.1"));
                }
                if (!jvm.alive()) {
                    throw new IllegalStateException("the server exited before it was ready:\n" + jvm.output());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IllegalStateException("server not ready within 120 s:\n" + jvm.output());
        } catch (Exception | Error e) {
            jvm.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public String output() {
        return jvm.output();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
