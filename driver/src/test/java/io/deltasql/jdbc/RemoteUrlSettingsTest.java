package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Settings in a {@code jdbc:deltasql:remote:} URL are read like a local URL's and never sent: the
 * request line a server sees has no query string, and the password is only in the login.
 */
class RemoteUrlSettingsTest {
    @Test
    void urlSettingsNeverReachTheRequestLine() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> refuseLogins(listener, heads), "refusing-server");
            server.setDaemon(true);
            server.start();
            String url = "jdbc:deltasql:remote:http://127.0.0.1:" + listener.getLocalPort()
                    + "?user=alice&password=Pw-in-the-url&fetchSize=500";
            assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
        }
        assertThat(heads).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("POST / HTTP/1.1\n"));
        assertThat(String.join("\n", heads))
                .doesNotContain("Pw-in-the-url")
                .doesNotContain("user=alice")
                .containsIgnoringCase("Authorization: Basic");
    }

    @Test
    void anUnknownSettingInARemoteUrlIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:deltasql:remote:http://127.0.0.1:1?usr=alice"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("unknown setting 'usr'")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void remoteSettingsAreTakenFromTheUrl() throws Exception {
        DeltaSqlUrl url =
                DeltaSqlUrl.parse("jdbc:deltasql:remote:https://h:8765?user=bob&truststore=%2Ftmp%2Fts.p12", null);
        assertThat(url.remoteUrl()).isEqualTo("https://h:8765");
        assertThat(url.settings()).containsEntry("user", "bob").containsEntry("truststore", "/tmp/ts.p12");
    }

    /** Answers every request with 401 until the listener closes, keeping each request's head (its lines joined by newlines). */
    private static void refuseLogins(ServerSocket listener, List<String> heads) {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(20_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                List<String> head = new ArrayList<>();
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    head.add(line);
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                line.substring("content-length:".length()).trim());
                    }
                }
                in.skip(length);
                heads.add(String.join("\n", head));
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"deltasql\"\r\n"
                                + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                return; // the listener closed
            }
        }
    }
}
