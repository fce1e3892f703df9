package io.jasyncio.processor.behaviour;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of {@code @Async} bodies in the corpus dialect: nested loops (for, while,
 * do), branches, switch statements and expressions, labeled break and continue, try/catch/finally,
 * exceptions thrown and awaited at random points, awaits at random positions in expressions
 * (operands, conditions, short-circuits, ternaries, arguments), ints, longs, booleans, strings and
 * captured lambdas.
 *
 * <p>Every program is valid Java by construction: locals are initialized where declared and
 * uniquely named, loops are bounded by counters incremented first, and every jump, return and
 * throw sits under an {@code if}, so no statement is ever unreachable.
 */
final class RandomBodies {
  private final Random random;
  private int ids;
  private final Deque<List<Var>> scopes = new ArrayDeque<>();
  private final Deque<String> loops = new ArrayDeque<>(); // labels ("" when unlabeled)
  private int switchDepth;
  private int finallyDepth;
  private int budget;
  private final StringBuilder out = new StringBuilder();
  private int indent = 0;
  private final List<String> suppliers = new ArrayList<>();

  private record Var(String name, String type, boolean fixed) {
    Var(String name, String type) {
      this(name, type, false);
    }
  }

  RandomBodies(long seed) {
    this.random = new Random(seed);
  }

  /** A body for {@code Coro<?> r_n(int p) throws Exception}. */
  String body() {
    out.setLength(0);
    scopes.clear();
    suppliers.clear();
    ids = 0;
    budget = 14 + random.nextInt(18);
    scopes.push(new ArrayList<>(List.of(new Var("p", "int"))));
    int count = 2 + random.nextInt(5);
    for (int i = 0; i < count && budget > 0; i++) {
      statement(0);
    }
    for (String supplier : suppliers) {
      line("log(" + supplier + ".getAsInt());");
    }
    line("return done(" + (random.nextBoolean() ? intExpr(2) : stringExpr(2)) + ");");
    return out.toString();
  }

  private String id(String prefix) {
    return prefix + (++ids);
  }

