package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CatalogConfigTest {

    @Test
    void defaultsAreValid() {
        CatalogConfig c = CatalogConfig.builder("jdbc:sqlite:/tmp/x.db").build();
        assertThat(c.poolSize()).isEqualTo(8);
        assertThat(c.cacheMaxSnapshots()).isPositive();
        assertThat(c.maxLifetime()).isLessThan(Duration.ofHours(1));
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> CatalogConfig.builder("jdbc:sqlite:/tmp/x.db")
                        .poolSize(0)
                        .fetchSize(-1)
                        .connectionTimeout(Duration.ofMillis(10))
                        .cacheMaxFiles(-5)
                        .fileCheckpointMinFiles(-1)
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("poolSize must be > 0, was 0")
                .hasMessageContaining("fetchSize must be > 0, was -1")
                .hasMessageContaining("connectionTimeout must be at least 250 ms")
                .hasMessageContaining("cacheMaxFiles must be >= 0")
                .hasMessageContaining("fileCheckpointMinFiles must be >= 0, was -1");
        assertThatThrownBy(() -> CatalogConfig.builder("jdbc:oracle:thin:@x").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("names no supported database");
        assertThatThrownBy(() -> CatalogConfig.builder(" ").build()).hasMessageContaining("URL is missing");
        assertThatThrownBy(() -> CatalogConfig.builder("jdbc:sqlite:/tmp/x.db")
                        .validationTimeout(Duration.ofSeconds(20))
                        .build())
                .hasMessageContaining("validationTimeout");
    }

    @Test
    void propertiesConfigureTheCatalog() {
        Properties p = new Properties();
        p.setProperty("poolSize", "3");
        p.setProperty("cacheMaxSnapshots", "50");
        p.setProperty("fetchSize", "250");
        p.setProperty("user", "alice");
        p.setProperty("unrelated", "kept for others");
        CatalogConfig c =
                CatalogConfig.builder("jdbc:postgresql://h/db").apply(p).build();
        assertThat(c.poolSize()).isEqualTo(3);
        assertThat(c.cacheMaxSnapshots()).isEqualTo(50);
        assertThat(c.fetchSize()).isEqualTo(250);
        assertThat(c.user()).isEqualTo("alice");
        Properties bad = new Properties();
        bad.setProperty("poolSize", "many");
        assertThatThrownBy(() -> CatalogConfig.builder("jdbc:postgresql://h/db").apply(bad))
                .hasMessageContaining("poolSize='many' is not a whole number");
    }

    @Test
    void allowedLocationsAreASettingUnsetMeaningAny() {
        assertThat(CatalogConfig.builder("jdbc:sqlite:/tmp/x.db")
                        .build()
                        .allowedLocations()
                        .restricted())
                .isFalse();
        Properties p = new Properties();
        p.setProperty("allowedLocations", "/data/lake, file:/srv/delta/");
        CatalogConfig c =
                CatalogConfig.builder("jdbc:sqlite:/tmp/x.db").apply(p).build();
        assertThat(c.allowedLocations().restricted()).isTrue();
        assertThat(c.allowedLocations().toString()).isEqualTo("[/data/lake, /srv/delta]");
        p.setProperty("allowedLocations", "");
        assertThat(CatalogConfig.builder("jdbc:sqlite:/tmp/x.db")
                        .apply(p)
                        .build()
                        .allowedLocations()
                        .prefixes())
                .contains(List.of());
        assertThatThrownBy(() -> CatalogConfig.builder("jdbc:sqlite:/tmp/x.db")
                        .allowedLocations(List.of("data/lake", "/a/../b"))
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("allowedLocations")
                .hasMessageContaining("not an absolute path");
    }

    @Test
    void urlsAreNormalisedAndRedacted() {
        assertThat(CatalogConfig.builder("jdbc:deltasql:postgresql://h:5432/db")
                        .build()
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(CatalogConfig.builder("jdbc:mysql://h/db").build().jdbcUrl())
                .isEqualTo("jdbc:mysql://h/db?permitMysqlScheme");
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:mariadb://u:secret@h/db")).isEqualTo("jdbc:mariadb://u:***@h/db");
        CatalogConfig c = CatalogConfig.builder("jdbc:postgresql://h/db?password=secret")
                .password("other")
                .build();
        assertThat(c.toString()).doesNotContain("secret").doesNotContain("other");
    }

    @Test
    void embeddedDefaultIsASqliteFileInTheWorkingDirectory() {
        assertThat(CatalogConfig.embeddedDefaultUrl(null))
                .startsWith("jdbc:sqlite:/")
                .endsWith("/deltasql-catalog.db");
        assertThat(CatalogConfig.embeddedDefaultUrl("/data/cat.db")).isEqualTo("jdbc:sqlite:/data/cat.db");
        assertThat(CatalogConfig.embeddedDefaultUrl("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }
}
