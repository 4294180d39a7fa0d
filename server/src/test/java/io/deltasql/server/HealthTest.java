package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /health} when the catalog database goes away: 503 DOWN, and not a word about the database. */
class HealthTest {
    @Test
    void aDownCatalogIsReportedWithoutNamingIt() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        String url = pg.getJdbcUrl("postgres", "postgres");
        try (ServerProcess server = ServerProcess.start(url)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .timeout(Duration.ofSeconds(60))
                    .build();
            HttpResponse<String> up = http.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");

            pg.close();
            for (int probe = 0; probe < 2; probe++) {
                HttpResponse<String> down = http.send(health, HttpResponse.BodyHandlers.ofString());
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");
            }
            assertThat(server.output().split("health: the catalog database is unreachable", -1))
                    .as("logged once, not per probe")
                    .hasSize(2);
        } finally {
            pg.close();
        }
    }
}
