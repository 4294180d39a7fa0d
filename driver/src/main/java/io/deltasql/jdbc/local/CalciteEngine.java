package io.deltasql.jdbc.local;

import io.deltasql.calcite.DeltaSqlPrepare;
import io.deltasql.jdbc.DriverInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.Driver;

/**
 * Calcite's driver as deltasql's SQL engine: never registered with DriverManager and never given a
 * URL by a user; it only opens the Calcite connections {@link CalciteConnector} dresses.
 */
final class CalciteEngine extends Driver {
    /** The prefix the engine's own connections are opened with; users never see it. */
    private static final String PREFIX = "jdbc:deltasql-engine:";

    CalciteEngine() {
        super(DeltaSqlPrepare::new);
    }

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        return LocalMetadata.createMeta(connection);
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion(
                DriverInfo.NAME,
                DriverInfo.VERSION,
                "deltasql",
                DriverInfo.VERSION,
                true,
                DriverInfo.MAJOR,
                DriverInfo.MINOR,
                DriverInfo.MAJOR,
                DriverInfo.MINOR);
    }

    Connection open() throws SQLException {
        return connect(PREFIX, calciteProperties());
    }

    /**
     * SQL as data engineers expect from PostgreSQL: unquoted names fold to lower case and match
     * case-insensitively, double quotes for identifiers (Calcite's default, as is leaving quoted
     * names unchanged), timestamps in UTC. Calcite reads its settings by parsing these properties
     * again on every access, several times per statement execution, and matches their names
     * ignoring case: so only what differs from its defaults is given, in upper case, which its
     * parse neither copies nor hashes again.
     */
    private static Properties calciteProperties() {
        Properties p = new Properties();
        p.setProperty("UNQUOTEDCASING", "TO_LOWER");
        p.setProperty("CASESENSITIVE", "false");
        p.setProperty("TIMEZONE", "UTC");
        p.setProperty("FUN", "standard,postgresql");
        return p;
    }
}
