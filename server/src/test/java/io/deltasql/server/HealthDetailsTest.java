package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.BrokenRows;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/details}: only for authenticated users, and there a table the catalog holds but
 * cannot read is named with why, while {@code /health} stays a bare UP for everyone.
 */
class HealthDetailsTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableTableShowsInTheDetailsForAuthenticatedUsersOnly() throws Exception {
        Path users =
                PrivateFiles.write(dir.resolve("users.properties"), "alice: alice-pw, writer\nbob: bob-pw, reader\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                for (String name : List.of("a", "broken")) {
                    catalog.createTable(new CreateTableRequest(
                            name, dir.resolve(name).toString(), Fixtures.SCHEMA, List.of(), Map.of()));
                }
            }
            BrokenRows.breakMetadata(cat.jdbcUrl(), "broken");
            try (ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--users", users.toString())) {
                HttpClient http = HttpClient.newHttpClient();
                JsonNode degraded = details(http, server, "bob", "bob-pw", 200);
                assertThat(degraded.get("status").asText()).isEqualTo("DEGRADED");
                assertThat(degraded.get("tables").asInt()).isEqualTo(2);
                assertThat(degraded.get("unreadable_tables")).hasSize(1);
                assertThat(degraded.get("unreadable_tables").get(0).get("table").asText())
                        .isEqualTo("broken");
                assertThat(degraded.get("unreadable_tables").get(0).get("error").asText())
                        .hasSizeLessThan(1_000);

                HttpResponse<String> anonymous = http.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/health/details"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
                details(http, server, "bob", "wrong", 401);
            }
        }
    }

    private static JsonNode details(HttpClient http, ServerProcess server, String user, String password, int status)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/health/details"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return status == 200 ? ActionCodec.mapper().readTree(response.body()) : null;
    }
}
