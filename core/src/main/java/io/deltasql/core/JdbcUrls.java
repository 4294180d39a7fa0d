package io.deltasql.core;

import java.util.regex.Pattern;

/** Normalising and redacting catalog JDBC URLs. */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private JdbcUrls() {}

    /** Removes passwords: {@code password=…} parameters and {@code user:pass@} user info. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String r = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USERINFO.matcher(r).replaceAll("$1***@");
    }

    /**
     * Accepts {@code jdbc:deltasql:<db>:…} as well as the database's own URL, and lets the MariaDB
     * driver serve {@code jdbc:mysql:} URLs.
     */
    public static String normalise(String url) {
        String u = url.trim();
        if (u.startsWith("jdbc:deltasql:")) {
            u = "jdbc:" + u.substring("jdbc:deltasql:".length());
        }
        if (u.startsWith("jdbc:mysql:") && !u.contains("permitMysqlScheme")) {
            u = u + (u.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return u;
    }
}
