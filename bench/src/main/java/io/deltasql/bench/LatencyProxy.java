package io.deltasql.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of the S3 server that holds each request for a fixed time before
 * passing it on: one network round trip of {@code delayMs} per request, as a client in one region
 * sees its store. (Linux's {@code tc netem} would do the same in the kernel; the kernels the bench
 * runs on here have no netem.) A request is the first bytes a client sends after the server last
 * answered on that connection, so a request's body and a kept-alive connection's next request are
 * counted as S3 sees them.
 */
final class LatencyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    private LatencyProxy(ServerSocket server, InetSocketAddress target, long delayNanos) {
        this.server = server;
        this.target = target;
        this.delayNanos = delayNanos;
    }

    static LatencyProxy start(URI target, int delayMs) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        LatencyProxy proxy = new LatencyProxy(
                server,
                new InetSocketAddress(target.getHost(), target.getPort()),
                TimeUnit.MILLISECONDS.toNanos(delayMs));
        Thread accept = new Thread(proxy::acceptLoop, "latency-proxy-accept");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    long requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                AtomicBoolean answered = new AtomicBoolean(true);
                pump(client, upstream, answered, true);
                pump(upstream, client, answered, false);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("latency proxy: " + e);
                }
            }
        }
    }

    /** Copies {@code from} to {@code to}; requests (client to server) wait first, answers mark the next request. */
    private void pump(Socket from, Socket to, AtomicBoolean answered, boolean request) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            if (request && answered.getAndSet(false)) {
                                requests.incrementAndGet();
                                TimeUnit.NANOSECONDS.sleep(delayNanos);
                            } else if (!request) {
                                answered.set(true);
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException ignored) {
                        // The other side closed; the finally below closes both.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                request ? "latency-proxy-request" : "latency-proxy-answer");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
