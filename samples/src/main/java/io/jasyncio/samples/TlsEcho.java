package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.subprocess.Output;
import io.jasyncio.subprocess.Stdio;
import io.jasyncio.subprocess.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS echo server and client. The certificate is made on the spot by the JDK's {@code keytool},
 * run as a child process without blocking the loop; the client trusts exactly that certificate
 * and checks that it names the host it connects to.
 */
public abstract class TlsEcho {
  static final char[] PASSWORD = "changeit".toCharArray();

  /** The server's and the client's contexts for a new self-signed "localhost" certificate. */
  record Contexts(SSLContext server, SSLContext client) {}

  @Async
  static Coro<Contexts> makeCertificate(Path dir) throws IOException {
    Path store = dir.resolve("localhost.p12");
    Subprocess keytool =
        await(
            createSubprocessExec(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "1",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)),
                Stdio.DEVNULL,
                Stdio.PIPE,
                Stdio.STDOUT));
    Output said = await(keytool.communicate(null));
    if (keytool.returncode() != 0) {
      throw new IOException("keytool failed: " + new String(said.stdout(), UTF_8));
    }
    try (InputStream in = Files.newInputStream(store)) {
      return done(contexts(in));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  static Contexts contexts(InputStream keyStore) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(keyStore, PASSWORD);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("localhost", keys.getCertificate("localhost"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new Contexts(server, client);
  }

  /** Echoes each line until the client closes. */
  @Async
  static Coro<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
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

  @Async
  static Coro<List<String>> demo(Path dir, PrintStream out) throws IOException {
    Contexts tls = await(makeCertificate(dir));
    Server server = await(startServer(AsyncTlsEcho::echo, "127.0.0.1", 0, tls.server()));
    int port = server.addresses().get(0).getPort();
    Connection c = await(openConnection("localhost", port, tls.client()));
    out.println("connected with " + c.writer().getExtraInfo("cipher"));
    List<String> lines = List.of("hello", "over", "TLS");
    List<String> echoed = new java.util.ArrayList<>();
    for (String line : lines) {
      c.writer().write((line + "\n").getBytes(UTF_8));
      String back = new String(await(c.reader().readline()), UTF_8).trim();
      out.println("sent " + line + ", got " + back);
      echoed.add(back);
    }
    c.writer().close();
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(echoed);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("tls-echo");
    run(AsyncTlsEcho.demo(dir, System.out));
  }
}
