package io.servicequality.feedback.eventlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP pass-through on a fixed local port that can be cut and restored: the broker advertises this port, so cutting
 * it is, for the service, the broker becoming unreachable (connections drop, new ones are refused). It can also hold
 * the broker's answers while the requests still reach it: the broker writes what it is sent, the service hears nothing
 * back — a broker that froze after appending, or a network that lost the way back.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final Object answers = new Object();
    private boolean answersHeld;

    TcpProxy(int port) {
        this.port = port;
    }

    /**
     * Starts this proxy and an embedded KRaft broker behind it that advertises the proxy's port: clients bootstrap
     * through the proxy and learn only its address, so whatever the proxy does to a connection it does to the broker.
     */
    org.springframework.kafka.test.EmbeddedKafkaKraftBroker startBrokerBehind() {
        start();
        var broker = new org.springframework.kafka.test.EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + port);
        broker.afterPropertiesSet();
        // the port the broker really listens on; clients learn only the proxy's from the metadata
        String bootstrap = broker.getBrokersAsString();
        forwardTo(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)));
        return broker;
    }

    /** Where connections go; set once the target listens. */
    void forwardTo(int targetPort) {
        this.targetPort = targetPort;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    synchronized void start() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress("127.0.0.1", port));
            server = listening;
            daemon("proxy-accept-" + port, () -> accept(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses new connections and drops the open ones. */
    synchronized void cut() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
            for (Socket socket : sockets) {
                socket.close();
            }
            sockets.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on the broker's answers wait in the proxy; requests still go through. */
    void holdAnswers() {
        synchronized (answers) {
            answersHeld = true;
        }
    }

    /** The held answers (to connections still open) and every later one go through again. */
    void releaseAnswers() {
        synchronized (answers) {
            answersHeld = false;
            answers.notifyAll();
        }
    }

    private void awaitAnswersReleased() throws InterruptedException {
        synchronized (answers) {
            while (answersHeld) {
                answers.wait();
            }
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket("127.0.0.1", targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream, false);
                pipe(upstream, client, true);
            } catch (IOException e) {
                // closed by cut(), or the broker refused: either way this connection is gone
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answering) {
        daemon("proxy-pipe-" + port, () -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16384];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (answering) {
                        awaitAnswersReleased();
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // connection cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
