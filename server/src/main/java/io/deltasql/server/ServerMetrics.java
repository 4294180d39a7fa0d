package io.deltasql.server;

import io.deltasql.core.CatalogStats;
import io.deltasql.core.DeltaCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The server's figures in Prometheus text format: requests and their latency percentiles,
 * commits and conflicts, and — read from the catalog at scrape time, the same sources as the
 * {@code sys} tables — cache hit ratios, pool usage and mirror lag.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer requests;
    private final Counter failedRequests;
    private final Counter commits;
    private final Counter conflicts;
    private final Counter failedLogins;
    private final Counter throttledLogins;

    ServerMetrics(DeltaCatalog catalog) {
        requests = Timer.builder("deltasql_requests")
                .description("Avatica requests served")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        failedRequests = Counter.builder("deltasql_request_errors")
                .description("requests answered with an error")
                .register(registry);
        commits = Counter.builder("deltasql_commits")
                .description("Delta commits (versions) made through this server")
                .register(registry);
        conflicts = Counter.builder("deltasql_commit_conflicts")
                .description("commits refused with SQLState 40001")
                .register(registry);
        failedLogins = Counter.builder("deltasql_failed_logins")
                .description("requests refused for bad credentials")
                .register(registry);
        throttledLogins = Counter.builder("deltasql_throttled_logins")
                .description("requests refused with 429 during a login backoff, their password unchecked")
                .register(registry);
        gauge(
                "deltasql_cache_hit_ratio",
                "snapshot header cache hit ratio",
                catalog,
                c -> stats(c).snapshotHeaders().hitRatio(),
                "cache",
                "snapshot_headers");
        gauge(
                "deltasql_cache_hit_ratio",
                "file list cache hit ratio",
                catalog,
                c -> stats(c).fileLists().hitRatio(),
                "cache",
                "file_lists");
        gauge(
                "deltasql_pool_connections",
                "catalog pool connections in use",
                catalog,
                c -> stats(c).pool().active(),
                "state",
                "active");
        gauge(
                "deltasql_pool_connections",
                "catalog pool connections idle",
                catalog,
                c -> stats(c).pool().idle(),
                "state",
                "idle");
        gauge(
                "deltasql_pool_connections",
                "threads waiting for a catalog connection",
                catalog,
                c -> stats(c).pool().waiting(),
                "state",
                "waiting");
        gauge(
                "deltasql_pool_max_connections",
                "catalog pool size",
                catalog,
                c -> stats(c).pool().maximum());
        gauge(
                "deltasql_mirror_pending_versions",
                "committed versions not yet in _delta_log (mirror lag)",
                catalog,
                c -> c.pendingMirrors().size());
    }

    private void gauge(
            String name, String help, DeltaCatalog catalog, ToDoubleFunction<DeltaCatalog> value, String... tags) {
        Gauge.builder(name, catalog, c -> {
                    try {
                        return value.applyAsDouble(c);
                    } catch (RuntimeException unavailable) {
                        return Double.NaN;
                    }
                })
                .description(help)
                .tags(tags)
                .register(registry);
    }

    private static CatalogStats stats(DeltaCatalog c) {
        return c.stats();
    }

    Timer requests() {
        return requests;
    }

    void requestFailed() {
        failedRequests.increment();
    }

    void committed(int versions) {
        commits.increment(versions);
    }

    void conflict() {
        conflicts.increment();
    }

    void failedLogin() {
        failedLogins.increment();
    }

    void throttledLogin() {
        throttledLogins.increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
