package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;
import io.jasyncio.protocols.DatagramProtocol;
import io.jasyncio.transports.DatagramEndpoint;
import io.jasyncio.transports.DatagramTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * UDP request/response: a server endpoint answers each datagram "id:text" with "id:TEXT"; a client
 * endpoint sends requests and matches answers to them by id. UDP may lose a datagram, so a request
 * not answered within its timeout is sent again, at most three times. The server here drops the
 * first datagram it gets, to show the retry.
 */
public abstract class UdpRequestResponse {

  /** Upper-cases each request; drops the very first one, as a lossy network might. */
  static final class UpperServer implements DatagramProtocol {
    private DatagramTransport transport;
    private boolean droppedOne;
    int received;

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress from) {
      String request = UTF_8.decode(data).toString();
      received++;
      if (!droppedOne) {
        droppedOne = true;
        return;
      }
      int colon = request.indexOf(':');
      String answer = request.substring(0, colon + 1) + request.substring(colon + 1).toUpperCase();
      transport.sendto(answer.getBytes(UTF_8), from);
    }
  }

  /** Sends requests and completes the future waiting for each answer's id. */
  static final class Client implements DatagramProtocol {
    private final Map<Integer, Future<String>> waiting = new HashMap<>();
    private DatagramTransport transport;

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress from) {
      String answer = UTF_8.decode(data).toString();
      int colon = answer.indexOf(':');
      Future<String> waiter = waiting.remove(Integer.parseInt(answer.substring(0, colon)));
      if (waiter != null && !waiter.isDone()) {
        waiter.setResult(answer.substring(colon + 1)); // a late duplicate finds nobody waiting
      }
    }

    /** One attempt: send, and the future of the answer. */
    Future<String> send(int id, String text) {
      Future<String> answer = getRunningLoop().createFuture();
      waiting.put(id, answer);
      transport.sendto((id + ":" + text).getBytes(UTF_8));
      return answer;
    }
  }

  @Async
  static Coro<String> request(Client client, int id, String text, PrintStream out) {
    for (int attempt = 1; ; attempt++) {
      try {
        return done(await(waitFor(client.send(id, text), 0.5)));
      } catch (TimeoutError e) {
        out.println("request " + id + ": no answer to attempt " + attempt);
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Async
  static Coro<List<String>> demo(PrintStream out) throws IOException {
    DatagramEndpoint<UpperServer> server =
        await(createDatagramEndpoint(UpperServer::new, new InetSocketAddress("127.0.0.1", 0), null));
    InetSocketAddress address = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    DatagramEndpoint<Client> client = await(createDatagramEndpoint(Client::new, null, address));
    List<String> answers = new ArrayList<>();
    String[] words = {"hello", "datagram", "world"};
    for (int id = 0; id < words.length; id++) {
      String answer = await(request(client.protocol(), id, words[id], out));
      out.println("request " + id + ": " + words[id] + " -> " + answer);
      answers.add(answer);
    }
    // One more than the requests: the dropped one, plus any resent because an answer was slow.
    out.println("the server got " + server.protocol().received + " datagrams for " + words.length + " requests");
    client.transport().close();
    server.transport().close();
    return done(answers);
  }

  public static void main(String[] args) throws Exception {
    run(AsyncUdpRequestResponse.demo(System.out));
  }
}
