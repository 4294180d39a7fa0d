package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sqlline.CommandHandler;
import sqlline.SqlLine;

/** Settings added to sqlline's !connect line come out of sqlline's own parser as they went in. */
class ConnectSettingsHandlerTest {
    @Test
    void everySettingSurvivesSqllinesParser() {
        for (String value : List.of(
                "plain",
                "",
                "with space",
                "quote\"d",
                "back\\slash",
                "ends with\\",
                "it's",
                "\"both\"",
                "'single",
                "$HOME;x")) {
            SqlLine sqlLine = new SqlLine();
            ConnectSettingsHandler.install(sqlLine, Map.of("truststore_password", value));
            ConnectSettingsHandler connect = sqlLine.getCommandHandlers().stream()
                    .filter(h -> h.getName().equals("connect"))
                    .map(ConnectSettingsHandler.class::cast)
                    .findFirst()
                    .orElseThrow();
            String line = connect.withSettings("connect -p driver d \"jdbc:deltasql:remote:https://h:1\"");
            assertThat(sqlLine.split(line, " ", 0))
                    .as(value)
                    .containsExactly(
                            "connect",
                            "-p",
                            "truststore_password",
                            value,
                            "-p",
                            "driver",
                            "d",
                            "jdbc:deltasql:remote:https://h:1");
        }
    }

    @Test
    void aValueSqllineWouldStripOfItsQuotesIsRefused() {
        assertThatThrownBy(() -> ConnectSettingsHandler.install(new SqlLine(), Map.of("password", "'quoted'")))
                .hasMessage("sqlline cannot pass a password that begins and ends with a single quote");
    }

    @Test
    void theOtherCommandsAreLeftAsTheyAre() {
        SqlLine sqlLine = new SqlLine();
        List<String> before = sqlLine.getCommandHandlers().stream()
                .map(CommandHandler::getName)
                .toList();
        ConnectSettingsHandler.install(sqlLine, Map.of("user", "u"));
        assertThat(sqlLine.getCommandHandlers().stream().map(CommandHandler::getName))
                .containsExactlyElementsOf(before);
        assertThat(sqlLine.getCommandHandlers().stream().filter(h -> h instanceof ConnectSettingsHandler))
                .hasSize(1);
    }
}
