import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The peer of io.jasyncio.benchmarks.echo.TlsBench: the same handshakes and bulk transfer with the
 * JDK's SSLSocket, a virtual thread per connection on each side (JDK 21+).
 *
 *   java benchmarks/http/VirtualThreadTls.java localhost.p12
 */
public class VirtualThreadTls {
  static final int CLIENTS = 10, HANDSHAKES = 2_000, BULK_MB = 512;

  public static void main(String[] args) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
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
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int round = 0; round < 4; round++) {
        double[] r = measure(server, client, threads);
        System.out.printf("virtual threads TLS round %d: handshakes/s=%.0f bulk_MB/s=%.0f%n", round, r[0], r[1]);
      }
    }
  }

  static double[] measure(SSLContext server, SSLContext client, ExecutorService threads) throws Exception {
    double perSecond;
    try (SSLServerSocket listening =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
      int port = listening.getLocalPort();
      Future<?> acceptor = threads.submit(() -> {
        for (int i = 0; i < HANDSHAKES; i++) {
          SSLSocket s = (SSLSocket) listening.accept();
          threads.submit(() -> { try (s) { s.startHandshake(); s.getInputStream().read(); } return null; });
        }
        return null;
      });
      long t0 = System.nanoTime();
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(threads.submit(() -> {
          for (int i = 0; i < HANDSHAKES / CLIENTS; i++) {
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
              var p = s.getSSLParameters();
              p.setEndpointIdentificationAlgorithm("HTTPS");
              s.setSSLParameters(p);
              s.startHandshake();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
      perSecond = HANDSHAKES / ((System.nanoTime() - t0) / 1e9);
      acceptor.get();
    }
    double mbPerSecond;
    try (SSLServerSocket listening =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Future<Long> counted = threads.submit(() -> {
        try (SSLSocket s = (SSLSocket) listening.accept()) {
          InputStream in = s.getInputStream();
          byte[] buffer = new byte[1 << 20];
          long total = 0;
          for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
          }
          return total;
        }
      });
      byte[] chunk = new byte[1 << 20];
      long t1 = System.nanoTime();
      try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", listening.getLocalPort())) {
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < BULK_MB; i++) {
          out.write(chunk);
        }
        out.flush();
        s.shutdownOutput(); // not supported on SSLSocket: close instead
      } catch (UnsupportedOperationException e) {
        // closed by try-with-resources
      }
      long total = counted.get();
      mbPerSecond = BULK_MB / ((System.nanoTime() - t1) / 1e9);
      if (total != (long) BULK_MB << 20) {
        throw new IllegalStateException("counted " + total);
      }
    }
    return new double[] {perSecond, mbPerSecond};
  }
}
