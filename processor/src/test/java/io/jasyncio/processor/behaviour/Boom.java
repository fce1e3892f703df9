package io.jasyncio.processor.behaviour;

/** The exception bodies throw and catch. */
public class Boom extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Boom(String message) {
    super(message);
  }
}
