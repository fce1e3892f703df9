package io.jasyncio.test.examples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.test.AsyncTest;

/** A name Surefire's default includes miss, as is AsyncFetchingSpec: the processor adds an anchor. */
public abstract class FetchingSpec {
  @Async
  @AsyncTest
  Coro<Void> runsWhateverTheClassIsNamed() {
    await(sleep(1));
    return done();
  }
}
