package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader who sends raw Avatica requests carrying a writer's connection id, the writer's statement
 * ids with its own connection, or random ids: every request type is refused, the writer's
 * statements and open transaction are untouched, and neither the catalog nor the table's
 * {@code _delta_log} changes.
 */
class ForeignIdsTest {
    private static final String FILES = "SELECT path FROM \"t$files\" ORDER BY path";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"protobuf", "json"})
    void aReaderCannotActThroughAWritersIds(String serialization) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "alice: alice-pw, writer\nbob: bob-pw, reader\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(), "--users", users.toString(), "--serialization", serialization)) {
            RawAvatica alice = new RawAvatica(server.url(), serialization, "alice", "alice-pw");
            RawAvatica bob = new RawAvatica(server.url(), serialization, "bob", "bob-pw");

            // The writer: a table with one file, a prepared DELETE, a query with rows still to fetch,
            // and an open transaction holding one staged file.
            String w = UUID.randomUUID().toString();
            ok(alice.send(new Service.OpenConnectionRequest(w, Map.of())));
            int sw = createStatement(alice, w);
            Path location = dir.resolve("t");
            execute(
                    alice,
                    w,
                    sw,
                    "INSERT INTO delta.tables(name, location, schema_string) VALUES ('t', '" + location + "', '"
                            + Fixtures.SCHEMA + "')");
            for (int i = 0; i < 5; i++) {
                execute(alice, w, sw, "INSERT INTO \"t$files\"(path, size) VALUES ('f" + i + "', 1)");
            }
            Meta.StatementHandle prepared = ((Service.PrepareResponse) ok(
                            alice.send(new Service.PrepareRequest(w, "DELETE FROM \"t$files\" WHERE path = 'f0'", -1))))
                    .statement;
            int query = createStatement(alice, w);
            ok(alice.send(new Service.PrepareAndExecuteRequest(w, query, FILES, -1, 1)));
            ok(alice.send(new Service.ConnectionSyncRequest(
                    w, new ConnectionPropertiesImpl(false, false, null, null, null))));
            execute(alice, w, sw, "INSERT INTO \"t$files\"(path, size) VALUES ('staged', 1)");
            Map<String, String> logBefore = logFiles(location);
            assertThat(logBefore).hasSize(6);

            String r = UUID.randomUUID().toString();
            ok(bob.send(new Service.OpenConnectionRequest(r, Map.of())));
            int random = 123_456_789;
            String delete = "DELETE FROM delta.tables WHERE name = 't'";
            List<Service.Request> attacks = new ArrayList<>();
            for (int id : new int[] {sw, prepared.id, query, random, 0, 1, 2, 3}) {
                // The writer's statement ids (and small numbers, which Avatica itself would have used) with the
                // reader's connection.
                attacks.add(new Service.PrepareAndExecuteRequest(r, id, delete, -1));
                attacks.add(
                        new Service.ExecuteRequest(new Meta.StatementHandle(r, id, prepared.signature), List.of(), -1));
                attacks.add(new Service.FetchRequest(r, id, 0, 100));
                attacks.add(new Service.SyncResultsRequest(r, id, new QueryState(FILES), 0));
                attacks.add(new Service.PrepareAndExecuteBatchRequest(r, id, List.of(delete)));
                attacks.add(new Service.ExecuteBatchRequest(r, id, List.of(List.<TypedValue>of())));
                attacks.add(new Service.CloseStatementRequest(r, id));
                // ... and with the writer's connection, and with none.
                attacks.add(new Service.PrepareAndExecuteRequest(w, id, delete, -1));
                attacks.add(
                        new Service.ExecuteRequest(new Meta.StatementHandle(w, id, prepared.signature), List.of(), -1));
                attacks.add(new Service.FetchRequest(w, id, 0, 100));
                attacks.add(new Service.ExecuteBatchRequest(w, id, List.of(List.<TypedValue>of())));
                attacks.add(new Service.CloseStatementRequest(w, id));
                attacks.add(new Service.FetchRequest(null, id, 0, 100));
                attacks.add(new Service.PrepareAndExecuteRequest(null, id, delete, -1));
            }
            for (String c : new String[] {w, UUID.randomUUID().toString()}) {
                attacks.add(new Service.CommitRequest(c));
                attacks.add(new Service.RollbackRequest(c));
                attacks.add(new Service.ConnectionSyncRequest(
                        c, new ConnectionPropertiesImpl(true, false, null, null, null)));
                attacks.add(new Service.CreateStatementRequest(c));
                attacks.add(new Service.PrepareRequest(c, delete, -1));
                attacks.add(new Service.DatabasePropertyRequest(c));
                attacks.add(new Service.CatalogsRequest(c));
                attacks.add(new Service.SchemasRequest(c, null, null));
                attacks.add(new Service.TablesRequest(c, null, null, null, null));
                attacks.add(new Service.ColumnsRequest(c, null, null, "t$files", null));
                attacks.add(new Service.TableTypesRequest(c));
                attacks.add(new Service.TypeInfoRequest(c));
                attacks.add(new Service.CloseConnectionRequest(c));
            }
            attacks.add(new Service.OpenConnectionRequest(w, Map.of()));
            for (Service.Request attack : attacks) {
                assertRefused(attack, bob.send(attack));
            }

            // The writer's statements and transaction are as they were: its statements still run
            // (none was closed), and the commit lands exactly the writer's work.
            assertThat(paths(alice, w, query)).containsExactly("f0", "f1", "f2", "f3", "f4", "staged");
            Service.ExecuteResponse deleted =
                    (Service.ExecuteResponse) ok(alice.send(new Service.ExecuteRequest(prepared, List.of(), -1)));
            assertThat(deleted.missingStatement).isFalse();
            assertThat(logFiles(location)).isEqualTo(logBefore);
            ok(alice.send(new Service.CommitRequest(w)));
            assertThat(paths(alice, w, sw)).containsExactly("f1", "f2", "f3", "f4", "staged");
            assertThat(logFiles(location)).hasSize(7).containsAllEntriesOf(logBefore);
            assertThat(server.output()).contains("refused").contains("user 'bob'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"protobuf", "json"})
    void statementIdsAreNotSequential(String serialization) throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--serialization", serialization)) {
            RawAvatica client = new RawAvatica(server.url(), serialization, "any", "any");
            String c = UUID.randomUUID().toString();
            ok(client.send(new Service.OpenConnectionRequest(c, Map.of())));
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(createStatement(client, c));
                ids.add(((Service.ResultSetResponse) ok(client.send(new Service.TableTypesRequest(c)))).statementId);
            }
            assertThat(ids)
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isPositive());
            for (int i = 1; i < ids.size(); i++) {
                assertThat(Math.abs((long) ids.get(i) - ids.get(i - 1)))
                        .as("ids %s", ids)
                        .isGreaterThan(1000);
            }
        }
    }

    private static void assertRefused(Service.Request attack, Service.Response response) {
        String what = attack.getClass().getSimpleName() + " " + describe(attack);
        if (response instanceof Service.ErrorResponse e) {
            assertThat(e.sqlState).as(what + ": " + e.errorMessage).isIn("42501", "08003", "08P01", "26000");
            assertThat(e.errorMessage).as(what).doesNotContain("Exception").doesNotContain("at org.");
        } else if (response instanceof Service.ExecuteResponse e) {
            assertThat(e.missingStatement).as(what).isTrue();
        } else if (response instanceof Service.FetchResponse f) {
            assertThat(f.missingStatement).as(what).isTrue();
        } else if (response instanceof Service.SyncResultsResponse s) {
            assertThat(s.missingStatement).as(what).isTrue();
        } else if (response instanceof Service.ExecuteBatchResponse b) {
            assertThat(b.missingStatement).as(what).isTrue();
        } else {
            // Closing a statement that is not the caller's is answered as done and does nothing (checked afterwards).
            assertThat(response).as(what).isInstanceOf(Service.CloseStatementResponse.class);
        }
    }

    private static String describe(Service.Request attack) {
        try {
            return new String(new RawAvatica("http://unused", "json", "", "").encode(attack), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return attack.toString();
        }
    }

    private static Service.Response ok(Service.Response response) {
        if (response instanceof Service.ErrorResponse e) {
            throw new AssertionError(e.sqlState + " " + e.errorMessage);
        }
        return response;
    }

    private static int createStatement(RawAvatica client, String connection) throws Exception {
        return ((Service.CreateStatementResponse) ok(client.send(new Service.CreateStatementRequest(connection))))
                .statementId;
    }

    private static void execute(RawAvatica client, String connection, int statement, String sql) throws Exception {
        Service.ExecuteResponse response = (Service.ExecuteResponse)
                ok(client.send(new Service.PrepareAndExecuteRequest(connection, statement, sql, -1)));
        assertThat(response.missingStatement).as(sql).isFalse();
    }

    private static List<String> paths(RawAvatica client, String connection, int statement) throws Exception {
        Service.ExecuteResponse response = (Service.ExecuteResponse)
                ok(client.send(new Service.PrepareAndExecuteRequest(connection, statement, FILES, -1, 1000)));
        List<String> paths = new ArrayList<>();
        for (Object row : response.results.get(0).firstFrame.rows) {
            Object value = row instanceof List<?> l ? l.get(0) : ((Object[]) row)[0];
            paths.add(String.valueOf(value));
        }
        return paths;
    }

    /** Every file of the table's log with a digest of its content. */
    private static Map<String, String> logFiles(Path location) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(location.resolve("_delta_log"))) {
            for (Path p : list.toList()) {
                files.put(
                        p.getFileName().toString(),
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }
}