  private void line(String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private void declare(String name, String type) {
    scopes.peek().add(new Var(name, type));
  }

  private List<Var> assignable(String type) {
    List<Var> vars = new ArrayList<>();
    for (Var var : visible(type)) {
      if (!var.fixed) {
        vars.add(var);
      }
    }
    return vars;
  }

  private List<Var> visible(String type) {
    List<Var> vars = new ArrayList<>();
    for (List<Var> scope : scopes) {
      for (Var var : scope) {
        if (var.type.equals(type)) {
          vars.add(var);
        }
      }
    }
    return vars;
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private void block(int depth, Runnable header, Runnable trailer) {
    header.run();
    indent++;
    scopes.push(new ArrayList<>());
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count && budget > 0; i++) {
      statement(depth + 1);
    }
    scopes.pop();
    indent--;
    trailer.run();
  }

  private void statement(int depth) {
    budget--;
    int pick = random.nextInt(depth >= 3 ? 40 : 100);
    if (pick < 12) {
      String name = id("i");
      line("int " + name + " = " + intExpr(2) + ";");
      declare(name, "int");
    } else if (pick < 16) {
      String name = id("l");
      line("long " + name + " = " + intExpr(1) + " * 3L;");
      declare(name, "long");
    } else if (pick < 20) {
      String name = id("s");
      line("String " + name + " = " + stringExpr(2) + ";");
      declare(name, "String");
    } else if (pick < 23) {
      String name = id("b");
      line("boolean " + name + " = " + boolExpr(2) + ";");
      declare(name, "boolean");
    } else if (pick < 33) {
      assignment();
    } else if (pick < 40) {
      line("log(" + (random.nextBoolean() ? intExpr(2) : stringExpr(2)) + ");");
    } else if (pick < 44) {
      line("await(" + awaitable() + ");");
    } else if (pick < 47) {
      if (!loops.isEmpty() || switchDepth > 0) {
        jump();
      } else {
        guardedExit();
      }
    } else if (pick < 50) {
      guardedExit();
    } else if (pick < 60) {
      ifStatement(depth);
    } else if (pick < 68) {
      forLoop(depth);
    } else if (pick < 73) {
      whileLoop(depth);
    } else if (pick < 77) {
      doWhileLoop(depth);
    } else if (pick < 84) {
      switchStatement(depth);
    } else if (pick < 93) {
      tryStatement(depth);
    } else if (pick < 96) {
      String name = id("i");
      line("int " + name + " = " + switchExpression(1) + ";");
      declare(name, "int");
    } else {
      capture();
    }
  }

  private void assignment() {
    List<Var> ints = assignable("int");
    List<Var> strings = assignable("String");
    List<Var> longs = assignable("long");
    int pick = random.nextInt(4);
    if (pick == 0 && !strings.isEmpty()) {
      Var s = strings.get(random.nextInt(strings.size()));
      line(s.name + " += " + stringExpr(1) + ";");
    } else if (pick == 1 && !longs.isEmpty()) {
      Var l = longs.get(random.nextInt(longs.size()));
      line(l.name + (random.nextBoolean() ? " += " : " -= ") + intExpr(2) + ";");
    } else if (!ints.isEmpty()) {
      Var i = ints.get(random.nextInt(ints.size()));
      String[] ops = {" = ", " += ", " -= ", " *= ", " ^= "};
      line(i.name + ops[random.nextInt(ops.length)] + intExpr(2) + ";");
    } else {
      line("log(" + intExpr(1) + ");");
    }
  }

  private void jump() {
    String condition = boolExpr(1);
    List<String> options = new ArrayList<>();
    if (!loops.isEmpty()) {
      options.add("continue;");
      for (String label : loops) {
        if (!label.isEmpty()) {
          options.add("break " + label + ";");
          options.add("continue " + label + ";");
        }
      }
    }
    if (!loops.isEmpty() || switchDepth > 0) {
      options.add("break;");
    }
    line("if (" + condition + ") " + options.get(random.nextInt(options.size())));
  }

  private void guardedThrow() {
    String condition = boolExpr(1);
    if (chance(50)) {
      line("  if (" + condition + ") throw new Boom(\"t" + (++ids) + "\");");
    } else {
      line("  if (" + condition + ") await(boom(\"b" + (++ids) + "\"));");
    }
  }

  private void guardedExit() {
    int pick = random.nextInt(3);
    String condition = boolExpr(1);
    if (pick == 0) {
      line("if (" + condition + ") return done(" + intExpr(1) + ");");
    } else if (pick == 1) {
      line("if (" + condition + ") throw new Boom(\"t" + (++ids) + "\");");
    } else {
      line("if (" + condition + ") await(boom(\"b" + (++ids) + "\"));");
    }
  }

  private void ifStatement(int depth) {
    String condition = boolExpr(2);
    boolean otherwise = chance(50);
    block(depth, () -> line("if (" + condition + ") {"), () -> {});
    if (otherwise) {
      block(depth, () -> line("} else {"), () -> line("}"));
    } else {
      line("}");
    }
  }

  private String label() {
    return chance(30) ? id("L") : "";
  }

  private void forLoop(int depth) {
    String label = label();
    String var = id("k");
    int bound = random.nextInt(4);
    String limit = chance(30) ? "await(v(" + bound + "))" : Integer.toString(bound);
    String update = chance(20) ? var + " += await(v(1))" : var + "++";
    scopes.push(new ArrayList<>(List.of(new Var(var, "int", true)))); // never reassigned
    loops.push(label);
    block(
        depth,
        () ->
            line(
                (label.isEmpty() ? "" : label + ": ")
                    + "for (int "
                    + var
                    + " = 0; "
                    + var
                    + " < "
                    + limit
                    + "; "
                    + update
                    + ") {"),
        () -> line("}"));
    loops.pop();
    scopes.pop();
  }

  private void whileLoop(int depth) {
    String label = label();
    String counter = id("w");
    int bound = random.nextInt(4);
    line("int " + counter + " = 0;");
    scopes.peek().add(new Var(counter, "int", true)); // loop counters are never reassigned
    String test = chance(30) ? "await(v(" + counter + ")) < " + bound : counter + " < " + bound;
    loops.push(label);
    block(
        depth,
        () -> {
          line((label.isEmpty() ? "" : label + ": ") + "while (" + test + ") {");
          line("  " + counter + "++;");
        },
        () -> line("}"));
    loops.pop();
  }

  private void doWhileLoop(int depth) {
    String label = label();
    String counter = id("d");
    int bound = 1 + random.nextInt(3);
    line("int " + counter + " = 0;");
    scopes.peek().add(new Var(counter, "int", true)); // loop counters are never reassigned
    String test = chance(30) ? "await(v(" + counter + ")) < " + bound : counter + " < " + bound;
    loops.push(label);
    block(
        depth,
        () -> {
          line((label.isEmpty() ? "" : label + ": ") + "do {");
          line("  " + counter + "++;");
        },
        () -> line("} while (" + test + ");"));
    loops.pop();
  }

  private void switchStatement(int depth) {
    String selector = "Math.floorMod(" + intExpr(1) + ", 4)";
    boolean arrows = chance(40);
    line("switch (" + selector + ") {");
    switchDepth++;
    int cases = 1 + random.nextInt(3);
    for (int c = 0; c < cases; c++) {
      String head = c == cases - 1 && chance(50) ? "default" : "case " + c;
      if (arrows) {
        block(depth, () -> line("  " + head + " -> {"), () -> line("  }"));
      } else {
        block(
            depth,
            () -> line("  " + head + ":"),
            () -> {
              if (chance(60)) {
                line("    break;");
              }
            });
      }
      if (head.equals("default")) {
        break;
      }
    }
    switchDepth--;
    line("}");
  }

  private String switchExpression(int depth) {
    String selector = "Math.floorMod(" + intExpr(depth) + ", 3)";
    if (chance(50)) {
      return "switch ("
          + selector
          + ") { case 0 -> "
          + intExpr(depth)
          + "; case 1 -> "
          + intExpr(depth)
          + "; default -> "
          + intExpr(depth)
          + "; }";
    }
    String t = id("y");
    return "switch ("
        + selector
        + ") { case 0 -> { int "
        + t
        + " = "
        + intExpr(depth)
        + "; log("
        + t
        + "); yield "
        + t
        + " + "
        + intExpr(0)
        + "; } default -> "
        + intExpr(depth)
        + "; }";
  }

  private void tryStatement(int depth) {
    boolean catches = chance(65);
    boolean fin = !catches || chance(50);
    String e = id("e");
    block(
        depth,
        () -> line("try {"),
        () -> {
          if (chance(50)) {
            guardedThrow(); // an exception that reaches the handlers, or passes them
          }
        });
    if (catches) {
      String[] types = {"Boom", "Boom", "RuntimeException", "IllegalStateException"};
      line("} catch (" + types[random.nextInt(types.length)] + " " + e + ") {");
      indent++;
      line("log(\"caught \" + " + e + ".getMessage());");
      scopes.push(new ArrayList<>());
      if (chance(60) && budget > 0) {
        statement(depth + 1);
      }
      scopes.pop();
      indent--;
    }
    if (fin) {
      line("} finally {");
      indent++;
      finallyDepth++;
      line("log(\"finally " + e + "\");");
      scopes.push(new ArrayList<>());
      if (chance(60) && budget > 0) {
        statement(depth + 1);
      }
      scopes.pop();
      finallyDepth--;
      indent--;
    }
    line("}");
  }

  private void capture() {
    String value = id("f");
    String supplier = id("g");
    line("final int " + value + " = " + intExpr(1) + ";");
    line("java.util.function.IntSupplier " + supplier + " = () -> " + value + " * 2;");
    scopes.peek().add(new Var(value, "int", true));
    if (scopes.size() == 1) {
      suppliers.add(supplier); // called at the end: after later awaits
    } else {
      line("log(" + supplier + ".getAsInt());");
    }
  }

  private String awaitable() {
    int pick = random.nextInt(10);
    if (pick < 6) {
      return "v(" + intExpr(1) + ")";
    }
    if (pick < 8) {
      return "now(" + intExpr(1) + ")";
    }
    return "twice(" + intExpr(1) + ")";
  }

  private String intExpr(int depth) {
    int pick = random.nextInt(depth <= 0 ? 30 : 100);
    List<Var> ints = visible("int");
    if (pick < 15) {
      return Integer.toString(random.nextInt(10));
    }
    if (pick < 30) {
      return ints.isEmpty() ? "p" : ints.get(random.nextInt(ints.size())).name;
    }
    if (pick < 50) {
      return "await(" + awaitable() + ")";
    }
    if (pick < 70) {
      String[] ops = {" + ", " - ", " * "};
      return "(" + intExpr(depth - 1) + ops[random.nextInt(3)] + intExpr(depth - 1) + ")";
    }
    if (pick < 78) {
      return "(" + boolExpr(depth - 1) + " ? " + intExpr(depth - 1) + " : " + intExpr(depth - 1) + ")";
    }
    if (pick < 85) {
      return "mix(" + intExpr(depth - 1) + ", " + intExpr(depth - 1) + ")";
    }
    if (pick < 90) {
      List<Var> strings = visible("String");
      return strings.isEmpty()
          ? "await(v(\"abc\")).length()"
          : strings.get(random.nextInt(strings.size())).name + ".length()";
    }
    if (pick < 94) {
      List<Var> longs = visible("long");
      return longs.isEmpty() ? "p" : "(int) " + longs.get(random.nextInt(longs.size())).name;
    }
    return "(" + switchExpression(depth - 1) + ")";
  }

  private String boolExpr(int depth) {
    int pick = random.nextInt(depth <= 0 ? 40 : 100);
    if (pick < 40) {
      String[] ops = {" > ", " < ", " == ", " != ", " >= "};
      return intExpr(depth - 1) + ops[random.nextInt(ops.length)] + intExpr(depth - 1);
    }
    if (pick < 55) {
      List<Var> bools = visible("boolean");
      return bools.isEmpty() ? "p > 1" : bools.get(random.nextInt(bools.size())).name;
    }
    if (pick < 65) {
      return "!(" + boolExpr(depth - 1) + ")";
    }
    if (pick < 80) {
      return "(" + boolExpr(depth - 1) + " && " + boolExpr(depth - 1) + ")";
    }
    if (pick < 92) {
      return "(" + boolExpr(depth - 1) + " || " + boolExpr(depth - 1) + ")";
    }
    return "await(v(" + boolExpr(depth - 1) + "))";
  }

  private String stringExpr(int depth) {
    int pick = random.nextInt(depth <= 0 ? 40 : 100);
    List<Var> strings = visible("String");
    if (pick < 20) {
      return "\"s" + random.nextInt(10) + "\"";
    }
    if (pick < 40) {
      return strings.isEmpty() ? "\"none\"" : strings.get(random.nextInt(strings.size())).name;
    }
    if (pick < 65) {
      return "(" + stringExpr(depth - 1) + " + " + intExpr(depth - 1) + ")";
    }
    if (pick < 85) {
      return "await(v(" + stringExpr(depth - 1) + "))";
    }
    return "String.valueOf(" + intExpr(depth - 1) + ")";
  }
}
