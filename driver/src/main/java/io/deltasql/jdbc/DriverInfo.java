package io.deltasql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version, from the properties the build writes next to this class. */
public final class DriverInfo {
    public static final String NAME = "deltasql JDBC driver";
    public static final String VERSION = load();
    public static final int MAJOR = part(0);
    public static final int MINOR = part(1);

    private DriverInfo() {}

    // Not core's DeltaSqlVersion: the remote-only driver jar carries this class without core.
    private static String load() {
        try (InputStream in = DriverInfo.class.getResourceAsStream("deltasql-driver.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static int part(int index) {
        String[] s = VERSION.split("[.-]");
        try {
            return s.length > index ? Integer.parseInt(s[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
