import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The peer of io.jasyncio.benchmarks.echo.HttpServerMain: the same keep-alive HTTP/1.1 server,
 * written the blocking way with a virtual thread per connection (JDK 21+).
 *
 *   java benchmarks/http/VirtualThreadHttpServer.java 8081
 */
public class VirtualThreadHttpServer {
  static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!")
          .getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
    try (ServerSocket listening = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      System.out.println("virtual-thread HTTP server on " + listening.getLocalSocketAddress());
      while (true) {
        Socket socket = listening.accept();
        threads.submit(() -> serve(socket));
      }
    }
  }

  static Void serve(Socket socket) throws IOException {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = socket.getOutputStream();
      int matched = 0;
      for (int b; (b = in.read()) >= 0; ) {
        if (b == (matched % 2 == 0 ? '\r' : '\n')) {
          if (++matched == 4) {
            matched = 0;
            out.write(RESPONSE); // one write per request, as the jasyncio server
          }
        } else {
          matched = b == '\r' ? 1 : 0;
        }
      }
    }
    return null;
  }
}
