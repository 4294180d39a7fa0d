package io.deltasql.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;
import picocli.CommandLine;

/** Passwords from files and the environment instead of the command line, and hash-password. */
class SecretOptionsTest {
    @TempDir
    Path dir;

    private CatalogOptions catalogOptions(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.catalogOptions;
    }

    @Test
    void catalogPasswordFromAFileOrTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("catalog-password"), "s3cret pw\n");
        String url = "jdbc:postgresql://db:5432/lake?user=deltasql";
        CatalogOptions fromFile = catalogOptions("--catalog", url, "--catalog-password-file", file.toString());
        assertThat(fromFile.password(Map.of(CatalogOptions.PASSWORD_ENV, "from-env")))
                .as("the file wins")
                .isEqualTo("s3cret pw");
        assertThat(fromFile.config().build().password()).isEqualTo("s3cret pw");
        assertThat(fromFile.settings().getProperty("password")).isEqualTo("s3cret pw");
        assertThat(fromFile.config().build().jdbcUrl()).doesNotContain("s3cret");

        CatalogOptions none = catalogOptions("--catalog", url);
        assertThat(none.password(Map.of(CatalogOptions.PASSWORD_ENV, "from-env")))
                .isEqualTo("from-env");
        assertThat(none.password(Map.of())).isNull();

        Files.writeString(file, "windows\r\n");
        assertThat(fromFile.password(Map.of())).isEqualTo("windows");
        Files.writeString(file, "two lines\n\n");
        assertThat(fromFile.password(Map.of()))
                .as("only one trailing newline is dropped")
                .isEqualTo("two lines\n");
    }

    @Test
    void aMissingOrUnreadablePasswordFileIsAClearError() throws Exception {
        DeltaSqlCliTest.Run missing = DeltaSqlCliTest.run(
                "verify",
                "t",
                "--catalog",
                "jdbc:sqlite:" + dir.resolve("c.db"),
                "--catalog-password-file",
                dir.resolve("nope").toString());
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err())
                .isEqualTo("deltasql verify: --catalog-password-file " + dir.resolve("nope") + ": no such file\n");

        Path unreadable = Files.writeString(dir.resolve("locked"), "pw\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(unreadable)) { // root reads anything
            assertThatThrownBy(() -> catalogOptions("--catalog-password-file", unreadable.toString())
                            .password(Map.of()))
                    .hasMessageStartingWith("--catalog-password-file " + unreadable + ": cannot read it");
        }
        assertThatThrownBy(() -> SecretSource.resolve("--keystore-password", "pw", unreadable, "X", Map.of()))
                .hasMessage("give --keystore-password or --keystore-password-file, not both");
    }

    @Test
    void anOptionWinsOverItsEnvironmentVariableAndNoVariableMeansNone() {
        assertThat(SecretSource.resolve("--password", "given", null, "P", Map.of("P", "env")))
                .isEqualTo("given");
        assertThat(SecretSource.resolve("--password", null, null, "P", Map.of("P", "env")))
                .isEqualTo("env");
        assertThat(SecretSource.resolve("--password", null, null, null, Map.of("P", "env")))
                .isNull();
    }

    @Test
    void hashPasswordReadsAFileAndNeverTheCommandLine() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "correct horse\n");
        DeltaSqlCliTest.Run hashed =
                DeltaSqlCliTest.run("hash-password", "--password-file", file.toString(), "--cost", "4");
        assertThat(hashed.status()).as(hashed.err()).isZero();
        String hash = hashed.out().strip();
        assertThat(hash).startsWith("BCRYPT:$2a$04$").doesNotContain("correct");
        assertThat(BCrypt.checkpw("correct horse", hash.substring("BCRYPT:".length())))
                .isTrue();

        DeltaSqlCliTest.Run argv = DeltaSqlCliTest.run("hash-password", "correct horse");
        assertThat(argv.status()).isNotZero();
        assertThat(argv.err()).contains("Unmatched argument");

        DeltaSqlCliTest.Run tooLong = DeltaSqlCliTest.run(
                "hash-password",
                "--password-file",
                Files.writeString(dir.resolve("long"), "x".repeat(80)).toString());
        assertThat(tooLong.status()).isNotZero();
        assertThat(tooLong.err()).contains("longer than bcrypt's 72 bytes");
        DeltaSqlCliTest.Run empty = DeltaSqlCliTest.run(
                "hash-password",
                "--password-file",
                Files.writeString(dir.resolve("empty"), "\n").toString());
        assertThat(empty.err()).isEqualTo("deltasql hash-password: the password is empty\n");
    }
}
