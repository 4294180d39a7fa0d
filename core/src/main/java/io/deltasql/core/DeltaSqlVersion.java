package io.deltasql.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, and the {@code engineInfo} deltasql writes into every commitInfo. */
public final class DeltaSqlVersion {
    public static final String VERSION = load();
    public static final String ENGINE_INFO = "deltasql/" + VERSION;

    private DeltaSqlVersion() {}

    private static String load() {
        try (InputStream in = DeltaSqlVersion.class.getResourceAsStream("deltasql-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
