package io.jasyncio.processor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of one {@code @Async} method while it is being built: its states (straight
 * segments of code between await points and jumps), the try regions each state runs in, and the
 * fields it keeps across suspensions. The lowering appends code to the current state; {@link
 * #resumeBody} assembles the {@code $resume} method.
 *
 * <p>Every transition sets {@code $label} before control reaches the next state, so that an
 * exception is always routed by the region of the state that raised it.
 *
 * <p>What the JIT sees (W3 of BENCHMARKS.md, an await of a child that completes at once, costs what
 * Kotlin's does): {@code $resume} keeps {@code $label}, the parameters and the kept locals in Java
 * locals named as the fields, stored to the fields only where it suspends ({@link #registers});
 * a loop of the user's is also written as a Java loop; a jump to a state that is only a {@code
 * return} runs the return in place (see {@link #resumeBody}).
 */
final class Machine {
  /** A segment of the body: one {@code case} of the resume switch. */
  static final class State {
    final int id;
    final int line;
    final List<Region> regions;
    final StringBuilder code = new StringBuilder();
    /** Left without a jump or return: falls into the state written next (split: returns). */
    boolean openEnd;
    /** Ends with an emit: its code always returns; it is entered again only by a resume. */
    boolean endsWithEmit;
    /** Where in {@link #code} a return that suspends the machine is: (start, end) pairs. */
    final List<int[]> suspensions = new ArrayList<>();
    /**
     * The jumps the lowering itself wrote at the top level of this state's code (not inside code
     * copied from the user): where their {@code continue $machine;} is, and the state they go to,
     * as (start, end, target) (see {@link #resumeBody}: a loop's back jump, a jump to a return).
     */
    final List<int[]> jumps = new ArrayList<>();

    State(int id, int line, List<Region> regions) {
      this.id = id;
      this.line = line;
      this.regions = regions;
    }
  }

  /** A catch clause of a lowered try: the exception types and the state that handles them. */
  record Catch(List<String> types, String field, State handler) {}

  /**
   * A region of states sharing exception handlers: the body of a lowered try (its catches, then
   * its finalizer), or a catch body (only the finalizer).
   */
  static final class Region {
    final List<Catch> catches = new ArrayList<>();
    final Finalizer finalizer;

    Region(Finalizer finalizer) {
      this.finalizer = finalizer;
    }
  }

  /**
   * Code that runs whenever a region is left: a finally block, or the exit of a
   * try-with-resources. It is entered with a pending completion in {@code pending}: a state to go
   * to afterwards, or -1 to rethrow {@code thrown}.
   */
  static final class Finalizer {
    final String pending;
    final String thrown;
    State entry;
    /** States that carry a jump or a return on through this finalizer, by destination. */
    final Map<Integer, State> exits = new LinkedHashMap<>();
    State returnExit;
    /**
     * The value of a return pending through this finalizer, once one needs it. Each finalizer has
     * its own: a return inside a finally block that an exception then abandons must leave the
     * pending return of an enclosing one as it was.
     */
    String returnField;

    Finalizer(String pending, String thrown) {
      this.pending = pending;
      this.thrown = thrown;
    }
  }

  /**
   * A field of the state machine: its declared type and name, and why it is there; {@code
   * constant} is the value of a final one (a constant local kept across an await), else null.
   */
  record Field(String type, String name, String comment, String constant) {
    Field(String type, String name, String comment) {
      this(type, name, comment, null);
    }
  }

  final MachineNames names;
  final List<State> states = new ArrayList<>();
  /** States in the order they were entered: fall-through goes to the next one in this order. */
  private final List<State> entered = new ArrayList<>();
  final List<Field> fields = new ArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private final List<Region> regionStack = new ArrayList<>();
  private State current;
  private boolean terminated;
  private int indent = 1;

  Machine(MachineNames names) {
    this.names = names;
  }

  /** The state being written, and whether it has already ended with a jump. */
  State current() {
    return current;
  }

  boolean isTerminated() {
    return terminated;
  }

  /** A new state, in the regions active now; it is not entered until {@link #start}. */
  State newState(int line) {
    return newStateIn(line, regionStack);
  }

  /** A new state in the given regions. */
  State newStateIn(int line, List<Region> regions) {
    State state = new State(states.size(), line, List.copyOf(regions));
    states.add(state);
    return state;
  }

  /** The regions active now, outermost first. */
  List<Region> regions() {
    return List.copyOf(regionStack);
  }

  /** Marks the current state as ended by code that cannot complete normally. */
  void markTerminated() {
    terminated = true;
  }

  /** Enters {@code state}: falls through from the current state if that did not jump away. */
  void start(State state) {
    if (current != null && !terminated) {
      appendLine(names.label + " = " + state.id + "; // fall through");
      current.openEnd = true;
    }
    current = state;
    entered.add(state);
    terminated = false;
    indent = 1;
    markedState = state; // the case label carries the state's line already
    markedLine = state.line;
  }

  private String fileName = "";
  private int markedLine = -1;
  private State markedState;

  void setFileName(String fileName) {
    this.fileName = fileName;
  }

  /**
   * Appends user code that starts on {@code originalLine}, with a {@code // File.java:N} comment
   * when the line changes: the comments make the generated code readable and give the writer the
   * line table that stack traces use.
   */
  void line(String code, int originalLine) {
    line(code, originalLine, -1);
  }

  /**
   * As {@link #line(String, int)}, for user code copied from lines {@code originalLine} to {@code
   * lastLine}: when it has as many lines, each of its lines is mapped to its own (so that a
   * {@code throw} inside a copied {@code if} is reported at the throw, not the if).
   */
  void line(String code, int originalLine, int lastLine) {
    lineThen(code, "", originalLine, lastLine);
  }

  /**
   * As {@link #line(String, int, int)}, with {@code tail} written after the code copied line for
   * line: its line breaks (a witness's, never run) do not count, and its lines are marked as the
   * last.
   */
  void lineThen(String code, String tail, int originalLine, int lastLine) {
    statementLine = -1;
    int lines = (int) code.chars().filter(c -> c == '\n').count() + 1;
    // Code copied line for line is marked even where its first line is marked already: the range
    // in its comment maps each of its lines to its own.
    boolean lineForLine = lines > 1 && lastLine - originalLine + 1 == lines;
    if (originalLine > 0
        && (originalLine != markedLine || markedState != current || lineForLine)) {
      markedLine = originalLine;
      markedState = current;
      String marker = "// " + fileName + ":" + originalLine;
      if (lineForLine) {
        marker += "-" + lastLine;
        markedLine = lastLine;
      }
      // A multi-line statement may open a text block on its first line: mark it from above.
      boolean oneLine = lines == 1 && tail.indexOf('\n') < 0;
      code = oneLine ? code + tail + " " + marker : marker + "\n" + code + tail;
    } else {
      code = code + tail;
    }
    line(code);
  }

  /**
   * The next line written starts the code of the user's statement at {@code line}: it gets that
   * line's comment (unless the code there is marked with it already), so that an exception thrown
   * by the code a statement is lowered to (a switch on null, the source of a for-each loop) is
   * reported at that statement, not the one before.
   */
  void startsStatement(int line) {
    statementLine = line;
  }

  private int statementLine = -1;

  /** Appends one line of code (a statement, or an opening or closing brace) to the current state. */
  void line(String code) {
    if (statementLine > 0) {
      int line = statementLine;
      statementLine = -1;
      line(code, line);
      return;
    }
    appendLine(code);
  }

  private void appendLine(String code) {
    if (terminated) {
      throw new IllegalStateException("code after a jump: " + code);
    }
    // Every line is shifted by the same amount, which leaves text blocks' content unchanged.
    StringBuilder out = current.code;
    for (String part : code.split("\n", -1)) {
      out.append("  ".repeat(Math.max(indent, 0))).append(part).append('\n');
    }
  }

  void openBlock(String head) {
    line(head + " {");
    indent++;
  }

  void closeBlock() {
    indent--;
    line("}");
  }

  /** As {@link #openBlock(String)}, the head marked with the user's line it comes from. */
  void openBlock(String head, int originalLine) {
    // A head written over several lines (a condition with a text block) keeps its lines as the
    // user's code has them: each maps to its own, where an exception in it is reported.
    int lines = (int) head.chars().filter(c -> c == '\n').count();
    line(head + " {", originalLine, originalLine + lines);
    indent++;
  }

  /**
   * Closes an if's block with {@code } else { <go to target> }}: the code after it is reached
   * from the block only (which must complete normally, as copied code with {@code last} does).
   */
  void closeBlockElseJump(State target) {
    indent--;
    line("} else { " + jumpCode(target) + " }");
    recordJump(target);
  }

  /** Goes to {@code target} and ends the current state. */
  void jump(State target) {
    line(names.label + " = " + target.id + ";");
    line("continue " + names.machine + ";");
    recordJump(target);
    terminated = true;
  }

  /**
   * Writes {@code if (condition) { <go to target> }}, a jump of the lowering's own (a branch of a
   * lowered if, loop or conditional), with the line of the user's code it comes from (or -1).
   */
  void jumpIf(String condition, State target, int originalLine) {
    int lines = (int) condition.chars().filter(c -> c == '\n').count();
    if (lines == 0) {
      line("if (" + condition + ") { " + jumpCode(target) + " }", originalLine);
    } else {
      // A condition over several lines keeps them, each mapped to its own (see openBlock), and
      // the jump (which may run a return in place, with its own line) goes below them.
      line("if (" + condition + ") {", originalLine, originalLine + lines);
      line("  " + jumpCode(target));
      line("}");
    }
    recordJump(target);
  }

  /** Notes the jump just written (its {@code continue} is the last one in the state's code). */
  private void recordJump(State target) {
    String go = "continue " + names.machine + ";";
    int at = current.code.lastIndexOf(go);
    current.jumps.add(new int[] {at, at + go.length(), target.id});
  }

  /** Ends the current state with a statement that cannot complete normally. */
  void end(String statement) {
    line(statement);
    terminated = true;
  }

  /** Whether some jump carries the awaited value (see {@link #jumpKeepingValue}). */
  private boolean keepsValue;

  /**
   * Ends the current state with a jump to {@code target} that carries the awaited value, for a
   * state that reads it after the jump (a conditional's join, reached from its first branch).
   */
  void jumpKeepingValue(State target) {
    keepsValue = true;
    line(names.kept + " = " + names.in + ";");
    jump(target);
  }

  /** Code for going to {@code target}, for use inside an emitted block. */
  String jumpCode(State target) {
    return names.label + " = " + target.id + "; continue " + names.machine + ";";
  }

  /** The field of a deferred jump (see Lowering), declared the first time one is needed. */
  private String gotoField;

  String gotoField() {
    if (gotoField == null) {
      gotoField = field("short", "$goto", "a jump made from inside a copied try, taken once it is left");
    }
    return gotoField;
  }

  /** Code for going on in the state {@code $label} already holds. */
  String continueCode() {
    return "continue " + names.machine + ";";
  }

  /**
   * The user's lines {@code first} to {@code last} of what the next await point evaluates, written
   * over as many lines: each is then marked as its own (javac reports a failure in a call on the
   * last line there). Set just before the await point that uses it.
   */
  void nextAwaitedSpan(int first, int last) {
    awaitedSpan = new int[] {first, last};
  }

  private int[] awaitedSpan;

  /** Marks the lines of the awaited code that follows, when {@link #nextAwaitedSpan} set them. */
  private void awaitedSpan() {
    if (awaitedSpan != null) {
      appendLine("// " + fileName + ":" + awaitedSpan[0] + "-" + awaitedSpan[1]);
      awaitedSpan = null;
    }
  }

  /**
   * An await point: evaluates {@code awaitable} in the current state, suspends if it is not done,
   * and continues in a new state where {@code $in} holds the value.
   */
  State await(String awaitable, int line) {
    return awaitCall("$await(" + awaitable + ")", line);
  }

  /**
   * Ends the current state at a suspension point whose code is written, and goes on in {@code
   * resume}, the state the machine continues in when it is resumed there.
   */
  private State resumeIn(State resume, int line) {
    current.openEnd = true;
    current = resume;
    entered.add(resume);
    terminated = false;
    indent = 1;
    markedState = resume;
    markedLine = line;
    return resume;
  }

  /**
   * An await point whose suspension test is a call of the machine's own ({@code $awaitNext(it)}
   * of an async for-each loop), not an await of an awaitable.
   */
  State awaitCall(String call, int line) {
    State resume = newState(line);
    line(names.label + " = " + resume.id + ";", line); // the await's own line, for traces
    awaitedSpan();
    suspendingLine("if ((" + names.in + " = " + call + ") == $SUSPEND) ", "return $SUSPEND;", "");
    return resumeIn(resume, line);
  }

  /**
   * An emit point of a generator: hands {@code value} to the generator and returns from {@code
   * $resume}; the generator resumes the machine in the new state with the value sent in ({@code
   * $in}) or with the exception to throw there.
   */
  State emit(String value, int line) {
    State resume = newState(line);
    line(names.label + " = " + resume.id + ";", line); // the await's own line, for traces
    awaitedSpan();
    // The value first: it may assign a variable that the stores before the return then keep.
    suspendingLine(
        "$yield(" + value + "); ",
        "return $YIELDED;",
        " // emit: hand the value out, suspend until the next request");
    current.endsWithEmit = true;
    return resumeIn(resume, line);
  }

  /**
   * An await of a call of an {@code @Async} method whose machine class is {@code machine} (final):
   * when the call returns one (for an instance method, a subclass may return another), its {@code
   * $resume} is called right here, through a call site that only ever sees that class, so the JIT
   * can inline the child into this machine and drop the child object, as Kotlin's compiler lets
   * it; otherwise, and when the inline depth is reached, the usual {@code $await}.
   */
  State awaitDirect(String awaitable, String machine, int line) {
    State resume = newState(line);
    String child = localName("$child");
    String thrown = localName("$thrown");
    line(names.label + " = " + resume.id + ";", line); // the await's own line, for traces
    awaitedSpan();
    line(names.in + " = " + awaitable + "; // awaited: its machine, when it is " + machine + ", runs right here");
    line("if (" + names.in + " instanceof " + machine + " " + child + ") {");
    line("  if ($enter(" + child + ")) {");
    line("    try {");
    line("      " + names.in + " = " + child + ".$resume(null, null);");
    line("    } catch (Throwable " + thrown + ") {");
    line("      throw $failed(" + child + ", " + thrown + ");");
    line("    }");
    line("    " + names.in + " = $left(" + child + ", " + names.in + ");");
    line("  } else {");
    line("    " + names.in + " = $SUSPEND;");
    line("  }");
    line("} else {");
    line("  " + names.in + " = $await((io.jasyncio.Coro<?>) " + names.in + ");");
    line("}");
    suspendingLine("if (" + names.in + " == $SUSPEND) ", "return $SUSPEND;", "");
    return resumeIn(resume, line);
  }

  /**
   * A line whose {@code exit} returns from {@code $resume} with the machine suspended: noted, so
   * that the variables kept in locals of {@code $resume} can be stored before it ({@link
   * #registers}).
   */
  private void suspendingLine(String head, String exit, String tail) {
    int before = current.code.length();
    appendLine(head + exit + tail); // no comment added: the offsets below count on it
    // line() indents every line of the text: the head's lines, then the exit's.
    int indentWidth = 2 * Math.max(indent, 0);
    int start = before + head.length() + indentWidth * (1 + (int) head.chars().filter(c -> c == '\n').count());
    int end = current.code.length() - 1 - tail.length(); // before the tail and the newline
    current.suspensions.add(new int[] {start, end});
  }

  /**
   * A variable {@code $resume} keeps in a local named as its field; {@code stored}: false for a
   * parameter the body never assigns (its field always holds its value).
   */
  record Register(String type, String name, boolean stored) {}

  /**
   * The variables that {@code $resume} keeps in locals named as their fields: read
   * from the fields on entry, stored back before every return that suspends. In between, the
   * generated code reads and writes registers the JIT can keep in CPU registers, and an await of a
   * child that completes at once stores nothing (W3); a finished machine is never read again, so a
   * return of the result or an exception thrown out stores nothing either. Not for a split
   * machine (its states are methods of their own).
   */
  List<Register> registers = List.of();

  void pushRegion(Region region) {
    regionStack.add(region);
  }

  void popRegion() {
    regionStack.remove(regionStack.size() - 1);
  }

  /** A new field of the state machine named {@code base} followed by a number. */
  String field(String type, String base, String comment) {
    String name = localName(base);
    fields.add(new Field(type, name, comment));
    madeUpFields.add(name);
    return name;
  }

  /** The fields made up by the lowering (not the user's locals), by name. */
  private final java.util.Set<String> madeUpFields = new java.util.HashSet<>();

  /** Whether {@code name} is a field the lowering made up ({@code $goto1}, {@code $ret1}, ...). */
  boolean isMadeUpField(String name) {
    return madeUpFields.contains(name);
  }

  /** A fresh name for a local of the generated code (not a field): no user name is taken. */
  String localName(String base) {
    while (true) {
      int n = counters.merge(base, 1, Integer::sum);
      String name = base + n;
      if (!names.isTaken(name)) {
        return name;
      }
    }
  }

  void addField(String type, String name, String comment) {
    fields.add(new Field(type, name, comment));
  }

  /** The body of {@code $resume}: the resume loop, its switch, and the exception routing. */
  String resumeBody(String fileName) {
    return resumeBody(fileName, null);
  }

  /**
   * The body of {@code $resume}; with {@code stateMethods} given, a large machine's: each state is
   * a method of its own, added to that list, and the resume loop calls the one {@code $label}
   * names (a method of the JVM holds at most 64 KiB of code). Its {@code $in} is then a field.
   *
   * <p>Otherwise {@code $label} is a local of {@code $resume} (stored where the frame suspends, and
   * when an exception leaves it, for its trace), and two rewrites of the states' own jumps give
   * the JIT straight code: the states of a loop that fall into each other and back to its head
   * are written once more, inside the head's case, as a Java loop (its back jump a {@code
   * continue} of that loop), so that a loop that does not suspend never goes round the switch;
   * a jump to a state that is only a {@code return} runs that return (so that a coroutine that
   * completes without suspending returns straight away).
   */
  String resumeBody(String fileName, Map<Integer, String> stateMethods) {
    boolean split = stateMethods != null;
    boolean routing = states.stream().anyMatch(s -> !s.regions.isEmpty());
    // The state is a local too, unless a user name hides the field (then it stays "this.$label").
    labelLocal = !split && names.label.equals("$label");
    StringBuilder out = new StringBuilder();
    out.append(names.machine).append(":\n");
    if (split) {
      out.append("for (;;) {\n");
    } else if (keepsValue) {
      // As below, except for the one jump that carries the value (jumpKeepingValue).
      out.insert(0, "Object " + names.kept + " = null;\n");
      out.append("for (;; " + update() + ") {\n");
    } else {
      // A value reaches a state only from a resume or from the await written right above it, never
      // through a jump; clearing it on each jump keeps a boxed result out of the loop's phi, so
      // that C2 can drop the box when the child was inlined (W3).
      out.append("for (;; " + update() + ") { // a value reaches only the state after its await\n");
    }
    if (!split && (!registers.isEmpty() || labelLocal)) {
      StringBuilder load =
          new StringBuilder("// Kept in locals while running, stored to their fields when it suspends:\n");
      if (labelLocal) {
        load.append("short $label = this.$label;\n");
      }
      for (Register register : registers) {
        load.append(register.type())
            .append(' ')
            .append(register.name())
            .append(" = this.")
            .append(register.name())
            .append(";\n");
      }
      out.insert(0, load);
    }
    Map<Integer, String> returns = split ? Map.of() : returnsToInline(fileName);
    String pad = routing ? "    " : "  ";
    if (routing) {
      out.append("  try {\n");
    }
    if (gotoField != null) {
      // State 0 is never a jump's target: 0 means "no jump pending".
      out.append(pad)
          .append("if (" + gotoField + " != 0) { " + names.label + " = " + gotoField + "; " + gotoField + " = 0; }\n");
    }
    out.append(pad).append("if (" + names.err + " != null) throw " + names.err + ";\n");
    if (split) {
      out.append(pad).append("Object $r;\n");
    }
    out.append(pad).append("switch (" + names.label + ") {\n");
    // Entered states in the order they were written, so that every fall-through lands on the
    // state written right after; then the states only reached by jumps (exits of finally blocks).
    List<State> order = new ArrayList<>(entered);
    for (State state : states) {
      if (!order.contains(state)) {
        if (state.code.length() == 0) {
          state.code.append("  throw new IllegalStateException(\"unreachable state\");\n");
        }
        order.add(state);
      }
    }
    for (int i = 0; i < order.size(); i++) {
      State state = order.get(i);
      if (split) {
        out.append(pad).append("  case ").append(state.id).append(": $r = $s").append(state.id).append("(); break;\n");
        stateMethods.put(state.id, stateMethod(state, fileName));
        continue;
      }
      out.append(pad)
          .append("  case ")
          .append(state.id)
          .append(": { // ")
          .append(fileName)
          .append(':')
          .append(state.line)
          .append('\n');
      List<State> loop = labelLocal && gotoField == null ? loopFrom(order, i) : List.of();
      if (loop.isEmpty()) {
        appendLines(out, pad + "  ", edited(state, null, null, returns, fileName));
      } else {
        // A loop of the user's, the states from its head falling into each other and back: here
        // a Java loop too, which the JIT can unroll; a jump anywhere else (or a resume in the
        // middle) goes through the switch to the same code written out below.
        String loopLabel = localName("$loop");
        out.append(pad).append("  ").append(loopLabel).append(":\n");
        out.append(pad).append("  for (;; ").append(update()).append(") {\n");
        for (State part : loop) {
          // Each state's line, as on its case: its unmarked first lines are of that line.
          out.append(pad).append("    {");
          if (part.line > 0) {
            out.append(" // ").append(fileName).append(':').append(part.line);
          }
          out.append('\n');
          appendLines(out, pad + "    ", edited(part, state, loopLabel, returns, fileName));
          out.append(pad).append("    }\n");
        }
        out.append(pad).append("  }\n");
      }
      out.append(pad).append("  }\n");
    }
    out.append(pad).append("  default:\n");
    out.append(pad)
        .append("    throw new IllegalStateException(\"bad state \" + " + names.label + ");\n");
    out.append(pad).append("}\n");
    if (split) {
      out.append(pad).append("if ($r != $NEXT) return $r; // a result, or suspended\n");
    }
    if (routing) {
      out.append("  } catch (Throwable " + names.thrown + ") {\n");
      out.append("    " + names.err + " = null;\n");
      // Caught in this frame: its trace shows the frame here, at the statement it was running, as
      // plain Java's shows the method that catches it (a finally may go on to await elsewhere).
      if (labelLocal) {
        out.append("    this.$label = $label;\n");
      }
      out.append("    $caught(" + names.thrown + ");\n");
      if (gotoField != null) {
        out.append("    " + gotoField + " = 0; // the exception wins over a jump in progress\n");
      }
      out.append(routingCode("    "));
      out.append("  }\n");
    }
    out.append("}\n");
    if (labelLocal) {
      // An exception leaves the frame where it was raised: its state is stored for the traces.
      int loopStart = out.indexOf(names.machine + ":\n");
      String loop = out.substring(loopStart);
      out.setLength(loopStart);
      out.append("try {\n");
      // Every line shifted alike, which leaves the content of text blocks as it was.
      String[] lines = loop.split("\n", -1);
      for (int i = 0; i < lines.length - 1; i++) { // the last is the empty one after the last \n
        out.append(lines[i].isEmpty() ? "" : "  " + lines[i]).append('\n');
      }
      out.append("} catch (Throwable " + names.thrown + ") {\n");
      out.append("  this.$label = $label; // where the exception left the frame, for its trace\n");
      out.append("  throw " + names.thrown + ";\n");
      out.append("}\n");
    }
    return out.toString();
  }

  /** Set by {@link #resumeBody}: {@code $label} is a local of {@code $resume} (see there). */
  private boolean labelLocal;

  /** The update of the resume loop, run on each jump: clears the value (see resumeBody). */
  private String update() {
    return keepsValue
        ? names.in + " = " + names.kept + ", " + names.kept + " = null"
        : names.in + " = null";
  }

  private static void appendLines(StringBuilder out, String pad, String code) {
    for (String line : code.split("\n")) {
      if (!line.isEmpty()) {
        out.append(pad).append(line).append('\n');
      }
    }
  }

  /** Largest loop (in characters of code) written out twice, as a Java loop and state by state. */
  static final int LOOP_COPY_CHARACTERS = 4_000;

  /**
   * The states of a loop whose head is {@code order.get(head)}: the head and the states it falls
   * into, one after the other, when one of them jumps back to the head; else none.
   */
  private List<State> loopFrom(List<State> order, int head) {
    List<State> run = new ArrayList<>();
    int size = 0;
    boolean back = false;
    for (int i = head; i < order.size(); i++) {
      State state = order.get(i);
      run.add(state);
      size += state.code.length();
      for (int[] jump : state.jumps) {
        back |= jump[2] == order.get(head).id;
      }
      if (!state.openEnd || state.endsWithEmit) {
        break;
      }
    }
    State last = run.get(run.size() - 1);
    boolean ends = !last.openEnd || last.endsWithEmit;
    return back && ends && size <= LOOP_COPY_CHARACTERS ? run : List.of();
  }

  /**
   * The states that are one {@code return} statement a jump may run in its place (so that a
   * coroutine that completes without suspending runs straight through, without going round the
   * resume loop): the statement, with its line comment, by state. Only a return whose expression
   * declares nothing (no pattern, lambda or switch), so that it means the same anywhere.
   */
  private Map<Integer, String> returnsToInline(String fileName) {
    Map<Integer, String> returns = new java.util.HashMap<>();
    java.util.regex.Pattern one =
        java.util.regex.Pattern.compile(
            "(return [^\n]*;)(?: // " + java.util.regex.Pattern.quote(fileName) + ":(\\d+))?");
    for (State state : states) {
      String code = state.code.toString().strip();
      java.util.regex.Matcher matcher = one.matcher(code);
      if (state.openEnd
          || !state.suspensions.isEmpty()
          || !state.jumps.isEmpty()
          || !matcher.matches()) {
        continue;
      }
      String statement = matcher.group(1);
      if (statement.contains("instanceof")
          || statement.contains("->")
          || statement.contains("switch")
          || statement.contains("\"\"\"")
          || statement.contains("//")
          || statement.contains("/*")) {
        continue;
      }
      int line = matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : state.line;
      returns.put(state.id, statement + " // " + fileName + ":" + line);
    }
    return returns;
  }

  /**
   * The code of a state as it is written in the switch (or, with {@code loopHead}, in the Java loop
   * {@code loopLabel} of that head): each return that suspends preceded by the stores of the
   * registers; a jump back to the loop's head continuing the Java loop; a jump to a state that is
   * only a return replaced by the return.
   */
  private String edited(
      State state, State loopHead, String loopLabel, Map<Integer, String> returns, String fileName) {
    String stores = stores();
    List<int[]> edits = new ArrayList<>(); // (start, end, kind, target): 0 store, 1 loop, 2 return
    if (!stores.isEmpty()) {
      for (int[] at : state.suspensions) {
        edits.add(new int[] {at[0], at[1], 0, 0});
      }
    }
    String code = state.code.toString();
    for (int[] jump : state.jumps) {
      if (loopHead != null && jump[2] == loopHead.id) {
        edits.add(new int[] {jump[0], jump[1], 1, 0});
      } else if (returns.containsKey(jump[2]) && declaresNothingBefore(code, jump[0])) {
        edits.add(new int[] {jump[0], jump[1], 2, jump[2]});
      }
    }
    if (edits.isEmpty()) {
      return code;
    }
    edits.sort((a, b) -> Integer.compare(b[0], a[0]));
    StringBuilder out = new StringBuilder(code);
    for (int[] edit : edits) {
      switch (edit[2]) {
        case 0 -> {
          out.insert(edit[1], " }");
          out.insert(edit[0], stores);
        }
        case 1 -> out.replace(edit[0], edit[1], "continue " + loopLabel + ";");
        default -> {
          // The return on a line of its own, with its line; what followed the jump on its line
          // goes on below, with the line it had.
          int lineEnd = out.indexOf("\n", edit[1]);
          String rest = out.substring(edit[1], lineEnd < 0 ? out.length() : lineEnd);
          String replacement = returns.get(edit[3]);
          if (!rest.isBlank()) {
            int lineStart = code.lastIndexOf('\n', edit[0]) + 1;
            int indentEnd = lineStart;
            while (indentEnd < code.length() && code.charAt(indentEnd) == ' ') {
              indentEnd++;
            }
            String indent = code.substring(lineStart, indentEnd);
            replacement += "\n" + indent + rest.strip() + (rest.contains("// " + fileName + ":") ? "" : " // " + fileName + ":" + lineBefore(code, edit[0], fileName, state.line));
          }
          out.replace(edit[0], lineEnd < 0 ? out.length() : lineEnd, replacement);
        }
      }
    }
    return out.toString();
  }

  /** The stores of the registers (and of the state) before a return that suspends, or "". */
  private String stores() {
    StringBuilder stores = new StringBuilder("{ ");
    if (labelLocal) {
      stores.append("this.$label = $label; ");
    }
    for (Register register : registers) {
      if (register.stored()) {
        stores.append("this.").append(register.name()).append(" = ").append(register.name()).append("; ");
      }
    }
    return stores.length() == 2 ? "" : stores.toString();
  }

  /**
   * Whether the code of a state before {@code at} declares nothing a return put there could mean
   * instead of what it means in its own state: no pattern variable, lambda or local class.
   */
  private static boolean declaresNothingBefore(String code, int at) {
    String before = code.substring(0, at);
    for (String declaring :
        new String[] {"instanceof", "->", "class ", "interface ", "enum ", "record "}) {
      if (before.contains(declaring)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The comment that gives generated code its original line ({@code // File.java:12}, or {@code
   * // File.java:12-14} above code copied from those lines), as a regular expression: the first
   * line in group 1, the last of a range in group 2.
   */
  static String lineComment(String fileName) {
    return "// " + java.util.regex.Pattern.quote(fileName) + ":(\\d+)(?:-(\\d+))?";
  }

  /** The original line of the code at {@code at}: that of the last line comment before it. */
  private static int lineBefore(String code, int at, String fileName, int stateLine) {
    java.util.regex.Matcher marker =
        java.util.regex.Pattern.compile(
                lineComment(fileName))
            .matcher(code.substring(0, at));
    int line = stateLine;
    while (marker.find()) {
      line = Integer.parseInt(marker.group(2) != null ? marker.group(2) : marker.group(1));
    }
    return line;
  }

  /** One state as a method of its own: going to another state returns to the resume loop. */
  private String stateMethod(State state, String fileName) {
    StringBuilder out = new StringBuilder();
    out.append("// ").append(fileName).append(':').append(state.line).append('\n');
    String loop = "continue " + names.machine + ";";
    // A split machine's value is a field, which every jump carries: no need to keep it.
    String keep = names.kept + " = " + names.in + ";";
    for (String line : state.code.toString().split("\n")) {
      if (!line.isEmpty() && !line.trim().equals(keep)) {
        out.append(line.replace(loop, "return $NEXT;")).append('\n');
      }
    }
    if (state.openEnd && !state.endsWithEmit) { // an emit's state has returned already
      out.append("return $NEXT;\n");
    }
    return out.toString();
  }

  /** The try-table: for each group of states with the same regions, where an exception goes. */
  private String routingCode(String pad) {
    Map<List<Region>, List<State>> groups = new LinkedHashMap<>();
    Map<List<Region>, List<Region>> canonical = new IdentityHashMap<>();
    for (State state : states) {
      if (state.regions.isEmpty()) {
        continue;
      }
      List<Region> key = findSame(groups, state.regions);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(state);
      canonical.put(key, key);
    }
    StringBuilder out = new StringBuilder();
    String t = names.thrown;
    out.append(pad).append("switch (" + names.label + ") {\n");
    for (Map.Entry<List<Region>, List<State>> group : groups.entrySet()) {
      StringBuilder labels = new StringBuilder();
      for (State state : group.getValue()) {
        labels.append("case ").append(state.id).append(": ");
      }
      out.append(pad).append("  ").append(labels.toString().trim()).append(" {\n");
      List<Region> regions = group.getKey();
      boolean finished = false;
      for (int i = regions.size() - 1; i >= 0 && !finished; i--) {
        Region region = regions.get(i);
        for (Catch c : region.catches) {
          StringBuilder test = new StringBuilder();
          for (String type : c.types) {
            if (test.length() > 0) {
              test.append(" || ");
            }
            test.append(t).append(" instanceof ").append(type);
          }
          out.append(pad)
              .append("    if (")
              .append(test)
              .append(") { ")
              .append(c.field)
              .append(" = " + t + "; ")
              .append(jumpCode(c.handler))
              .append(" }\n");
        }
        if (region.finalizer != null) {
          Finalizer f = region.finalizer;
          out.append(pad)
              .append("    ")
              .append(f.thrown)
              .append(" = " + t + "; ")
              .append(f.pending)
              .append(" = -1; ")
              .append(jumpCode(f.entry))
              .append('\n');
          finished = true;
        }
      }
      if (!finished) {
        out.append(pad).append("    throw " + t + ";\n");
      }
      out.append(pad).append("  }\n");
    }
    out.append(pad).append("  default:\n");
    out.append(pad).append("    throw " + t + ";\n");
    out.append(pad).append("}\n");
    return out.toString();
  }

  private static List<Region> findSame(Map<List<Region>, List<State>> groups, List<Region> regions) {
    for (List<Region> key : groups.keySet()) {
      if (key.size() == regions.size()) {
        boolean same = true;
        for (int i = 0; i < key.size(); i++) {
          if (key.get(i) != regions.get(i)) {
            same = false;
            break;
          }
        }
        if (same) {
          return key;
        }
      }
    }
    return regions;
  }

  /** The original line of each state, indexed by state number. */
  int[] lines() {
    int[] lines = new int[states.size()];
    for (State state : states) {
      lines[state.id] = state.line;
    }
    return lines;
  }
}
