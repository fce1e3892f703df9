package io.jasyncio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Records what jasyncio logs on {@code io.jasyncio} while it is open. */
final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("io.jasyncio");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture() {
    LOGGER.addHandler(this);
  }

  List<LogRecord> records() {
    return records;
  }

  List<String> messages() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }
}
