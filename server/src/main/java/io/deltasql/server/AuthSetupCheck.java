package io.deltasql.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses set-ups that give passwords away before the server starts: a users file other local
 * accounts can read (its hashes can be guessed offline), and BASIC authentication, which sends
 * the password with every request, in clear over plain HTTP to a non-loopback address. Each can
 * be allowed explicitly, for file systems whose own access control protects the file, or a
 * TLS-terminating proxy on the same host.
 */
final class AuthSetupCheck {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private AuthSetupCheck() {}

    /** The users file must be readable and writable by its owner only; not checked where the file system has no POSIX modes. */
    static void requirePrivateUsersFile(Path usersFile, boolean allowInsecure) {
        if (allowInsecure) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(usersFile);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + usersFile + ": " + e, e);
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalArgumentException("the users file " + usersFile + " is accessible to other accounts (mode "
                    + PosixFilePermissions.toString(perms) + "); run chmod 600 " + usersFile
                    + ", or give --allow-insecure-users-file");
        }
    }

    /** BASIC authentication on plain HTTP is only served on a loopback address, unless allowed. */
    static void requireTlsForRemoteBasicAuth(
            boolean users, boolean tls, String bind, boolean loopback, boolean allowPlainHttp) {
        if (users && !tls && !loopback && !allowPlainHttp) {
            throw new IllegalArgumentException(
                    "--users on --bind " + bind + " without --keystore would send passwords in clear "
                            + "text over HTTP; give --keystore, bind to a loopback address, or give --allow-plain-http-auth "
                            + "(e.g. behind a TLS-terminating proxy on this host)");
        }
    }
}
