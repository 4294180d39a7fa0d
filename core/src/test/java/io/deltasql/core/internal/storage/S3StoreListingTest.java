package io.deltasql.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltasql.core.testing.stores.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Listings on a real S3 server (s3proxy) that take several pages ({@code fs.s3a.paging.maximum}):
 * every page after the first follows the continuation token alone, which S3-compatible stores
 * require, and names before the start are skipped.
 */
class S3StoreListingTest {
    private final S3TestServer s3 = S3TestServer.shared();
    private final String bucket =
            "l-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);

    private Map<String, String> settings() {
        Map<String, String> values = new HashMap<>();
        values.put("fs.s3a.endpoint", s3.endpoint().toString());
        values.put("fs.s3a.access.key", s3.accessKey());
        values.put("fs.s3a.secret.key", s3.secretKey());
        values.put("fs.s3a.path.style.access", "true");
        values.put("fs.s3a.endpoint.region", s3.region());
        return values;
    }

    @Test
    void listingsFollowTheirPagesFromAnyStart() throws IOException {
        s3.createBucket(bucket);
        String log = "s3://" + bucket + "/t/_delta_log";
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            all.add(String.format("%020d.json", i));
        }
        Map<String, String> values = settings();
        values.put("fs.s3a.paging.maximum", "2");
        S3Store paged = new S3Store(StoreSettings.of(values));
        for (String name : all) {
            paged.createExclusive(log + "/" + name, "{}".getBytes(StandardCharsets.UTF_8));
        }
        paged.createExclusive(log + "/00000000000000000005.json.d/x", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(names(paged.listFrom(log + "/00000000000000000003"))).isEqualTo(all.subList(3, 9));
        assertThat(names(paged.listFrom(log + "/0"))).isEqualTo(all);
        assertThat(names(new S3Store(StoreSettings.of(settings())).listFrom(log + "/00000000000000000007")))
                .isEqualTo(all.subList(7, 9));

        values.put("fs.s3a.paging.maximum", "0");
        S3Store zero = new S3Store(StoreSettings.of(values));
        assertThatThrownBy(() -> zero.listFrom(log + "/0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fs.s3a.paging.maximum='0'");
    }

    private static List<String> names(CloseableIterator<FileStatus> listed) throws IOException {
        List<String> names = new ArrayList<>();
        try (listed) {
            while (listed.hasNext()) {
                String path = listed.next().getPath();
                names.add(path.substring(path.lastIndexOf('/') + 1));
            }
        }
        return names;
    }
}
