package io.jasyncio.streams;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS streams on 127.0.0.1 with a certificate for "localhost" that the test makes with the JDK's
 * keytool: against each other, against the JDK's SSLSocket both ways, and the failures a client
 * must see (untrusted, wrong name, a server that never answers the handshake).
 */
@Timeout(60)
abstract class TlsTest {
  static final char[] PASSWORD = "changeit".toCharArray();
  static SSLContext server;
  static SSLContext client;
  static SSLContext trustsNothing;

  @BeforeAll
  static void makeCertificate(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("localhost.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
    String said = new String(keytool.getInputStream().readAllBytes(), US_ASCII);
    assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, said);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("localhost", keys.getCertificate("localhost"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    trustsNothing = SSLContext.getDefault(); // the JDK's CAs: a self-made certificate is not among them
  }

  /** Echoes lines until the client closes. */
  @Async
  Coro<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          break;
        }
        writer.write(line);
        await(writer.drain());
      }
    } finally {
      writer.close();
    }
    return done();
  }

  static int port(Server s) {
    return s.addresses().get(0).getPort();
  }

  @Async
  Coro<String> echoOverTls() throws IOException {
    Server s = await(startServer(this::echo, "127.0.0.1", 0, server));
    Connection c = await(openConnection("localhost", port(s), client));
    c.writer().write("hello over tls\n".getBytes(US_ASCII));
    String back = new String(await(c.reader().readline()), US_ASCII).trim();
    byte[] big = new byte[200_000]; // 20 lines of 10,000 bytes: many TLS records each way
    java.util.Arrays.fill(big, (byte) 'x');
    for (int i = 9_999; i < big.length; i += 10_000) {
      big[i] = '\n';
    }
    c.writer().write(big);
    await(c.writer().drain());
    byte[] bigAnswer = await(c.reader().readexactly(big.length));
    int bigBack = java.util.Arrays.equals(big, bigAnswer) ? bigAnswer.length : -1;
    String cipher = (String) c.writer().getExtraInfo("cipher");
    X509Certificate cert = (X509Certificate) c.writer().getExtraInfo("peercert");
    c.writer().close();
    await(c.writer().waitClosed());
    s.close();
    await(s.waitClosed());
    return done(back + " " + bigBack + " " + (cipher != null) + " " + cert.getSubjectX500Principal().getName());
  }

  @Test
  void linesAndALargeMessageGoBothWaysOverTls() throws Exception {
    assertEquals("hello over tls 200000 true CN=localhost", run(echoOverTls()));
  }

  /** A plain-text protocol that switches to TLS when the client asks (as SMTP's STARTTLS). */
  @Async
  Coro<Void> upgradingServer(StreamReader reader, StreamWriter writer) throws IOException {
    String ask = new String(await(reader.readline()), US_ASCII).trim();
    writer.write((ask.equals("STARTTLS") ? "GO\n" : "NO\n").getBytes(US_ASCII));
    await(writer.drain());
    await(writer.startTlsAsServer(server));
    byte[] line = await(reader.readline());
    writer.write(("tls:" + new String(line, US_ASCII)).getBytes(US_ASCII));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Async
  Coro<String> startTlsOnALiveConnection() throws IOException {
    Server s = await(startServer(this::upgradingServer, "127.0.0.1", 0));
    Connection c = await(openConnection("127.0.0.1", port(s)));
    boolean plainFirst = c.writer().getExtraInfo("cipher") == null;
    c.writer().write("STARTTLS\n".getBytes(US_ASCII));
    String go = new String(await(c.reader().readline()), US_ASCII).trim();
    await(c.writer().startTls(client, "localhost"));
    c.writer().write("secret\n".getBytes(US_ASCII));
    String back = new String(await(c.reader().readline()), US_ASCII).trim();
    boolean tlsAfter = c.writer().getExtraInfo("cipher") != null;
    c.writer().close();
    s.close();
    return done(plainFirst + " " + go + " " + back + " " + tlsAfter);
  }

  @Test
  void startTlsUpgradesALivePlainConnection() throws Exception {
    assertEquals("true GO tls:secret true", run(startTlsOnALiveConnection()));
  }

  @Async
  Coro<String> jdkClient() throws IOException {
    Server s = await(startServer(this::echo, "127.0.0.1", 0, server));
    int port = port(s);
    String answer =
        await(
            toThread(
                () -> {
                  try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write("from SSLSocket\n".getBytes(US_ASCII));
                    out.flush();
                    return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII)).readLine();
                  }
                }));
    s.close();
    return done(answer);
  }

  @Test
  void theJdksSslSocketTalksToATlsServer() throws Exception {
    assertEquals("from SSLSocket", run(jdkClient()));
  }

  @Async
  Coro<String> againstJdkServer(SSLServerSocket listening) throws IOException {
    Connection c = await(openConnection("localhost", listening.getLocalPort(), client));
    c.writer().write("to SSLServerSocket\n".getBytes(US_ASCII));
    String back = new String(await(c.reader().readline()), US_ASCII).trim();
    c.writer().close();
    return done(back);
  }

  @Test
  void aTlsClientTalksToTheJdksSslServerSocket() throws Exception {
    try (SSLServerSocket listening =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                  String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII)).readLine();
                  socket.getOutputStream().write((line.toUpperCase() + "\n").getBytes(US_ASCII));
                  socket.getOutputStream().flush();
                } catch (IOException ignored) {
                  // the test sees it
                }
              });
      peer.setDaemon(true);
      peer.start();
      assertEquals("TO SSLSERVERSOCKET", run(againstJdkServer(listening)));
      peer.join(10_000);
    }
  }

  @Async
  Coro<String> failingHandshake(String host, SSLContext context, double timeout, boolean plainServer)
      throws IOException {
    Server s =
        plainServer
            ? await(startServer((r, w) -> sleep(3600), "127.0.0.1", 0))
            : await(startServer(this::echo, "127.0.0.1", 0, server));
    try {
      await(openConnection(host, port(s), context, timeout));
      return done("connected");
    } catch (SSLHandshakeException e) {
      return done(e.getMessage());
    } finally {
      s.close();
      s.abortClients();
    }
  }

  @Test
  void anUntrustedCertificateFailsTheHandshake() throws Exception {
    String message = run(failingHandshake("localhost", trustsNothing, 30, false));
    assertTrue(message.contains("PKIX") || message.contains("certification path"), message);
  }

  @Test
  void aCertificateForAnotherNameFailsTheHandshake() throws Exception {
    String message = run(failingHandshake("127.0.0.1", client, 30, false));
    assertTrue(message.contains("127.0.0.1"), message);
  }

  @Test
  void aServerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
    assertEquals(
        "TLS handshake timed out after 0.2 s", run(failingHandshake("localhost", client, 0.2, true)));
  }
}
