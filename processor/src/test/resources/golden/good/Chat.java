package golden;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import static io.jasyncio.AsyncIO.*;

/** An inner class: its body reaches the enclosing Chat's fields, methods and inner classes. */
public class Chat {
  final List<String> log = new ArrayList<>();
  int sent;

  String stamp(String text) {
    return sent + ":" + text;
  }

  class Message {
    final String text;

    Message(String text) {
      this.text = text;
    }
  }

  public abstract class Member {
    final String name;

    protected Member(String name) {
      this.name = name;
    }

    @Async
    Coro<Integer> say(String text) {
      Message message = new Message(name + ": " + text);
      await(sleep(0));
      sent += 1;
      log.add(stamp(message.text));
      return done(Chat.this.sent);
    }
  }
}
