package io.jasyncio.protocols;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.DatagramEndpoint;
import io.jasyncio.transports.DatagramTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP endpoints on 127.0.0.1 (asyncio's create_datagram_endpoint). */
@Timeout(30)
abstract class DatagramTest {
  static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

  static String s(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return new String(bytes, US_ASCII);
  }

  /** Records the callbacks; {@code next} completes at each datagram or error. */
  static class Recording implements DatagramProtocol {
    final List<String> events = new ArrayList<>();
    final List<SocketAddress> senders = new ArrayList<>();
    final Future<Void> next = EventLoop.getRunningLoop().createFuture();
    final Future<Void> lost = EventLoop.getRunningLoop().createFuture();
    DatagramTransport transport;

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
      events.add("made");
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress from) {
      events.add("datagram " + s(data));
      senders.add(from);
      next.setResult(null);
    }

    @Override
    public void errorReceived(Exception error) {
      events.add("error " + error.getClass().getSimpleName());
      next.setResult(null);
    }

    @Override
    public void connectionLost(Exception error) {
      events.add("lost " + error);
      lost.setResult(null);
    }

    /** Completes at the first datagram or error. */
    Future<Void> awaitNext() {
      return next;
    }
  }

  /** Sends every datagram back to where it came from, in upper case. */
  static final class Echo extends Recording {
    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress from) {
      String text = s(data);
      events.add("datagram " + text);
      transport.sendto(text.toUpperCase().getBytes(US_ASCII), from);
    }
  }

  static InetSocketAddress local(DatagramTransport transport) {
    return (InetSocketAddress) transport.getExtraInfo("sockname");
  }

  @Async
  Coro<String> echoes() throws IOException {
    DatagramEndpoint<Echo> server = await(createDatagramEndpoint(Echo::new, ANY_PORT, null));
    InetSocketAddress serverAddress = local(server.transport());
    DatagramEndpoint<Recording> connected =
        await(createDatagramEndpoint(Recording::new, null, serverAddress));
    DatagramEndpoint<Recording> unconnected =
        await(createDatagramEndpoint(Recording::new, ANY_PORT, null));
    connected.transport().sendto("one".getBytes(US_ASCII));
    await(connected.protocol().awaitNext());
    unconnected.transport().sendto("two".getBytes(US_ASCII), serverAddress);
    await(unconnected.protocol().awaitNext());
    String peers =
        serverAddress.equals(connected.transport().getExtraInfo("peername"))
            + " " + (unconnected.transport().getExtraInfo("peername") == null)
            + " " + connected.protocol().senders.equals(List.of(serverAddress))
            + " " + unconnected.protocol().senders.equals(List.of(serverAddress));
    for (DatagramEndpoint<?> each : List.of(server, connected, unconnected)) {
      each.transport().close();
    }
    await(server.protocol().lost);
    await(connected.protocol().lost);
    await(unconnected.protocol().lost);
    return done(
        server.protocol().events + " " + connected.protocol().events + " "
            + unconnected.protocol().events + " " + peers);
  }

  @Test
  void datagramsComeBackToConnectedAndUnconnectedEndpointsWithTheirSender() throws Exception {
    assertEquals(
        "[made, datagram one, datagram two, lost null] [made, datagram ONE, lost null]"
            + " [made, datagram TWO, lost null] true true true true",
        run(echoes()));
  }

  @Async
  Coro<String> unreachable() throws IOException {
    int port;
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(ANY_PORT);
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    } // now nobody listens there
    DatagramEndpoint<Recording> c =
        await(createDatagramEndpoint(Recording::new, null, new InetSocketAddress("127.0.0.1", port)));
    c.transport().sendto("anyone?".getBytes(US_ASCII));
    await(c.protocol().awaitNext());
    boolean open = !c.transport().isClosing();
    c.transport().close();
    await(c.protocol().lost);
    return done(c.protocol().events + " " + open);
  }

  @Test
  void aConnectedEndpointHearsThatNothingListensAtItsPeerAndStaysOpen() throws Exception {
    assertEquals(
        "[made, error " + PortUnreachableException.class.getSimpleName() + ", lost null] true",
        run(unreachable()));
  }

  @Async
  Coro<String> misuse() throws IOException {
    DatagramEndpoint<Recording> server = await(createDatagramEndpoint(Recording::new, ANY_PORT, null));
    DatagramEndpoint<Recording> c =
        await(createDatagramEndpoint(Recording::new, null, local(server.transport())));
    DatagramTransport t = c.transport();
    String wrongPeer =
        assertThrows(
                IllegalArgumentException.class,
                () -> t.sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9)))
            .getMessage();
    String noAddress =
        assertThrows(IllegalArgumentException.class, () -> server.transport().sendto(new byte[1]))
            .getMessage();
    boolean broadcast =
        ((DatagramChannel) t.getExtraInfo("socket")).getOption(StandardSocketOptions.SO_BROADCAST);
    t.close();
    t.sendto("dropped".getBytes(US_ASCII)); // after close: dropped, no error
    server.transport().abort();
    await(c.protocol().lost);
    await(server.protocol().lost);
    return done(wrongPeer.startsWith("Invalid address: must be null or /127.0.0.1:") + " "
        + noAddress + " " + broadcast + " " + server.protocol().events);
  }

  @Test
  void aWrongOrMissingAddressIsRefusedBroadcastIsOffAndSendsAfterCloseAreDropped() throws Exception {
    assertEquals(
        "true an unconnected endpoint needs the address to send to false [made, lost null]",
        run(misuse()));
  }

  @Test
  void anEndpointNeedsAnAddress() {
    assertThrows(
        IllegalArgumentException.class,
        () -> run(createDatagramEndpoint(Recording::new, null, null)));
  }
}
