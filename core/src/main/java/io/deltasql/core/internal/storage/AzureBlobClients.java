package io.deltasql.core.internal.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Blob service clients of the accounts a store's paths name, one per account host, built from
 * the catalog's {@link StoreSettings}: the endpoint, then the credential: the account key, else the
 * SAS token, else Azure's default credential chain. All share one JDK HTTP client.
 */
final class AzureBlobClients {
    static final String KEY_PREFIX = "fs.azure.account.key.";
    static final String SAS_PREFIX = "fs.azure.sas.fixed.token.";
    static final String SAS_ANY_ACCOUNT = "fs.azure.sas.fixed.token";
    static final String ENDPOINT_PREFIX = "fs.azure.blob.endpoint.";

    /** Hadoop ABFS's name for how often a failed request (unreachable, 5xx, throttled) is sent again. */
    static final String RETRIES = "fs.azure.io.retry.max.retries";

    private static final int DEFAULT_RETRIES = 3;
    private static final int MOST_RETRIES = 30;

    private final StoreSettings settings;
    private final RequestRetryOptions retries;
    private final HttpClient http = new JdkHttpClientBuilder().build();
    private final ConcurrentMap<String, BlobServiceClient> services = new ConcurrentHashMap<>();
    private volatile TokenCredential defaultCredential;

    AzureBlobClients(StoreSettings settings) {
        this.settings = settings;
        this.retries = retryOptions(settings);
    }

    /**
     * Exponential waits of 1, 3, 7, … seconds (at most 10) between tries: the SDK's own (4, 12, 28, …)
     * keep a catalog statement three quarters of a minute on an unreachable endpoint.
     */
    private static RequestRetryOptions retryOptions(StoreSettings settings) {
        int count = DEFAULT_RETRIES;
        Optional<String> given = settings.get(RETRIES);
        if (given.isPresent()) {
            try {
                count = Integer.parseInt(given.get());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0 || count > MOST_RETRIES) {
                throw new IllegalArgumentException(
                        RETRIES + " must be a number from 0 to " + MOST_RETRIES + ", not " + given.get());
            }
        }
        return new RequestRetryOptions(
                RetryPolicyType.EXPONENTIAL,
                count + 1,
                (Duration) null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                null);
    }

    /** The setting an error message asks for when the account has no key. */
    static String keySetting(AzureLocation location) {
        return KEY_PREFIX + location.account() + ".dfs."
                + location.endpointSuffix().orElse("core.windows.net");
    }

    static String sasSetting(AzureLocation location) {
        return SAS_PREFIX + location.account() + ".dfs."
                + location.endpointSuffix().orElse("core.windows.net");
    }

    BlobContainerClient container(AzureLocation location) {
        return services.computeIfAbsent(location.host().toLowerCase(Locale.ROOT), h -> service(location))
                .getBlobContainerClient(location.container());
    }

    private BlobServiceClient service(AzureLocation location) {
        String endpoint = endpoint(location);
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(endpoint)
                .httpClient(http)
                .retryOptions(retries)
                .addPolicy(new BufferedErrorResponses());
        Optional<String> key = perAccount(location, KEY_PREFIX);
        Optional<String> sas = perAccount(location, SAS_PREFIX).or(() -> settings.get(SAS_ANY_ACCOUNT));
        if (key.isPresent()) {
            builder.credential(new StorageSharedKeyCredential(location.account(), checkedKey(location, key.get())));
        } else if (sas.isPresent()) {
            builder.sasToken(sas.get().startsWith("?") ? sas.get().substring(1) : sas.get());
        } else if (endpoint.toLowerCase(Locale.ROOT).startsWith("https://")) {
            builder.credential(defaultCredential());
        } else {
            // The SDK sends tokens over HTTPS only; an emulator's http endpoint needs a key or SAS token.
            throw new IllegalArgumentException("the Blob endpoint " + endpoint + " of account " + location.account()
                    + " is plain http, where Azure credentials other than keys are not sent; give "
                    + keySetting(location) + " or " + sasSetting(location));
        }
        return builder.buildClient();
    }

    /**
     * {@code fs.azure.blob.endpoint.<account>} when given (an emulator or a private endpoint), else
     * {@code https://<account>.blob.<suffix>} for the location's {@code dfs} or {@code blob} host.
     */
    private String endpoint(AzureLocation location) {
        String key = ENDPOINT_PREFIX + location.account();
        Optional<String> given = settings.get(key);
        if (given.isPresent()) {
            String endpoint = given.get();
            try {
                URI uri = new URI(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException(key + " must be an http or https URL, not " + endpoint);
                }
                if (uri.getRawQuery() != null) {
                    throw new IllegalArgumentException(
                            key + " must not carry a query; give a SAS token in " + sasSetting(location));
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(key + " is not a URL: " + e.getReason(), e);
            }
            return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        }
        String suffix = location.endpointSuffix()
                .orElseThrow(() -> new IllegalArgumentException("no Blob endpoint known for host " + location.host()
                        + " of " + location.uri() + ": use <account>.dfs.core.windows.net or "
                        + "<account>.blob.core.windows.net, or give " + key));
        return "https://" + location.account() + ".blob." + suffix;
    }

    /** The account's value of a per-account setting, under any of the account's host names. */
    private Optional<String> perAccount(AzureLocation location, String prefix) {
        for (String host : location.settingHosts()) {
            Optional<String> value = settings.get(prefix + host);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** An account key is Base64; a wrong one is named by its setting, never shown. */
    private static String checkedKey(AzureLocation location, String key) {
        try {
            Base64.getDecoder().decode(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the account key given for account " + location.account() + " (" + KEY_PREFIX + "…) is not Base64");
        }
    }

    private TokenCredential defaultCredential() {
        TokenCredential credential = defaultCredential;
        if (credential == null) {
            synchronized (this) {
                credential = defaultCredential;
                if (credential == null) {
                    credential =
                            new DefaultAzureCredentialBuilder().httpClient(http).build();
                    defaultCredential = credential;
                }
            }
        }
        return credential;
    }
}
