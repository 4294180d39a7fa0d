package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.UserIdentity;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the users file's password forms, and checking logins against it. */
class UsersFileTest {
    @TempDir
    Path dir;

    private UsersFile usersFile(String text) throws Exception {
        return UsersFile.read(PrivateFiles.write(dir.resolve("users.properties"), text));
    }

    @Test
    void bcryptHashesWithOrWithoutThePrefixAndTheOlderForms() throws Exception {
        String hash = BCryptCredential.hash("alice-pw", 4);
        assertThat(hash).startsWith("BCRYPT:$2a$04$");
        String bare = BCryptCredential.hash("bob-pw", 4).substring("BCRYPT:".length());
        UsersFile users = usersFile("alice: " + hash + ", writer\n"
                + "bob: " + bare + ", reader\n"
                + "carol: " + bare.replace("$2a$", "$2y$") + ", reader\n"
                + "dave: " + Password.obfuscate("dave-pw") + ", reader\n"
                + "erin: " + Credential.MD5.digest("erin-pw") + ", reader\n"
                + "frank: " + Credential.Crypt.crypt("frank", "frank-pw") + ", reader\n"
                + "grace: grace-pw, reader, writer\n");
        assertThat(users.size()).isEqualTo(7);
        assertThat(users.user("alice").credential().check("alice-pw")).isTrue();
        assertThat(users.user("alice").credential().check("alice-pw ")).isFalse();
        assertThat(users.user("bob").credential().check("bob-pw")).isTrue();
        assertThat(users.user("carol").credential().check("bob-pw"))
                .as("$2y$ is the same algorithm")
                .isTrue();
        assertThat(users.user("dave").credential().check("dave-pw")).isTrue();
        assertThat(users.user("erin").credential().check("erin-pw")).isTrue();
        assertThat(users.user("frank").credential().check("frank-pw")).isTrue();
        assertThat(users.user("grace").credential().check("grace-pw")).isTrue();
        assertThat(users.user("grace").credential().check("wrong")).isFalse();
        assertThat(users.weakUsers())
                .extracting(UsersFile.User::name)
                .containsExactly("dave", "erin", "frank", "grace");
        assertThat(users.weakUsers())
                .extracting(UsersFile.User::storage)
                .containsExactly("OBF", "MD5", "CRYPT", "plain text");
        assertThat(users.highestBCryptCost()).isEqualTo(4);
        assertThat(users.isWriter("alice")).isTrue();
        assertThat(users.isWriter("bob")).isFalse();
    }

    @Test
    void aMalformedBcryptHashIsRefusedWithItsLine() {
        String good = BCryptCredential.hash("pw", 4);
        for (String bad : new String[] {
            "BCRYPT:nonsense",
            good.substring(0, good.length() - 1),
            "$2a$99$" + good.substring(14),
            "$2x$04$" + good.substring(14)
        }) {
            assertThatThrownBy(() -> usersFile("# users\nalice: " + bad + ", writer\n"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("user 'alice'")
                    .hasMessageContaining("not a bcrypt hash");
        }
    }

    @Test
    void hashingRefusesWhatBcryptCannotHold() {
        assertThatThrownBy(() -> BCryptCredential.hash("", 4)).hasMessageContaining("empty");
        assertThatThrownBy(() -> BCryptCredential.hash("x".repeat(73), 4)).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> BCryptCredential.hash("pw", 3)).hasMessageContaining("cost");
    }

    @Test
    void loginServiceChecksPasswordsAndReportsToTheBackoff() throws Exception {
        UsersFile users =
                usersFile("alice: " + BCryptCredential.hash("alice-pw", 4) + ", writer\nbob: bob-pw, reader\n");
        LoginBackoff backoff = new LoginBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), Ticker.systemTicker());
        UsersLoginService service = new UsersLoginService(users, backoff);

        UserIdentity alice = service.login("alice", "alice-pw", null);
        assertThat(alice).isNotNull();
        assertThat(alice.isUserInRole("writer", null)).isTrue();
        assertThat(service.login("alice", "alice-pw", null))
                .as("again, from the verified cache")
                .isNotNull();
        assertThat(service.login("bob", "bob-pw", null).isUserInRole("writer", null))
                .isFalse();
        assertThat(service.login("nobody", "alice-pw", null)).isNull();
        assertThat(service.login("alice", "wrong", null)).isNull();
        assertThat(service.login("alice", "wrong", null)).isNull();
        assertThat(service.login("alice", "wrong", null)).isNull();
        assertThat(backoff.remaining("alice", "")).as("three failures in a row").isPositive();
        assertThat(backoff.remaining("nobody", "")).as("one failure").isZero();
    }

    @Test
    void unknownRolesAndMissingPasswordsAreRefused() {
        assertThatThrownBy(() -> usersFile("alice: pw, admin\n")).hasMessageContaining("unknown role 'admin'");
        assertThatThrownBy(() -> usersFile("alice: pw\n")).hasMessageContaining("needs a password and a role");
        assertThatThrownBy(() -> usersFile("# nobody\n")).hasMessageContaining("names no users");
    }
}
