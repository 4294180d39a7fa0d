package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogEscaperTest {
    @Test
    void controlCharactersAndQuotesCannotForgeOrColourALogLine() {
        assertThat(LogEscaper.escape("alice")).isEqualTo("alice");
        assertThat(LogEscaper.escape("eve\n2026-01-01 INFO login ok for 'root'"))
                .isEqualTo("eve\\n2026-01-01 INFO login ok for \\'root\\'")
                .doesNotContain("\n");
        assertThat(LogEscaper.escape("a\rb\tc\"d\\e")).isEqualTo("a\\rb\\tc\\\"d\\\\e");
        assertThat(LogEscaper.escape("\u001b[31mred\u0007")).isEqualTo("\\u001b[31mred\\u0007");
        assertThat(LogEscaper.escape("c1\u0085\u009b del\u007f")).isEqualTo("c1\\u0085\\u009b del\\u007f");
        assertThat(LogEscaper.escape("line\u2028para\u2029")).isEqualTo("line\\u2028para\\u2029");
        assertThat(LogEscaper.escape("zoë 名前")).isEqualTo("zoë 名前");
        assertThat(LogEscaper.escape(null)).isEqualTo("(none)");
    }

    @Test
    void longValuesAreCut() {
        String escaped = LogEscaper.escape("x".repeat(10_000));
        assertThat(escaped).startsWith("x".repeat(LogEscaper.MAX_LENGTH)).endsWith("...(10000 chars)");
        assertThat(escaped.length()).isLessThan(LogEscaper.MAX_LENGTH + 20);
    }
}
