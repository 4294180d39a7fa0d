package io.deltasql.core.testing.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real TCP proxy on a free loopback port in front of an HTTP store (an {@link S3TestServer} or
 * {@link AzuriteTestServer}), which a test switches at any time to make the store misbehave: {@link #pass},
 * {@link #refuse}, {@link #delay} or {@link #fail503}. It reads the requests it forwards (HTTP/1.1 heads and
 * bodies, by Content-Length or chunked), so it can count them and answer one with 503 on a connection that
 * had passed requests before. One thread per direction of each connection, all daemons.
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy does with the connections and requests it gets. */
    public enum Mode {
        /** Forwards bytes both ways. */
        PASS,
        /** Closes each new connection as soon as it is accepted; switching to it closes the open ones too. */
        REFUSE,
        /** Waits {@link #delay()} before serving each new connection and before forwarding each request chunk. */
        DELAY,
        /** Answers each request with {@code 503 Service Unavailable}, an empty body and {@code Connection: close}. */
        FAIL_503
    }

    private final URI target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private FaultProxy(URI target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    /** A proxy in front of {@code target} (an {@code http://host:port/...} endpoint), passing everything. */
    public static FaultProxy start(URI target) {
        if (!"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException("a FaultProxy forwards to http://host:port endpoints, not " + target);
        }
        ServerSocket server;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
        FaultProxy proxy = new FaultProxy(target, server);
        Thread acceptor = new Thread(proxy::acceptConnections, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The target endpoint with the proxy's host and port: the URL the client under test should use. */
    public URI endpoint() {
        try {
            return new URI(
                    target.getScheme(),
                    target.getUserInfo(),
                    server.getInetAddress().getHostAddress(),
                    server.getLocalPort(),
                    target.getPath(),
                    target.getQuery(),
                    target.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot put the proxy's address in " + target, e);
        }
    }

    public void pass() {
        mode = Mode.PASS;
    }

    /** Refuses new connections and closes the open ones. */
    public void refuse() {
        mode = Mode.REFUSE;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Delays each new connection and each forwarded request chunk by {@code delay}. */
    public void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        this.delay = delay;
        mode = Mode.DELAY;
    }

    public void fail503() {
        mode = Mode.FAIL_503;
    }

    public Mode mode() {
        return mode;
    }

    /** The delay of {@link Mode#DELAY}, when it is the mode. */
    public Duration delay() {
        return delay;
    }

    /** HTTP requests read from clients so far, whatever was done with them. */
    public long requests() {
        return requests.get();
    }

    /** Connections accepted so far, refused ones included. */
    public long connections() {
        return connections.get();
    }

    /** Stops listening and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptConnections() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.incrementAndGet();
            if (mode == Mode.REFUSE) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            Thread handler = new Thread(
                    new ProxiedConnection(this, client), "fault-proxy-" + server.getLocalPort() + "-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    /** Opens a connection to the target, tracked so that {@link #refuse} and {@link #close} close it. */
    Socket connectToTarget() throws IOException {
        Socket socket = new Socket();
        open.add(socket);
        socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
        return socket;
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    /** Sleeps for the delay while the mode is {@link Mode#DELAY}. */
    void pauseIfDelaying() throws IOException {
        if (mode != Mode.DELAY) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying a connection", e);
        }
    }

    void forget(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing to end the connection: it is ended either way.
        }
    }
}
