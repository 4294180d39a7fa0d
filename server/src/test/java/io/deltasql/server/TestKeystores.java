package io.deltasql.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed server keystores for TLS tests, made with the JDK's keytool. */
final class TestKeystores {
    private TestKeystores() {
    }

    /** A PKCS12 keystore at {@code file} holding a self-signed key for 127.0.0.1 and localhost, protected by {@code password}. */
    static Path selfSigned(Path file, String password) throws Exception {
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "deltasql", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return file;
    }
}
