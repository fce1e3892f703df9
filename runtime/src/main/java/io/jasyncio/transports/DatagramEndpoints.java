package io.jasyncio.transports;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.protocols.DatagramProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;

/** UDP endpoints: {@link AsyncIO#createDatagramEndpoint}. */
public final class DatagramEndpoints {
  private DatagramEndpoints() {}

  /**
   * Opens a UDP endpoint (asyncio's {@code loop.create_datagram_endpoint}): bound to {@code local}
   * if given (port 0: a free port; see {@code getExtraInfo("sockname")}), connected to {@code
   * remote} if given (it then receives only from there, sends there by default, and hears of
   * {@link java.net.PortUnreachableException}s), and fed to a protocol made by {@code
   * protocolFactory}, whose {@link DatagramProtocol#connectionMade} has run when the coroutine
   * completes. Broadcast is off ({@code SO_BROADCAST}) unless {@code allowBroadcast}. Addresses
   * must be resolved ({@code new InetSocketAddress(host, port)} resolves at once, off the loop
   * when made off the loop).
   *
   * @throws IOException (when awaited) if the socket cannot be opened, bound or connected
   * @throws IllegalArgumentException if both addresses are null, or one is unresolved
   */
  public static <P extends DatagramProtocol> Coro<DatagramEndpoint<P>> create(
      Supplier<P> protocolFactory,
      InetSocketAddress local,
      InetSocketAddress remote,
      boolean allowBroadcast)
      throws IOException {
    if (protocolFactory == null) {
      throw new IllegalArgumentException("protocolFactory must not be null");
    }
    if (local == null && remote == null) {
      throw new IllegalArgumentException("a local or a remote address is required");
    }
    for (InetSocketAddress address : new InetSocketAddress[] {local, remote}) {
      if (address != null && address.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address: " + address);
      }
    }
    EventLoop loop = EventLoop.getRunningLoop();
    return new Coro<>() {
      // Opened when awaited, in the awaiting task, as asyncio opens it inside the coroutine.
      @Override
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        return open(loop, protocolFactory, local, remote, allowBroadcast);
      }

      @Override
      protected StackTraceElement $where() {
        return new StackTraceElement(
            DatagramEndpoints.class.getName(), "createDatagramEndpoint", null, -1);
      }
    };
  }

  private static <P extends DatagramProtocol> DatagramEndpoint<P> open(
      EventLoop loop,
      Supplier<P> protocolFactory,
      InetSocketAddress local,
      InetSocketAddress remote,
      boolean allowBroadcast)
      throws IOException {
    InetSocketAddress any = local != null ? local : remote;
    StandardProtocolFamily family =
        any.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6
            : StandardProtocolFamily.INET;
    DatagramChannel channel = DatagramChannel.open(family);
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.SO_BROADCAST, allowBroadcast);
      if (local != null) {
        channel.bind(local);
      }
      if (remote != null) {
        channel.connect(remote);
      }
      P protocol = protocolFactory.get();
      if (protocol == null) {
        throw new NullPointerException("the protocol factory returned null");
      }
      SelectorDatagramTransport transport =
          new SelectorDatagramTransport(loop, channel, remote, protocol);
      transport.start();
      return new DatagramEndpoint<>(transport, protocol);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
