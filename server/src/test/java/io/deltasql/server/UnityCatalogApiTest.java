package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.core.CreateTableRequest;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.TableRules;
import io.deltasql.core.mirror.DeltaLogMirror;
import io.deltasql.core.protocol.ActionCodec;
import io.deltasql.core.testing.CatalogDump;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unity Catalog API as raw HTTP requests meet it: bearer tokens per user (none, a wrong one,
 * a reader's for a commit), commits at the next, a taken or a future version, staged files that
 * are missing, tables and locations that are not the request's, malformed bodies, and a client's
 * table finalised from its version 0. Every refusal has Unity Catalog's status and error body,
 * and leaves the catalog and the {@code _delta_log} as they were.
 */
class UnityCatalogApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.1/unity-catalog";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A users file with a writer and a reader, and a tokens file with one token each, minted by the CLI. */
    private record Users(Path users, Path tokens, String alice, String bob) {}

    private Users users() throws IOException {
        Path users = PrivateFiles.write(dir.resolve("users"), "alice: alice-pw, writer\nbob: bob-pw, reader\n");
        // One token's line printed for the user to add, the other's appended to the file by the command.
        InProcessCli a = InProcessCli.run(List.of(), "new-token", "alice");
        assertThat(a.status()).isZero();
        assertThat(a.err()).startsWith("add to the --tokens file: alice: SHA256:");
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, a.err().strip().substring("add to the --tokens file: ".length()) + "\n");
        InProcessCli b = InProcessCli.run(List.of(), "new-token", "bob", "--tokens-file", tokens.toString());
        assertThat(b.status()).isZero();
        assertThat(b.err()).isEmpty();
        assertThat(Files.readAllLines(tokens)).hasSize(2).last().asString().startsWith("bob: SHA256:");
        assertThat(Files.readString(tokens)) // only the digests are kept
                .doesNotContain(a.out().strip())
                .doesNotContain(b.out().strip());
        return new Users(users, tokens, a.out().strip(), b.out().strip());
    }

    @Test
    void commitsThroughTheApiWithTokensAndEveryRefusalChangesNothing() throws Exception {
        Users u = users();
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(),
                        "--users",
                        u.users().toString(),
                        "--tokens",
                        u.tokens().toString())) {
            String base = server.url() + API;
            Path location = dir.resolve("m");
            try (Connection c = sql(server, "alice");
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO delta.tables(name, location, schema_string, properties) VALUES ('m', '" + location
                                + "', '" + Fixtures.SCHEMA + "', '{\"delta.feature.catalogManaged\":\"supported\"}')");
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('plain', '"
                        + dir.resolve("plain") + "', '" + Fixtures.SCHEMA + "')");
            }
            // Authentication: a token is required and must be one of the file's.
            assertError(send("GET", base + "/metastore_summary", null, null), 401, "UNAUTHENTICATED");
            assertError(send("GET", base + "/metastore_summary", "not-a-token", null), 401, "invalid token");
            JsonNode summary = ok(send("GET", base + "/metastore_summary", u.bob(), null));
            assertThat(UUID.fromString(summary.get("metastore_id").asText())).isNotNull();

            JsonNode table = ok(send("GET", base + "/tables/deltasql.default.m", u.bob(), null));
            assertThat(table.get("table_type").asText()).isEqualTo("MANAGED");
            assertThat(table.get("storage_location").asText()).isEqualTo(location.toString());
            String id = table.get("table_id").asText();
            assertThat(table.path("properties").get(TableRules.CATALOG_TABLE_ID).asText())
                    .isEqualTo(id);
            assertThat(ok(send("GET", base + "/tables/deltasql.default.plain", u.bob(), null))
                            .get("table_type")
                            .asText())
                    .isEqualTo("EXTERNAL");
            assertError(send("GET", base + "/tables/deltasql.default.none", u.bob(), null), 404, "does not exist");
            assertError(send("GET", base + "/tables/main.default.m", u.bob(), null), 404, "Catalog 'main'");

            JsonNode commits = ok(send("GET", base + "/delta/preview/commits", u.bob(), getCommits(id, location)));
            assertThat(commits.get("latest_table_version").asLong()).isZero();
            assertThat(commits.get("commits")).isEmpty();

            Path log = location.resolve("_delta_log");
            long ict = System.currentTimeMillis() + 1000;
            String staged = stage(log, 1, ict, "txn-1", "a.parquet");
            String before = CatalogDump.of(cat.jdbcUrl());
            Map<String, Long> logBefore = logFiles(log);

            // Refusals: a reader, another table's id, a wrong location, a future version, a missing or
            // misnamed staged file, a malformed body, an operation the server does not have.
            assertError(
                    send("POST", base + "/delta/preview/commits", u.bob(), commit(id, location, 1, staged)),
                    403,
                    "reader role");
            assertError(
                    send(
                            "POST",
                            base + "/delta/preview/commits",
                            u.alice(),
                            commit(UUID.randomUUID().toString(), location, 1, staged)),
                    404,
                    "does not exist");
            assertError(
                    send(
                            "POST",
                            base + "/delta/preview/commits",
                            u.alice(),
                            commit(id, dir.resolve("elsewhere"), 1, staged)),
                    400,
                    "is not the location");
            String future = stage(log, 3, ict, "txn-3", "c.parquet");
            assertError(
                    send("POST", base + "/delta/preview/commits", u.alice(), commit(id, location, 3, future)),
                    400,
                    "does not follow");
            String missing = String.format("%020d.%s.json", 1, UUID.randomUUID());
            assertError(
                    send("POST", base + "/delta/preview/commits", u.alice(), commit(id, location, 1, missing)),
                    400,
                    "does not exist");
            assertError(
                    send("POST", base + "/delta/preview/commits", u.alice(), commit(id, location, 2, staged)),
                    400,
                    "is not the name of a staged commit of version 2");
            assertError(send("POST", base + "/delta/preview/commits", u.alice(), "{not json"), 400, "not JSON");
            assertError(send("POST", base + "/delta/preview/commits", u.alice(), "{}"), 400, "table_id is required");
            assertError(send("DELETE", base + "/tables/deltasql.default.m", u.alice(), null), 404, "not an operation");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);
            assertThat(logFiles(log)).isEqualTo(logBefore);

            // The writer's commit lands as version 1 and is published; a retry of it is answered the same.
            String body = commit(id, location, 1, staged);
            assertThat(ok(send("POST", base + "/delta/preview/commits", u.alice(), body)))
                    .isEmpty();
            assertThat(ok(send("POST", base + "/delta/preview/commits", u.alice(), body)))
                    .isEmpty();
            assertThat(Files.readAllLines(log.resolve("00000000000000000001.json")))
                    .isEqualTo(Files.readAllLines(log.resolve("_staged_commits").resolve(staged)));
            JsonNode after = ok(send("GET", base + "/delta/preview/commits", u.bob(), getCommits(id, location)));
            assertThat(after.get("latest_table_version").asLong()).isEqualTo(1);
            try (Connection c = sql(server, "bob");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT path FROM \"m$files\"")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a.parquet");
                assertThat(rs.next()).isFalse();
            }

            // Another client's commit for the taken version is a conflict (409), and changes nothing.
            String late = stage(log, 1, ict + 1, "txn-late", "b.parquet");
            String beforeLate = CatalogDump.of(cat.jdbcUrl());
            assertError(
                    send("POST", base + "/delta/preview/commits", u.alice(), commit(id, location, 1, late)),
                    409,
                    "already ratified");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(beforeLate);
            assertThat(logFiles(log)).doesNotContainKey("00000000000000000002.json");
        }
    }

    /** A table a client created by writing its version 0 is finalised by POST /tables, once, as the client says. */
    @Test
    void aClientsTableIsFinalisedFromItsVersionZero() throws Exception {
        Users u = users();
        Path location = dir.resolve("made");
        String id;
        // Version 0 of a catalog-managed table, written as a client writes it (here by another catalog's mirror).
        try (CatalogTarget.TestCatalog other = CatalogTargets.SQLITE.create();
                DeltaCatalog writer = other.open()) {
            DeltaLogMirror mirror = DeltaLogMirror.install(writer);
            writer.createTable(new CreateTableRequest(
                    "made",
                    location.toString(),
                    Fixtures.SCHEMA,
                    List.of(),
                    Map.of("delta.feature.catalogManaged", "supported")));
            mirror.awaitIdle();
            id = writer.snapshot("made").metadata().configuration().get(TableRules.CATALOG_TABLE_ID);
        }
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(),
                        "--users",
                        u.users().toString(),
                        "--tokens",
                        u.tokens().toString())) {
            String base = server.url() + API;
            String before = CatalogDump.of(cat.jdbcUrl());
            assertError(send("POST", base + "/tables", u.bob(), createTable("made", location, id)), 403, "reader role");
            assertError(
                    send(
                            "POST",
                            base + "/tables",
                            u.alice(),
                            createTable("made", location, UUID.randomUUID().toString())),
                    400,
                    "has table id");
            assertError(
                    send("POST", base + "/tables", u.alice(), createTable("made", dir.resolve("none"), id)),
                    400,
                    "no version 0");
            ObjectNode external = (ObjectNode) JSON.readTree(createTable("made", location, id));
            external.put("table_type", "EXTERNAL");
            assertError(send("POST", base + "/tables", u.alice(), external.toString()), 400, "MANAGED");
            ObjectNode noId = (ObjectNode) JSON.readTree(createTable("made", location, id));
            noId.putObject("properties");
            assertError(send("POST", base + "/tables", u.alice(), noId.toString()), 400, "io.unitycatalog.tableId");
            assertThat(CatalogDump.of(cat.jdbcUrl())).isEqualTo(before);

            String uri = "file:" + location;
            JsonNode created = ok(send("POST", base + "/tables", u.alice(), createTable("made", uri, id)));
            assertThat(created.get("table_id").asText()).isEqualTo(id);
            assertThat(created.get("table_type").asText()).isEqualTo("MANAGED");
            // The client retries a finalisation whose answer it lost: the same table again.
            assertThat(ok(send("POST", base + "/tables", u.alice(), createTable("made", uri, id)))
                            .get("table_id")
                            .asText())
                    .isEqualTo(id);
            assertError(
                    send("POST", base + "/tables", u.alice(), createTable("twin", uri, id)),
                    409,
                    "already the id of table 'made'");
            try (Connection c = sql(server, "bob");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT kind, catalog_table_id, version FROM delta.tables WHERE name = 'made'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("catalog-managed");
                assertThat(rs.getString(2)).isEqualTo(id);
                assertThat(rs.getLong(3)).isZero();
            }
        }
    }

    /** Without --tokens a server with users refuses every bearer token; --tokens needs --users. */
    @Test
    void withoutATokensFileNoBearerTokenIsAccepted() throws Exception {
        Users u = users();
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server =
                        ServerProcess.start(cat.jdbcUrl(), "--users", u.users().toString())) {
            assertError(
                    send("GET", server.url() + API + "/metastore_summary", u.alice(), null), 401, "no --tokens file");
        }
        InProcessCli refused = InProcessCli.run(
                List.of(),
                "server",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "--tokens",
                u.tokens().toString());
        assertThat(refused.status()).isNotZero();
        assertThat(refused.err()).contains("--tokens needs --users");
        Path bad = Files.writeString(dir.resolve("bad-tokens"), "carol: SHA256:" + "0".repeat(64) + "\n");
        InProcessCli unknownUser = InProcessCli.run(
                List.of(),
                "server",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "--users",
                u.users().toString(),
                "--tokens",
                bad.toString());
        assertThat(unknownUser.status()).isNotZero();
        assertThat(unknownUser.err()).contains("line 1", "'carol' is not in the users file");
    }

    private static Connection sql(ServerProcess server, String user) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", user + "-pw");
        return DriverManager.getConnection("jdbc:deltasql:remote:" + server.url(), p);
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error_code").asText()).isNotEmpty();
        assertThat(response.body()).contains(message);
    }

    private static String getCommits(String id, Path location) {
        return "{\"table_id\":\"" + id + "\",\"table_uri\":\"file:" + location + "\",\"start_version\":0}";
    }

    private static String commit(String id, Path location, long version, String fileName) {
        return "{\"table_id\":\"" + id + "\",\"table_uri\":\"file:" + location + "\",\"commit_info\":{\"version\":"
                + version + ",\"timestamp\":1,\"file_name\":\"" + fileName
                + "\",\"file_size\":100,\"file_modification_timestamp\":1},\"latest_backfilled_version\":0}";
    }

    private static String createTable(String name, Object location, String id) {
        return "{\"name\":\"" + name + "\",\"catalog_name\":\"deltasql\",\"schema_name\":\"default\","
                + "\"table_type\":\"MANAGED\",\"data_source_format\":\"DELTA\",\"columns\":[],"
                + "\"storage_location\":\"" + location + "\",\"properties\":{\"" + TableRules.CATALOG_TABLE_ID
                + "\":\"" + id + "\"}}";
    }

    /** A staged commit of {@code version} adding {@code path}, written as a client writes it; its file name. */
    private static String stage(Path log, long version, long ict, String txnId, String path) throws IOException {
        Path staged = log.resolve("_staged_commits");
        Files.createDirectories(staged);
        String name = String.format("%020d.%s.json", version, UUID.randomUUID());
        Files.writeString(
                staged.resolve(name),
                "{\"commitInfo\":{\"timestamp\":" + ict + ",\"inCommitTimestamp\":" + ict
                        + ",\"operation\":\"WRITE\",\"txnId\":\"" + txnId + "\"}}\n"
                        + ActionCodec.toJson(Fixtures.add(path)) + "\n");
        return name;
    }

    /** The commit files of a {@code _delta_log} (not the staged ones) with their sizes. */
    private static Map<String, Long> logFiles(Path log) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(log)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return files;
    }
}
