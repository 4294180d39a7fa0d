package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the command line finds, before parsing it, whether it asks for --verbose and which command it runs. */
class CliLoggingTest {
    @Test
    void verboseIsFoundBeforeOrAfterTheCommandButNotAfterDoubleDash() {
        assertThat(CliLogging.verboseRequested("--verbose", "verify", "t")).isTrue();
        assertThat(CliLogging.verboseRequested("verify", "t", "--all-versions", "--verbose"))
                .isTrue();
        assertThat(CliLogging.verboseRequested("verify", "t")).isFalse();
        assertThat(CliLogging.verboseRequested("import", "--", "--verbose"))
                .as("a table directory named --verbose")
                .isFalse();
        assertThat(CliLogging.verboseRequested()).isFalse();
    }

    @Test
    void theCommandIsTheFirstArgumentThatIsNoOption() {
        assertThat(CliLogging.command("--verbose", "server", "--port", "0")).isEqualTo("server");
        assertThat(CliLogging.command("demo")).isEqualTo("demo");
        assertThat(CliLogging.command("--help")).isNull();
    }
}
