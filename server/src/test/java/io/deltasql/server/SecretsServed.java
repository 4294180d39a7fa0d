package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** Where a server could show a store's secret to a client or an operator, and that it does not. */
final class SecretsServed {
    private SecretsServed() {}

    /** Asserts {@code secret} is absent from /health, /metrics, sys.catalog, the connection's URL and the server's output. */
    static void assertNowhere(ServerProcess server, Connection c, Statement s, String secret) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/health", "/metrics")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).as(path).doesNotContain(secret);
        }
        assertThat(RemoteSqlTest.rows(s, "SELECT * FROM sys.catalog").toString())
                .doesNotContain(secret);
        assertThat(c.getMetaData().getURL()).doesNotContain(secret);
        assertThat(server.output()).doesNotContain(secret);
    }
}
