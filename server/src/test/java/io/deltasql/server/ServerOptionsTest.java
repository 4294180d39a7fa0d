package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;

/** {@link ServerOptions} fills what is left null with the defaults and refuses what cannot run. */
class ServerOptionsTest {
    private static ServerOptions withPort(int port) {
        return new ServerOptions(
                "jdbc:sqlite:catalog.db",
                null,
                null,
                port,
                null,
                null,
                null,
                null,
                null,
                null,
                1,
                ServerOptions.DEFAULT_MAX_STATEMENTS_PER_CONNECTION,
                null,
                ServerOptions.DEFAULT_FRAME_ROWS,
                null,
                null);
    }

    @Test
    void nullsBecomeTheDefaults() {
        ServerOptions o = withPort(0);
        assertThat(o.limits()).isSameAs(StatementLimits.DEFAULTS);
        assertThat(o.login()).isSameAs(LoginPolicy.DEFAULT);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.serialization()).isEqualTo(Serialization.PROTOBUF);
        assertThat(o.preload()).isEqualTo(List.of());
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.catalogSettings()).isEmpty();
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> withPort(65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be between 0 and 65535, was 65536");
    }
}
