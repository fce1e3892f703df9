package io.jasyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The I/O half of an event loop: a {@link Selector} (epoll on Linux) and the reader and writer
 * callbacks registered on it, as CPython's {@code BaseSelectorEventLoop} keeps them.
 *
 * <p>The selector is opened when the first channel is registered, and the loop polls it only while
 * some channel has a callback: a loop without I/O parks its thread instead and makes no system call
 * per iteration. Each channel has one {@link SelectionKey} whose attachment is its {@link
 * Registration}; removing the last callback sets the key's interest to zero rather than cancelling
 * it, so that a channel whose reading is paused and resumed never meets a cancelled key the
 * selector has not flushed yet.
 *
 * <p>Guard against the JDK's selector spin (a select that keeps returning at once with nothing
 * selected): after {@value #SPIN_THRESHOLD} such returns in a row, the selector is replaced by a new
 * one with the same registrations, as Netty does.
 *
 * <p>Loop thread only, except {@link #wakeup()}.
 */
final class ChannelSelector {
  static final int SPIN_THRESHOLD = 512;

  private final EventLoop loop;
  private volatile Selector selector;
  /** Channels with at least one callback. */
  private int active;
  private int prematureReturns;
  private volatile int rebuilds;
  /** Where selected keys are handed, set per poll: a field, so that polling allocates nothing. */
  private final Consumer<SelectionKey> onSelected = this::selected;

  /** A channel lost its last callback since the selector was last polled (see dropClosedKeys). */
  private boolean unwatchedSinceFlush;

  ChannelSelector(EventLoop loop) {
    this.loop = loop;
  }

  /** Whether the loop must poll the selector: some channel has a callback. */
  boolean inUse() {
    return active > 0;
  }

  /** How many times the spin guard replaced the selector (for tests and diagnostics). */
  int rebuilds() {
    return rebuilds;
  }

  Selector selectorForTest() {
    return selector;
  }

  // ---------------------------------------------------------------------------------------------
  // Registration

  void add(SelectableChannel channel, boolean writer, Handle handle) {
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          "channel is in blocking mode; call configureBlocking(false) before registering it: "
              + channel);
    }
    if (!channel.isOpen()) {
      throw new IllegalArgumentException("channel is closed: " + channel);
    }
    Selector current = open();
    SelectionKey key = channel.keyFor(current);
    Registration registration;
    if (key == null) {
      registration = new Registration();
      try {
        key = channel.register(current, 0, registration);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot register channel " + channel + ": " + e, e);
      }
    } else {
      registration = (Registration) key.attachment();
    }
    boolean wasActive = registration.reader != null || registration.writer != null;
    Handle previous;
    if (writer) {
      previous = registration.writer;
      registration.writer = handle;
    } else {
      previous = registration.reader;
      registration.reader = handle;
    }
    if (previous != null) {
      previous.cancel();
    }
    if (!wasActive) {
      active++;
    }
    updateInterest(channel, key, registration);
  }

  boolean remove(SelectableChannel channel, boolean writer) {
    Selector current = selector;
    if (current == null) {
      return false;
    }
    SelectionKey key = channel.keyFor(current);
    if (key == null) {
      return false;
    }
    Registration registration = (Registration) key.attachment();
    Handle handle = writer ? registration.writer : registration.reader;
    if (handle == null) {
      return false;
    }
    handle.cancel();
    if (writer) {
      registration.writer = null;
    } else {
      registration.reader = null;
    }
    if (registration.reader == null && registration.writer == null) {
      active--;
      unwatchedSinceFlush = true;
    }
    updateInterest(channel, key, registration);
    if (!key.isValid()) {
      // The channel was closed before its last callback went: the system closes it only when the
      // selector drops the key, so drop it now (a listening socket would take connections until).
      pollNow();
    }
    return true;
  }

  /**
   * A channel closed while registered is closed for the system only when the selector next drops
   * its key. With no callback left, the loop does not poll; so this drops such keys now, or a
   * closed listening socket would go on taking connections into its backlog.
   */
  void dropClosedKeys() {
    if (!unwatchedSinceFlush || selector == null) {
      return;
    }
    unwatchedSinceFlush = false;
    try {
      selector.selectNow(); // no key has interest: this only drops the cancelled ones
    } catch (IOException e) {
      reportPollFailure(e);
    }
  }

  private static void updateInterest(
      SelectableChannel channel, SelectionKey key, Registration registration) {
    if (!key.isValid()) {
      return; // the channel was closed: the selector drops the key on its next poll
    }
    int ops = 0;
    if (registration.reader != null) {
      ops |= (channel.validOps() & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT
          : SelectionKey.OP_READ;
    }
    if (registration.writer != null) {
      ops |= channel instanceof SocketChannel socket && socket.isConnectionPending()
          ? SelectionKey.OP_CONNECT
          : SelectionKey.OP_WRITE;
    }
    key.interestOps(ops);
  }

  private Selector open() {
    Selector current = selector;
    if (current == null) {
      try {
        current = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open a selector", e);
      }
      selector = current;
    }
    return current;
  }

  // ---------------------------------------------------------------------------------------------
  // Polling

  /** Polls without waiting: ready callbacks join the loop's ready queue. */
  void pollNow() {
    try {
      selector.selectNow(onSelected);
    } catch (IOException e) {
      reportPollFailure(e);
    }
  }

  /**
   * Waits up to {@code nanos} (negative: without limit) for a channel, a {@link #wakeup()} or an
   * interrupt, then clears {@code sleeping}. A thread that cleared it first woke the loop on
   * purpose; any other early return with nothing selected counts towards the spin guard.
   */
  void poll(long nanos, AtomicBoolean sleeping) {
    Selector current = selector;
    long start = System.nanoTime();
    int selected;
    try {
      if (nanos < 0) {
        selected = current.select(onSelected);
      } else {
        // Round up to whole milliseconds, as CPython's epoll selector does: never wake too early.
        long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
        selected = current.select(onSelected, millis);
      }
    } catch (IOException e) {
      sleeping.set(false);
      reportPollFailure(e);
      return;
    }
    boolean woken = !sleeping.getAndSet(false);
    if (selected > 0
        || woken
        || Thread.currentThread().isInterrupted()
        || (nanos >= 0 && System.nanoTime() - start >= nanos / 2)) {
      prematureReturns = 0;
    } else if (++prematureReturns >= SPIN_THRESHOLD) {
      rebuild();
    }
  }

  private void selected(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    Registration registration = (Registration) key.attachment();
    int ready = key.readyOps();
    if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0
        && registration.reader != null) {
      loop.addReady(registration.reader);
    }
    if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0
        && registration.writer != null) {
      loop.addReady(registration.writer);
    }
  }

  /** Replaces the selector with a new one holding the same registrations. */
  void rebuild() {
    Selector old = selector;
    Selector fresh;
    try {
      fresh = Selector.open();
    } catch (IOException e) {
      EventLoop.LOGGER.log(System.Logger.Level.WARNING, "cannot open a selector to replace a spinning one", e);
      return;
    }
    for (SelectionKey key : old.keys()) {
      if (!key.isValid()) {
        continue;
      }
      try {
        int ops = key.interestOps();
        Object attachment = key.attachment();
        key.cancel();
        key.channel().register(fresh, ops, attachment);
      } catch (IOException | RuntimeException e) {
        EventLoop.LOGGER.log(
            System.Logger.Level.WARNING, "cannot move " + key.channel() + " to a new selector", e);
      }
    }
    selector = fresh;
    prematureReturns = 0;
    rebuilds++;
    try {
      old.close();
    } catch (IOException ignored) {
      // The old selector is dropped either way.
    }
    EventLoop.LOGGER.log(
        System.Logger.Level.DEBUG, "selector returned early " + SPIN_THRESHOLD + " times in a row; replaced it");
  }

  private void reportPollFailure(IOException e) {
    java.util.Map<String, Object> context = new java.util.LinkedHashMap<>();
    context.put("message", "selector poll failed");
    context.put("exception", e);
    loop.callExceptionHandler(context);
  }

  /** Wakes a loop blocked in {@link #poll}. Any thread. */
  void wakeup() {
    Selector current = selector;
    if (current != null) {
      current.wakeup();
    }
  }

  void close() {
    Selector current = selector;
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // Nothing more can be done with it.
      }
    }
    active = 0;
  }

  /** One channel's callbacks: the attachment of its key. */
  private static final class Registration {
    Handle reader;
    Handle writer;
  }
}
