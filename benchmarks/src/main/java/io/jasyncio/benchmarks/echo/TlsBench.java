package io.jasyncio.benchmarks.echo;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on one loop, server and clients: handshakes per second (10 clients at once, each connecting,
 * handshaking and closing in turn) and bulk throughput (one connection, 1 MiB writes, the server
 * reading and counting). {@code benchmarks/http/VirtualThreadTls.java} does the same with
 * SSLSocket on virtual threads. The key store (PKCS12, password "changeit", a key "localhost") is
 * made by {@code benchmarks/http/tls-compare.sh}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.echo.TlsBench localhost.p12
 * </pre>
 */
public abstract class TlsBench {
  static final int CLIENTS = 10;
  static final int HANDSHAKES = 2_000;
  static final int BULK_MB = 512;

  @Async
  static Coro<Void> countBytes(StreamReader reader, StreamWriter writer) throws IOException {
    long total = 0;
    long expected = (long) BULK_MB << 20; // TLS has no half-close: the client waits for the count
    while (total < expected) {
      byte[] data = await(reader.read(1 << 20));
      if (data.length == 0) {
        break;
      }
      total += data.length;
    }
    writer.write(Long.toString(total).concat("\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Async
  static Coro<Void> quiet(StreamReader reader, StreamWriter writer) {
    writer.close();
    return done();
  }

  @Async
  static Coro<Integer> handshakeLoop(int port, SSLContext client, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Connection c = await(openConnection("localhost", port, client));
      c.writer().close();
      await(c.writer().waitClosed());
    }
    return done(count);
  }

  @Async
  static Coro<double[]> measure(SSLContext server, SSLContext client) throws IOException {
    Server handshakes = await(startServer(AsyncTlsBench::quiet, "127.0.0.1", 0, server));
    int port = handshakes.addresses().get(0).getPort();
    List<Coro<Integer>> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(handshakeLoop(port, client, HANDSHAKES / CLIENTS));
    }
    long t0 = System.nanoTime();
    await(gather(clients));
    double perSecond = HANDSHAKES / ((System.nanoTime() - t0) / 1e9);
    handshakes.close();

    Server bulk = await(startServer(AsyncTlsBench::countBytes, "127.0.0.1", 0, server));
    Connection c = await(openConnection("localhost", bulk.addresses().get(0).getPort(), client));
    byte[] chunk = new byte[1 << 20];
    long t1 = System.nanoTime();
    for (int i = 0; i < BULK_MB; i++) {
      c.writer().write(chunk);
      await(c.writer().drain());
    }
    String counted = new String(await(c.reader().readline())).trim();
    c.writer().close();
    double mbPerSecond = BULK_MB / ((System.nanoTime() - t1) / 1e9);
    bulk.close();
    if (Long.parseLong(counted) != (long) BULK_MB << 20) {
      throw new IllegalStateException("the server counted " + counted);
    }
    return done(new double[] {perSecond, mbPerSecond});
  }

  static SSLContext[] contexts(Path store) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("localhost", keys.getCertificate("localhost"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new SSLContext[] {server, client};
  }

  public static void main(String[] args) throws Exception {
    SSLContext[] tls = contexts(Path.of(args[0]));
    for (int round = 0; round < 4; round++) {
      double[] r = run(AsyncTlsBench.measure(tls[0], tls[1]));
      System.out.printf("jasyncio TLS round %d: handshakes/s=%.0f bulk_MB/s=%.0f%n", round, r[0], r[1]);
    }
  }
}
