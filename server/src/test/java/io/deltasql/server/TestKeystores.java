package io.deltasql.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed server keystores and their clients' truststores for TLS tests, made with the JDK's keytool. */
final class TestKeystores {
    private TestKeystores() {}

    /** A PKCS12 keystore at {@code file} holding a self-signed key for 127.0.0.1 and localhost, protected by {@code password}. */
    static Path selfSigned(Path file, String password) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "deltasql",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                file.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password);
        return file;
    }

    /**
     * A PKCS12 truststore at {@code file}, protected by {@code password}, holding only the certificate of
     * {@link #selfSigned} {@code keystore}: what the README tells a client to make with keytool.
     */
    static Path truststoreFor(Path keystore, String keystorePassword, Path file, String password) throws Exception {
        Path certificate = file.resolveSibling(file.getFileName() + ".crt");
        keytool(
                "-exportcert",
                "-alias",
                "deltasql",
                "-keystore",
                keystore.toString(),
                "-storepass",
                keystorePassword,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-alias",
                "deltasql",
                "-file",
                certificate.toString(),
                "-keystore",
                file.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-noprompt");
        return file;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
