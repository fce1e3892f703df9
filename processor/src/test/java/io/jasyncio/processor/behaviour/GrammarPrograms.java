package io.jasyncio.processor.behaviour;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of {@code @Async} bodies drawn from the whole Java grammar, for {@link
 * GrammarWorld}: every statement kind (blocks and labeled blocks, locals of every type, explicit
 * and {@code var}, several declarators, C-style arrays, final constants; local classes, records,
 * enums and interfaces; if, while, do, for with any init and update, for-each over arrays and
 * lists, labeled break and continue, switch statements in both forms with fall-through, switch
 * expressions with {@code yield}, try/catch/finally, multi-catch, try-with-resources over new and
 * existing variables, throw, return, assert, synchronized, empty statements) and every expression
 * kind (all assignment and compound operators on locals, fields of this, of another object, static
 * fields, {@code super.f}, array elements with awaited arrays and indexes; {@code ++}/{@code --}
 * both ways; conditionals; instanceof with patterns; casts that narrow, widen and box; {@code new}
 * of classes, inner classes, arrays with dimensions and initializers, anonymous classes; calls
 * with awaited receivers and arguments, varargs, generic methods with explicit type arguments;
 * lambdas and method references made before an await and called after), over every primitive
 * type, its boxed form ({@code null} unboxing included), strings, arrays and objects. An await can
 * stand at any operand position; exceptions are thrown at random points, also from {@code
 * finally} and {@code close()}. With javac 21 or newer: pattern switches with guards, record
 * patterns, {@code case null}; with 22 or newer, unnamed variables.
 *
 * <p>Bodies are meant to be valid Java, but the generator does not track everything javac checks
 * (definite assignment through jumps, say): a harness compiles them as plain Java first and
 * discards what javac rejects.
 */
final class GrammarPrograms {
  static final int FEATURE = Runtime.version().feature();
  private static final boolean PATTERNS = FEATURE >= 21;
  private static final boolean UNNAMED = FEATURE >= 22;

  /** The value types programs compute with. */
  enum Ty {
    BOOL("boolean", "Boolean"),
    BYTE("byte", "Byte"),
    SHORT("short", "Short"),
    CHAR("char", "Character"),
    INT("int", "Integer"),
    LONG("long", "Long"),
    FLOAT("float", "Float"),
    DOUBLE("double", "Double"),
    ZBOX("Boolean", "Boolean"),
    IBOX("Integer", "Integer"),
    LBOX("Long", "Long"),
    CBOX("Character", "Character"),
    DBOX("Double", "Double"),
    STRING("String", "String"),
    OBJECT("Object", "Object"),
    ARR("int[]", "int[]"),
    ARR2("int[][]", "int[][]"),
    CELL("Cell", "Cell"),
    PT("Pt", "Pt"),
    COLOR("Color", "Color"),
    LIST("List<Integer>", "List<Integer>");

    final String java;
    final String boxed;

    Ty(String java, String boxed) {
      this.java = java;
      this.boxed = boxed;
    }

    boolean primitive() {
      return ordinal() <= DOUBLE.ordinal();
    }

    boolean numeric() {
      return ordinal() >= BYTE.ordinal() && ordinal() <= DOUBLE.ordinal();
    }

    boolean box() {
      return ordinal() >= ZBOX.ordinal() && ordinal() <= DBOX.ordinal();
    }

    /** The primitive a box holds. */
    Ty unboxed() {
      return switch (this) {
        case ZBOX -> BOOL;
        case IBOX -> INT;
        case LBOX -> LONG;
        case CBOX -> CHAR;
        case DBOX -> DOUBLE;
        default -> this;
      };
    }
  }

  private static final Ty[] COMMON = {
    Ty.INT, Ty.INT, Ty.INT, Ty.LONG, Ty.STRING, Ty.STRING, Ty.BOOL, Ty.DOUBLE, Ty.BYTE, Ty.SHORT,
    Ty.CHAR, Ty.FLOAT, Ty.IBOX, Ty.LBOX, Ty.ZBOX, Ty.CBOX, Ty.DBOX, Ty.OBJECT, Ty.ARR, Ty.ARR2,
    Ty.CELL, Ty.PT, Ty.COLOR, Ty.LIST
  };

  /** A variable the body can use: a local, a parameter, or a field reached some way. */
  private static final class Var {
    final String name;
    final Ty ty;
    final boolean local;
    /** May be assigned (not final, not a loop counter the generator relies on). */
    boolean assignable;
    /** Captured by a lambda or a class: must stay effectively final. */
    boolean frozen;
    /** Declared final: a lambda or a class body may read it. */
    boolean captureSafe;

    Var(String name, Ty ty, boolean local, boolean assignable) {
      this.name = name;
      this.ty = ty;
      this.local = local;
      this.assignable = assignable;
    }
  }

  private static final List<Var> FIELDS = new ArrayList<>();

  static {
    String[][] fields = {
      {"f", "INT"}, {"this.f", "INT"}, {"fl", "LONG"}, {"fd", "DOUBLE"}, {"fb", "BYTE"},
      {"fs", "SHORT"}, {"fc", "CHAR"}, {"ff", "FLOAT"}, {"fz", "BOOL"}, {"fi", "IBOX"},
      {"fL", "LBOX"}, {"fZ", "ZBOX"}, {"fC", "CBOX"}, {"fD", "DBOX"}, {"str", "STRING"},
      {"this.str", "STRING"}, {"arr", "ARR"}, {"grid", "ARR2"}, {"cell", "CELL"}, {"list", "LIST"},
      {"obj", "OBJECT"}, {"color", "COLOR"}, {"pt", "PT"}, {"total$1", "INT"}, {"$in", "INT"},
      {"$label", "STRING"}, {"x$2", "INT"}, {"sf", "INT"}, {"Bodies.sf", "INT"},
      {"World.Bodies.ss", "STRING"}, {"ss", "STRING"}, {"super.level", "INT"}, {"level", "INT"},
      {"baseField", "INT"}, {"outerCount", "INT"}, {"World.outerCount", "INT"}, {"cell.v", "INT"},
      {"cell.b", "IBOX"}, {"cell.s", "STRING"}
    };
    for (String[] field : fields) {
      FIELDS.add(new Var(field[0], Ty.valueOf(field[1]), false, true));
    }
  }

  /** World's instance fields, which an inner Bodies' bodies reach (set {@link #innerWorld}). */
  private static final List<Var> WORLD_FIELDS =
      List.of(new Var("wf", Ty.INT, false, true), new Var("World.this.wf", Ty.INT, false, true));

  /**
   * Bodies is an inner class of World in this program's batch: bodies also use World's instance
   * members ({@code wf}, {@code World.this}, {@code wname(..)}, {@code new WInner(..)}). Set by
   * the harness before {@link #body()}.
   */
  boolean innerWorld;

  private final Random random;
  private final StringBuilder out = new StringBuilder();
  private final Deque<List<Var>> scopes = new ArrayDeque<>();
  private int ids;
  private int indent = 3;
  private int budget;
  /** Loop and switch labels that break/continue may name, innermost first ("" = unlabeled). */
  private Deque<Jump> jumps = new ArrayDeque<>();
  /** Awaits are not allowed here (lambda, class body, synchronized). */
  private int noAwait;
  /** Inside a lambda or class body that is generated here: locals must be final to be read. */
  private int inCapture;
  /** Inside an anonymous or local class body: this and super mean that class. */
  private int inClassBody;
  /** Inside a switch expression arm: no return, no jump out. */
  private int inSwitchExpression;
  /** Local type names declared so far (classes, records, enums), with what they offer. */
  private final List<String[]> localTypes = new ArrayList<>();
  /** Suppliers made before awaits, called at the end. */
  private final List<String> laterCalls = new ArrayList<>();

  private record Jump(String label, boolean loop, boolean switchBlock, boolean block) {}

  GrammarPrograms(long seed) {
    this.random = new Random(seed);
    this.lineBreaks = new Random(~seed);
  }

  /** Where statements are broken over lines (apart, so the programs do not change with it). */
  private final Random lineBreaks;

  /**
   * The name of the body being generated ({@code b_n}); its generators are {@code g_n_k}. Set by
   * the harness before {@link #body()}.
   */
  String owner = "b_0";

  /** Generating a generator's body: emits, and returns that end it. */
  private boolean generatorMode;

  /** How deep in generators this body is (a generator's body may loop over another, once). */
  private int generatorDepth;

  /** The generator methods this body's async for-each loops iterate: name, then body. */
  private final List<String[]> generators = new ArrayList<>();

  /** Shared with nested generators: how many generators the owner has. */
  private int[] generatorCount = {0};

  /** The generator methods made for the last {@link #body()}, as (name, body) pairs. */
  List<String[]> generators() {
    return generators;
  }

  /** What a return statement says here: the body's result, or a generator's end. */
  private String returnStatement(int depth) {
    return generatorMode ? "return stopIteration();" : "return done(" + shown(depth) + ");";
  }

  /** A fresh method body with {@code statements} to spend and the parameter p in scope. */
  private void startBody(int statements) {
    out.setLength(0);
    scopes.clear();
    jumps.clear();
    localTypes.clear();
    laterCalls.clear();
    ids = 0;
    othersTaken.clear();
    issued.clear();
    indent = 3;
    noAwait = 0;
    inSwitchExpression = 0;
    budget = statements;
    List<Var> top = new ArrayList<>();
    top.add(new Var("p", Ty.INT, true, true));
    scopes.push(top);
  }

  /** A body for {@code AsyncGenerator<Integer> g_n_k(int p) throws Exception}. */
  private String generatorBody() {
    startBody(6 + random.nextInt(14));
    line("log(\"gen " + owner + " \" + p);");
    // Most generators have cleanup, so that a close (GeneratorExit at an emit) shows in the trace.
    boolean cleanup = chance(70);
    if (cleanup) {
      line("try {");
      indent++;
    }
    int count = 2 + random.nextInt(5);
    for (int i = 0; i < count && budget > 0; i++) {
      if (chance(30)) {
        emit();
      } else if (chance(30)) {
        String k = id("gk");
        line("for (int " + k + " = 0; " + k + " < " + (1 + random.nextInt(4)) + "; " + k + "++) {");
        indent++;
        scopes.push(new ArrayList<>(List.of(new Var(k, Ty.INT, true, false))));
        jumps.push(new Jump("", true, false, false));
        emit();
        statement(1);
        jumps.pop();
        scopes.pop();
        indent--;
        line("}");
      }
      statement(0);
    }
    for (String call : laterCalls) {
      line("log(" + laterCall(call) + ");");
    }
    if (chance(70)) {
      emit();
    }
    line("log(\"gen end\");");
    if (cleanup) {
      indent--;
      line("} finally {");
      indent++;
      line("log(\"gen finally\");");
      if (chance(50)) {
        line(await(chance(50) ? "v(\"cleanup\")" : "sleep(0)") + ";");
      }
      if (chance(10)) {
        line("if (" + expr(Ty.BOOL, 0) + ") throw new Boom(\"from gen finally\");");
      }
      indent--;
      line("}");
    }
    line("return stopIteration();");
    return out.toString();
  }

  /** {@code await(emit(v))}, as a statement, sometimes logging what was sent back. */
  private void emit() {
    String value = expr(chance(85) ? Ty.INT : Ty.IBOX, 1);
    if (chance(20)) {
      line("log(\"sent \" + " + await("emit(" + value + ")") + ");");
    } else {
      line(await("emit(" + value + ")") + ";");
    }
  }

  /**
   * {@code for (T e : awaitEach(g_n_k(..))) { .. }} over a generator made for it, between markers
   * that the plain world turns into a try-with-resources that closes the generator, as the loop
   * does when it is left early.
   */
  private void asyncForEach(int depth) {
    GrammarPrograms nested = new GrammarPrograms(random.nextLong());
    nested.owner = owner;
    nested.generatorMode = true;
    nested.generatorDepth = generatorDepth + 1;
    nested.generatorCount = generatorCount;
    String name = owner.replace("b_", "g_") + "_" + generatorCount[0]++;
    String genBody = nested.generatorBody();
    generators.add(new String[] {name, genBody});
    generators.addAll(nested.generators);
    String label = label();
    String item = id("e");
    int k = ++ids;
    String[] types = {"Integer", "int", "var"};
    String type = pick(types);
    String source = name + "(" + expr(Ty.INT, 1) + ")";
    if (type.equals("var") && source.contains("AsyncWorld_Bodies")) {
      type = "Integer"; // refused, with its reason: var typed by the class being generated
    }
    line("/*EACH " + k + " " + source + " EACH*/");
    Ty ty = type.equals("Integer") || type.equals("var") ? Ty.IBOX : Ty.INT;
    // As loop(), with a guarded jump or exit at the end of the body half of the time: every way
    // out of the loop, each of which closes the generator.
    jumps.push(new Jump(label, true, false, false));
    scopes.push(new ArrayList<>(List.of(new Var(item, ty, true, false))));
    line((label.isEmpty() ? "" : label + ": ")
        + "for (" + type + " " + item + " : /*<" + k + "*/awaitEach(" + source + ")/*>*/) {");
    indent++;
    scopes.push(new ArrayList<>());
    line("log(\"item \" + " + item + ");");
    int count = random.nextInt(3);
    for (int i = 0; i < count && budget > 0; i++) {
      statement(depth + 1);
    }
    if (chance(50)) {
      jumpOrExit();
    }
    scopes.pop();
    indent--;
    line("}");
    scopes.pop();
    jumps.pop();
    line("/*END " + k + "*/");
  }

  /** A body for {@code Coro<?> b_n(int p) throws Exception}. */
  String body() {
    generators.clear();
    generatorCount[0] = 0;
    startBody(10 + random.nextInt(25));
    int count = 2 + random.nextInt(6);
    for (int i = 0; i < count && budget > 0; i++) {
      if (i == 0 && chance(20)) {
        asyncForEach(0);
      }
      statement(0);
    }
    for (String call : laterCalls) {
      line("log(" + laterCall(call) + ");");
    }
    line("log(state());");
    line("return done(" + shown(2) + ");");
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Small tools.

  private String id(String prefix) {
    List<String> before = issued.computeIfAbsent(prefix, k -> new ArrayList<>());
    if (chance(5) && !before.isEmpty()) {
      // A name given before to a thing of the same kind, now out of scope (a binding or a local
      // of an earlier block, a local class of a sibling block), as Java code reuses names.
      String again = before.get(random.nextInt(before.size()));
      if (!inScope(again)) {
        return again;
      }
    }
    if (chance(4)) {
      // A name the world gives to something else: an enum constant (a case label of an enum
      // switch) or a field the body may read; each taken once in a body, so never declared
      // twice in one scope.
      String name = pick(NAMES_OF_OTHERS);
      if (othersTaken.add(name)) {
        return name;
      }
    }
    String fresh = prefix + (++ids);
    before.add(fresh);
    return fresh;
  }

  /** The names given in this body, by the prefix they were made with. */
  private final java.util.Map<String, List<String>> issued = new java.util.HashMap<>();

  private boolean inScope(String name) {
    for (List<Var> scope : scopes) {
      for (Var var : scope) {
        if (var.name.equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String[] NAMES_OF_OTHERS = {
    "RED", "GREEN", "BLUE", "color", "obj", "fd", "pt", "level", "sf"
  };
  private final Set<String> othersTaken = new HashSet<>();

  private void line(String text) {
    out.append("  ".repeat(indent)).append(overLines(text)).append('\n');
  }

  /**
   * Some statements written over two or three lines, as people write long ones: a space outside
   * literals becomes a line break (or a comment: a block comment, or a line comment that ends the
   * line), so that what fails on a later line of a statement is reported
   * there (javac marks each call's line) by both builds. Drawn from a Random of its own, so a
   * seed's programs are the same with or without their breaks.
   */
  private String overLines(String text) {
    if (!(text.endsWith(";") || text.endsWith("{"))
        || text.startsWith("}") // a closer ("} else {" is looked for as written)
        || text.indexOf('\n') >= 0
        || text.contains("//")
        || text.contains("/*")
        || lineBreaks.nextInt(100) >= 10) {
      return text;
    }
    List<Integer> spaces = new ArrayList<>();
    boolean inString = false;
    boolean inChar = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString || inChar) {
        if (c == '\\') {
          i++;
        } else if (inString && c == '"' || inChar && c == '\'') {
          inString = inChar = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '\'') {
        inChar = true;
      } else if (c == ' ') {
        spaces.add(i);
      }
    }
    if (spaces.isEmpty()) {
      return text;
    }
    StringBuilder broken = new StringBuilder(text);
    int breaks = 1 + lineBreaks.nextInt(2);
    java.util.TreeSet<Integer> at = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
    for (int i = 0; i < breaks; i++) {
      at.add(spaces.get(lineBreaks.nextInt(spaces.size())));
    }
    for (int space : at) {
      // a line break, a block comment, or a line comment and a break: comments are code's too
      String by =
          switch (lineBreaks.nextInt(4)) {
            case 2 -> " /* c */ ";
            case 3 -> " // c\n" + "  ".repeat(indent + 2);
            default -> "\n" + "  ".repeat(indent + 2);
          };
      broken.replace(space, space + 1, by);
    }
    return broken.toString();
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private void declare(String name, Ty ty, boolean assignable) {
    scopes.peek().add(new Var(name, ty, true, assignable));
  }

  private List<Var> visible(Ty ty) {
    List<Var> vars = new ArrayList<>();
    for (List<Var> scope : scopes) {
      for (Var var : scope) {
        // In a lambda or class body only what is final (by declaration) may be read.
        if (var.ty == ty && (inCapture == 0 || var.captureSafe)) {
          vars.add(var);
        }
      }
    }
    for (Var field : FIELDS) {
      // A local named like a field (fd) hides it: the name is the local's, a loop's counter perhaps
      // (assigning it as the field made a do-while loop that never ended: seed 451, program 288).
      if (field.ty == ty
          && (inClassBody == 0 || !field.name.matches("(this|super)\\..*"))
          && (field.name.contains(".") || !inScope(field.name))) {
        vars.add(field);
      }
    }
    if (innerWorld) {
      for (Var field : WORLD_FIELDS) {
        if (field.ty == ty) {
          vars.add(field);
        }
      }
    }
    return vars;
  }

  private List<Var> assignable(Ty ty) {
    List<Var> vars = new ArrayList<>();
    for (Var var : visible(ty)) {
      if (var.assignable && !var.frozen && (noAwait == 0 || !var.local)) {
        vars.add(var);
      }
    }
    return vars;
  }

  private boolean awaitsAllowed() {
    return noAwait == 0;
  }

  private String await(String awaitable) {
    return "await(" + awaitable + ")";
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions, by type.

  /** An expression of type {@code ty} (assignable to it), nested at most {@code depth} deep. */
  String expr(Ty ty, int depth) {
    if (depth <= 0 || chance(25)) {
      return leaf(ty);
    }
    if (awaitsAllowed() && chance(22)) {
      return awaited(ty, depth);
    }
    return switch (ty) {
      case BOOL -> bool(depth);
      case BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE -> numeric(ty, depth);
      case ZBOX, IBOX, LBOX, CBOX, DBOX -> boxed(ty, depth);
      case STRING -> string(depth);
      case OBJECT -> object(depth);
      case ARR -> intArray(depth);
      case ARR2 -> chance(50) ? "new int[" + smallIndex(depth) + "][" + smallIndex(depth) + "]" : "grid";
      case CELL -> cell(depth);
      case PT -> twoIntOperands("new Pt(", depth);
      case COLOR -> chance(50) ? "Color.values()[Math.floorMod(" + expr(Ty.INT, depth - 1) + ", 3)]" : leaf(ty);
      case LIST -> chance(30) ? "new ArrayList<>(List.of(" + expr(Ty.INT, 0) + ", " + expr(Ty.INT, depth - 1) + "))" : leaf(ty);
    };
  }

  /**
   * A numeric conditional of mixed types with an awaited box in one branch, such as {@code (c ?
   * (Double) await(v(..)) : i)}: its type (double) and the unboxing come from both branches as
   * written, which shows where nothing converts it further (an argument of type Object).
   */
  private String mixedConditional(Ty ty, int depth) {
    String box = "((" + ty.boxed + ") " + await("v(" + ty.boxed + ".valueOf(" + expr(ty, 0) + "))") + ")";
    String other = expr(chance(50) ? Ty.INT : Ty.CHAR, depth - 1);
    return "(" + expr(Ty.BOOL, depth - 1) + " ? "
        + (chance(50) ? box + " : " + other : other + " : " + box) + ")";
  }

  /** An expression of a random type, as text: arrays by their content (not their identity). */
  private String shown(int depth) {
    if (awaitsAllowed() && chance(3)) {
      return mixedConditional(pick(new Ty[] {Ty.LONG, Ty.DOUBLE, Ty.FLOAT}), depth);
    }
    Ty ty = pick(COMMON);
    String text = expr(ty, depth);
    if (ty == Ty.ARR) {
      return "Arrays.toString(" + text + ")";
    }
    if (ty == Ty.ARR2) {
      return "Arrays.deepToString(" + text + ")";
    }
    return text;
  }

  private String leaf(Ty ty) {
    List<Var> vars = visible(ty);
    if (!vars.isEmpty() && chance(60)) {
      return pick(vars).name;
    }
    return literal(ty);
  }

  private String literal(Ty ty) {
    int n = random.nextInt(10);
    return switch (ty) {
      case BOOL -> chance(50) ? "true" : "false";
      case OBJECT -> chance(30) ? "obj" : "(Object) \"o" + n + "\"";
      case BYTE -> chance(20) ? "(byte) " + (120 + n) : "(byte) " + n;
      case SHORT -> "(short) " + (chance(20) ? 32760 + n : n);
      case CHAR -> "'" + (char) ('a' + n) + "'";
      case INT -> chance(10) ? "K" : chance(10) ? Integer.toString(Integer.MAX_VALUE - n) : Integer.toString(n);
      case LONG -> n + "L";
      case FLOAT -> n + ".5f";
      case DOUBLE -> n + ".25";
      case ZBOX -> chance(15) ? "(Boolean) null" : "Boolean.valueOf(" + (n > 4) + ")";
      case IBOX -> chance(15) ? "(Integer) null" : "Integer.valueOf(" + n + ")";
      case LBOX -> chance(15) ? "(Long) null" : "Long.valueOf(" + n + "L)";
      case CBOX -> chance(15) ? "(Character) null" : "Character.valueOf('" + (char) ('a' + n) + "')";
      case DBOX -> chance(15) ? "(Double) null" : "Double.valueOf(" + n + ".5)";
      case STRING -> chance(10) ? "KS" : chance(8) ? "\"\"\"\n" + "  ".repeat(indent + 1) + "tb" + n + "\n" + "  ".repeat(indent + 1) + "\"\"\"" : "\"s" + n + "\"";
      case ARR -> chance(50) ? "arr" : "new int[] {" + n + ", " + (n + 1) + "}";
      case ARR2 -> "grid";
      case CELL -> chance(60) ? "cell" : "new Cell(" + n + ")";
      case PT -> "new Pt(" + n + ", " + (n + 2) + ")";
      case COLOR -> "Color." + pick(new String[] {"RED", "GREEN", "BLUE"});
      case LIST -> "list";
    };
  }

  /** An await that produces {@code ty}. */
  private String awaited(Ty ty, int depth) {
    int pick = random.nextInt(100);
    if (ty == Ty.INT && pick < 12) {
      String method = pick(new String[] {"twice", "baseTwice", "stwice", "bump", "AsyncWorld_Bodies.stwice", "@PKG.AsyncWorld_Bodies.stwice", "World.Bodies.stwice"});
      return await(method + "(" + expr(Ty.INT, depth - 1) + ")");
    }
    if (ty == Ty.INT && pick < 16) {
      return await("deep(" + random.nextInt(4) + ")");
    }
    if (ty == Ty.STRING && pick < 14) {
      return await(pick(new String[] {"echo", "baseEcho"}) + "(" + expr(Ty.STRING, depth - 1) + ")");
    }
    if (pick < 20 && !ty.primitive()) {
      return await("this.<" + ty.boxed + ">gid(" + expr(ty, depth - 1) + ")");
    }
    if (pick < 24) {
      // Throws at once or after suspending; the cast gives javac the type it must have.
      String thrower = chance(50) ? "boom(\"b" + (++ids) + "\")" : "fail(\"f" + (++ids) + "\")";
      return "((" + ty.boxed + ") " + await(thrower) + ")";
    }
    if (pick < 27) {
      // An instance method, or a static one: awaited in place through its machine's $now entry,
      // which throws at once (the entry's own handler) or after suspending.
      String thrower =
          chance(50)
              ? "thrower(\"t" + (++ids) + "\")"
              : "sthrower(\"t" + (++ids) + "\", " + chance(50) + ")";
      return "(" + await(thrower) + (ty == Ty.INT ? "" : " == 0 ? " + literal(ty) + " : " + literal(ty)) + ")";
    }
    String value = ty.primitive() && ty != Ty.INT && ty != Ty.BOOL && ty != Ty.LONG && ty != Ty.DOUBLE
        ? "(" + ty.java + ") (" + expr(ty, depth - 1) + ")"
        : expr(ty, depth - 1);
    if (pick < 35) {
      return await("stage(" + value + ")");
    }
    if (pick < 50) {
      return await("now(" + value + ")");
    }
    return await("v(" + value + ")");
  }

  private String bool(int depth) {
    int pick = random.nextInt(100);
    if (pick < 25) {
      Ty ty = pick(new Ty[] {Ty.INT, Ty.LONG, Ty.DOUBLE, Ty.CHAR, Ty.BYTE});
      // The left one unboxed: two awaited values would otherwise compare as references.
      return "(" + ty.java + ") " + paren(expr(ty, depth - 1))
          + pick(new String[] {" < ", " > ", " == ", " != ", " <= ", " >= "}) + expr(ty, depth - 1);
    }
    if (pick < 40) {
      return "(" + expr(Ty.BOOL, depth - 1) + pick(new String[] {" && ", " || ", " & ", " | ", " ^ "}) + expr(Ty.BOOL, depth - 1) + ")";
    }
    if (pick < 47) {
      return "!" + paren(expr(Ty.BOOL, depth - 1));
    }
    if (pick < 55) {
      return "(" + expr(Ty.BOOL, depth - 1) + " ? " + expr(Ty.BOOL, depth - 1) + " : " + expr(Ty.BOOL, depth - 1) + ")";
    }
    if (pick < 63) {
      String binding = id("s");
      return "(" + expr(Ty.OBJECT, depth - 1) + " instanceof String " + binding + " && " + binding + ".length() > " + random.nextInt(4) + ")";
    }
    if (pick < 68 && PATTERNS) {
      String x = id("rx");
      String second = UNNAMED && chance(40) ? "_" : chance(50) ? "var " + id("ry") : "int " + id("ry");
      if (chance(30)) {
        // A generic record: its var bindings have captured types (kept as their projections).
        String tag = id("bt");
        return "(" + expr(Ty.OBJECT, depth - 1) + " instanceof Box<?>(var " + x + ", var " + tag + ") && "
            + tag + ".length() > String.valueOf(" + x + ").length())";
      }
      return "(" + expr(Ty.OBJECT, depth - 1) + " instanceof Pt(int " + x + ", " + second + ") && " + x + " > 0)";
    }
    if (pick < 74) {
      return expr(Ty.STRING, depth - 1) + pick(new String[] {".isEmpty()", ".startsWith(\"s\")", ".equals(str)", ".contains(\"1\")"});
    }
    if (pick < 80) {
      return expr(Ty.ZBOX, depth - 1) + " == Boolean.TRUE";
    }
    if (pick < 86) {
      return expr(Ty.OBJECT, depth - 1) + " instanceof Integer";
    }
    if (pick < 92) {
      return expr(Ty.CELL, depth - 1) + ".v > " + expr(Ty.INT, 0);
    }
    return "(" + expr(Ty.ZBOX, depth - 1) + ")"; // unboxing, null included
  }

  private String paren(String text) {
    return "(" + text + ")";
  }

  private String numeric(Ty ty, int depth) {
    int pick = random.nextInt(100);
    String cast = ty == Ty.INT || ty == Ty.LONG || ty == Ty.DOUBLE || ty == Ty.FLOAT ? "" : "(" + ty.java + ") ";
    if (ty == Ty.FLOAT && pick < 40) {
      return "(float) (" + expr(Ty.INT, depth - 1) + " / 2.0)";
    }
    if (pick < 30) {
      String op = pick(new String[] {" + ", " - ", " * ", " / ", " % ", " + ", " * "});
      Ty operand = ty == Ty.LONG || ty == Ty.DOUBLE || ty == Ty.FLOAT ? ty : Ty.INT;
      if (ty == Ty.INT && chance(20)) {
        op = pick(new String[] {" << ", " >> ", " >>> ", " & ", " | ", " ^ "});
      }
      return cast + "(" + expr(operand, depth - 1) + op + expr(chance(80) ? operand : Ty.CHAR, depth - 1) + ")";
    }
    if (pick < 38) {
      if ((ty == Ty.LONG || ty == Ty.DOUBLE || ty == Ty.FLOAT) && awaitsAllowed() && chance(30)) {
        return cast + mixedConditional(ty, depth);
      }
      return cast + "(" + expr(Ty.BOOL, depth - 1) + " ? " + expr(ty, depth - 1) + " : " + expr(ty, depth - 1) + ")";
    }
    if (pick < 46) {
      Ty from = pick(new Ty[] {Ty.LONG, Ty.DOUBLE, Ty.INT, Ty.CHAR, Ty.IBOX, Ty.FLOAT});
      if (from == Ty.IBOX && ty != Ty.INT && ty != Ty.LONG && ty != Ty.DOUBLE && ty != Ty.FLOAT) {
        from = Ty.INT;
      }
      String operand = paren(expr(from, depth - 1));
      if (from.primitive()) {
        operand = "(" + from.java + ") " + operand; // an awaited value is boxed: unbox it first
      }
      return "(" + ty.java + ") " + operand;
    }
    if (pick < 54) {
      return selfUpdate(ty, depth, cast);
    }
    if (pick < 60) {
      return cast + "(-" + paren(expr(ty == Ty.CHAR || ty == Ty.BYTE || ty == Ty.SHORT ? Ty.INT : ty, depth - 1)) + ")";
    }
    if (ty == Ty.INT || ty == Ty.LONG || ty == Ty.DOUBLE) {
      if (pick < 66) {
        return twoIntOperands("mix(", depth);
      }
      if (pick < 70) {
        return "count(" + expr(Ty.STRING, depth - 1) + ")";
      }
      if (pick < 74) {
        return paren(expr(Ty.ARR, depth - 1)) + "[" + index(depth) + "]";
      }
      if (pick < 77) {
        return expr(Ty.ARR2, 0) + "[" + smallIndex(depth) + "][" + smallIndex(depth) + "]";
      }
      if (pick < 80) {
        return expr(Ty.CELL, depth - 1) + pick(new String[] {".v", ".get()", ".self().v"});
      }
      if (pick < 83) {
        return switchExpression(Ty.INT, depth - 1);
      }
      if (pick < 86) {
        return expr(Ty.LIST, depth - 1) + ".get(" + index(depth) + ")";
      }
      if (pick < 88) {
        return "sum(" + expr(Ty.INT, depth - 1) + ", " + expr(Ty.INT, depth - 1) + ", " + expr(Ty.INT, 0) + ")";
      }
      if (pick < 90) {
        return "inst(" + expr(Ty.INT, depth - 1) + ")";
      }
      if (pick < 92) {
        return expr(Ty.PT, depth - 1) + (chance(50) ? ".x()" : ".y()");
      }
      if (pick < 94) {
        return expr(Ty.COLOR, depth - 1) + ".ordinal()";
      }
      if (pick < 96) {
        return "new Inner()." + (chance(50) ? "iv" : "outer()");
      }
      if (pick < 98) {
        return "Math.max(" + expr(Ty.INT, depth - 1) + ", " + expr(Ty.INT, depth - 1) + ")";
      }
      return "World.Bodies.<Integer>id(" + expr(Ty.INT, depth - 1) + ")";
    }
    if (ty == Ty.CHAR && pick < 75) {
      return expr(Ty.STRING, depth - 1) + ".charAt(0)";
    }
    return cast + paren(expr(ty == Ty.CHAR ? Ty.INT : ty, depth - 1) + " + " + literal(ty == Ty.CHAR ? Ty.INT : ty));
  }

  /** {@code x++}, {@code --x}, {@code (x += e)}, {@code (x = e)} on some variable of type ty. */
  private String selfUpdate(Ty ty, int depth, String cast) {
    List<Var> targets = assignable(ty);
    if (targets.isEmpty()) {
      return leaf(ty);
    }
    Var target = pick(targets);
    int pick = random.nextInt(5);
    if (ty == Ty.BOOL || ty == Ty.STRING) {
      return "(" + target.name + (ty == Ty.STRING && chance(50) ? " += " : " = ") + expr(ty, depth - 1) + ")";
    }
    return switch (pick) {
      case 0 -> target.name + "++";
      case 1 -> "--" + target.name;
      case 2 -> "(" + target.name + " = " + expr(ty, depth - 1) + ")";
      default -> "(" + target.name + pick(new String[] {" += ", " -= ", " *= "}) + expr(ty, depth - 1) + ")";
    };
  }

  private String index(int depth) {
    return chance(85) ? "Math.floorMod(" + intOperand(depth - 1) + ", 2)" : expr(Ty.INT, 0);
  }

  private String smallIndex(int depth) {
    return chance(80) ? "Math.floorMod(" + intOperand(Math.min(depth - 1, 1)) + ", 2)" : "1";
  }

  /**
   * {@code call} and two int operands: after an Integer (maybe null), mostly an await, which
   * shows whether the Integer was unboxed before the await ran, as javac does.
   */
  private String twoIntOperands(String call, int depth) {
    // Sometimes the Integer is itself awaited (maybe null): the awaited value must be unboxed as
    // soon as it arrives too, not where the call is finally made.
    String first =
        awaitsAllowed() && chance(8)
            ? await("v(" + expr(Ty.IBOX, Math.max(depth - 1, 0)) + ")")
            : intOperand(depth - 1);
    String second =
        (first.contains("Integer") || first.startsWith("await(")) && awaitsAllowed() && chance(60)
            ? await("stage(" + expr(Ty.INT, depth - 1) + ")") // logs: it shows whether it ran
            : intOperand(depth - 1);
    return call + first + ", " + second + ")";
  }

  /**
   * Where an int is expected (an argument for an int parameter, an index, a dimension): mostly an
   * int, sometimes an Integer, which may be null: javac unboxes it as soon as it is evaluated, so
   * a null one throws before the operands after it run.
   */
  private String intOperand(int depth) {
    return chance(12) ? expr(Ty.IBOX, Math.max(depth, 0)) : expr(Ty.INT, depth);
  }

  private String boxed(Ty ty, int depth) {
    int pick = random.nextInt(100);
    if (pick < 30) {
      return ty.java + ".valueOf(" + expr(ty.unboxed(), depth - 1) + ")";
    }
    if (pick < 45) {
      return "(" + expr(Ty.BOOL, depth - 1) + " ? " + expr(ty, depth - 1) + " : " + expr(ty, depth - 1) + ")";
    }
    if (pick < 55 && ty == Ty.IBOX) {
      return expr(Ty.LIST, depth - 1) + ".get(" + index(depth) + ")";
    }
    if (pick < 60 && ty == Ty.IBOX) {
      return expr(Ty.CELL, depth - 1) + ".b";
    }
    if (pick < 70) {
      return "World.Bodies.<" + ty.java + ">id(" + expr(ty, depth - 1) + ")";
    }
    return leaf(ty);
  }

  private String string(int depth) {
    if (innerWorld && chance(6)) {
      String n = expr(Ty.INT, depth - 1);
      return pick(new String[] {"wname(" + n + ")", "World.this.wname(" + n + ")", "new WInner(" + n + ").s"});
    }
    int pick = random.nextInt(100);
    if (pick < 35) {
      return "(" + expr(Ty.STRING, depth - 1) + " + " + paren(shown(depth - 1)) + ")";
    }
    if (pick < 42) {
      return "String.valueOf(" + shown(depth - 1) + ")";
    }
    if (pick < 48) {
      return "mark(" + expr(Ty.STRING, depth - 1) + ")";
    }
    if (pick < 53) {
      return "kind(" + expr(pick(new Ty[] {Ty.INT, Ty.LONG, Ty.IBOX, Ty.CHAR, Ty.DOUBLE, Ty.STRING, Ty.BYTE}), depth - 1) + ")";
    }
    if (pick < 58) {
      return "pair(" + shown(depth - 1) + ", " + shown(depth - 1) + ", " + shown(depth - 1) + ")";
    }
    if (pick < 62) {
      return "joinAll(\"-\", " + shown(depth - 1) + ", " + shown(depth - 1) + ")";
    }
    if (pick < 67) {
      return switchExpression(Ty.STRING, depth - 1);
    }
    if (pick < 70) {
      return "hello(" + expr(Ty.STRING, depth - 1) + ")";
    }
    if (pick < 72 && inClassBody == 0) {
      return "Greeter.super.hello(" + expr(Ty.STRING, depth - 1) + ")";
    }
    if (pick < 74 && inClassBody == 0) {
      return "super.lname()";
    }
    if (pick < 76) {
      return "outerName(" + expr(Ty.INT, depth - 1) + ")";
    }
    if (pick < 80) {
      return expr(Ty.STRING, depth - 1) + ".repeat(" + random.nextInt(3) + ")";
    }
    if (pick < 84) {
      return "(" + selfUpdate(Ty.STRING, depth, "") + ")";
    }
    if (pick < 88) {
      return "((String) " + expr(Ty.OBJECT, depth - 1) + ")"; // may throw ClassCastException
    }
    if (pick < 91 && PATTERNS) {
      return patternSwitch(depth - 1);
    }
    if (pick < 94) {
      return expr(Ty.CELL, depth - 1) + ".s";
    }
    return leaf(Ty.STRING);
  }

  /** An expression whose static type is Object (instanceof against anything is legal). */
  private String object(int depth) {
    Ty ty = pick(COMMON);
    if (ty == Ty.OBJECT) {
      return leaf(Ty.OBJECT);
    }
    return "(Object) " + paren(expr(ty == Ty.ARR || ty == Ty.ARR2 ? Ty.STRING : ty, depth - 1));
  }

  private String intArray(int depth) {
    int pick = random.nextInt(100);
    if (pick < 30) {
      return "new int[] {" + expr(Ty.INT, depth - 1) + ", " + expr(Ty.INT, depth - 1) + ", " + expr(Ty.INT, 0) + "}";
    }
    if (pick < 45) {
      return "new int[" + smallIndex(depth) + " + 1]";
    }
    if (pick < 55) {
      return "grid[" + smallIndex(depth) + "]";
    }
    if (pick < 65) {
      return "World.Bodies.<int[]>id(" + expr(Ty.ARR, depth - 1) + ")";
    }
    return leaf(Ty.ARR);
  }

  private String cell(int depth) {
    int pick = random.nextInt(100);
    if (pick < 40) {
      return "new Cell(" + expr(Ty.INT, depth - 1) + ")";
    }
    if (pick < 55) {
      return expr(Ty.CELL, depth - 1) + ".self()";
    }
    if (pick < 62) {
      return "cell.next"; // null: a NullPointerException where it is used
    }
    return leaf(Ty.CELL);
  }

  /** A switch expression of type ty (arrow or colon form, with yields). */
  private String switchExpression(Ty ty, int depth) {
    String selector;
    String[] labels;
    int kind = random.nextInt(4);
    if (kind == 0) {
      selector = "Math.floorMod(" + expr(Ty.INT, depth) + ", 3)";
      labels = new String[] {"0", "1", "2"};
    } else if (kind == 1) {
      selector = expr(Ty.STRING, depth);
      labels = new String[] {"\"s1\"", "\"str\"", "\"ks\""};
    } else if (kind == 2) {
      selector = expr(Ty.COLOR, depth);
      labels = new String[] {"RED", "GREEN", "BLUE"};
    } else {
      selector = expr(Ty.CHAR, depth);
      labels = new String[] {"'a'", "'q'", "KC"};
    }
    inSwitchExpression++;
    Deque<Jump> saved = jumps;
    jumps = new ArrayDeque<>();
    StringBuilder text = new StringBuilder("switch (" + selector + ") {");
    boolean arrows = chance(70);
    int cases = 1 + random.nextInt(2);
    for (int c = 0; c < cases; c++) {
      if (arrows) {
        if (chance(30) && awaitsAllowed()) {
          String t = id("y");
          text.append(" case ").append(labels[c]).append(" -> { ")
              .append(ty.java).append(" ").append(t).append(" = ").append(expr(ty, depth))
              .append("; log(").append(t).append("); yield ").append(t).append("; }");
        } else if (chance(10)) {
          text.append(" case ").append(labels[c]).append(" -> throw new Boom(\"arm").append(++ids).append("\");");
        } else {
          text.append(" case ").append(labels[c]).append(" -> ").append(expr(ty, depth)).append(";");
        }
      } else {
        text.append(" case ").append(labels[c]).append(": ");
        if (chance(30)) {
          text.append("log(\"fall").append(++ids).append("\"); ");
          if (chance(50) && c + 1 < cases) {
            continue; // falls through into the next case
          }
        }
        text.append("yield ").append(expr(ty, depth)).append(";");
      }
    }
    text.append(arrows ? " default -> " + expr(ty, depth) + ";" : " default: yield " + expr(ty, depth) + ";");
    text.append(" }");
    jumps = saved;
    inSwitchExpression--;
    return "(" + text + ")";
  }

  /** Java 21+: a pattern switch over an Object, with guards, record patterns and null. */
  private String patternSwitch(int depth) {
    String n = id("pi");
    String s = id("ps");
    StringBuilder text = new StringBuilder("switch (" + expr(Ty.OBJECT, depth) + ") {");
    text.append(" case null -> \"null\";");
    String guard = n + " > " + expr(Ty.INT, 0);
    if (awaitsAllowed() && chance(40)) {
      guard = await("v(" + guard + ")");
    }
    text.append(" case Integer ").append(n).append(" when ").append(guard).append(" -> \"big\" + ").append(n).append(";");
    text.append(" case Integer ").append(n).append(" -> \"int\" + ").append(n).append(";");
    if (chance(50)) {
      String x = id("px");
      text.append(" case Pt(int ").append(x).append(", ").append(UNNAMED ? "_" : "int " + id("py")).append(") -> \"pt\" + ").append(x).append(";");
    }
    text.append(" case String ").append(s).append(" -> ").append(awaitsAllowed() && chance(40) ? await("v(" + s + ")") : s).append(";");
    text.append(" default -> \"other\"; }");
    return "(" + text + ")";
  }

  // ---------------------------------------------------------------------------------------------
  // Statements.

  private void statement(int depth) {
    budget--;
    int pick = random.nextInt(depth >= 3 ? 45 : 100);
    if (pick < 14) {
      declaration();
    } else if (pick < 24) {
      assignment();
    } else if (pick < 30) {
      line("log(" + shown(2) + ");");
    } else if (pick < 34) {
      if (awaitsAllowed() && generatorMode && chance(50)) {
        emit();
      } else if (awaitsAllowed()) {
        line(await(chance(70) ? "v(" + shown(1) + ")" : "sleep(0)") + ";");
      } else {
        line("log(" + expr(Ty.INT, 1) + ");");
      }
    } else if (pick < 37) {
      jumpOrExit();
    } else if (pick < 40) {
      otherExpressionStatement();
    } else if (pick < 45) {
      localTypeOrLambda();
    } else if (pick < 53) {
      ifStatement(depth);
    } else if (pick < 59) {
      forLoop(depth);
    } else if (pick < 62) {
      whileLoop(depth);
    } else if (pick < 65) {
      doWhileLoop(depth);
    } else if (pick < 68) {
      if (awaitsAllowed() && generatorDepth < 2 && chance(60)) {
        asyncForEach(depth);
      } else {
        forEach(depth);
      }
    } else if (pick < 75) {
      switchStatement(depth);
    } else if (pick < 85) {
      tryStatement(depth);
    } else if (pick < 88) {
      labeledBlock(depth);
    } else if (pick < 90) {
      assertStatement();
    } else if (pick < 92) {
      synchronizedBlock(depth);
    } else if (pick < 94) {
      line(";");
    } else if (pick < 97) {
      block(depth, "{", "}");
    } else {
      patternStatement();
    }
  }

  private void declaration() {
    Ty ty = pick(COMMON);
    String name = id(chance(10) ? "$v" : chance(10) ? "v$" : "v");
    int pick = random.nextInt(100);
    if (chance(4)) {
      // A type annotation inside a type argument, the local read after an await.
      line("List<@Tu String> " + name + " = new ArrayList<>(List.of(" + expr(Ty.STRING, 1) + "));");
      if (awaitsAllowed()) {
        line("await(v(0));");
      }
      line("log(" + name + ".size() + " + name + ".get(0));");
      return;
    }
    if (pick < 12) {
      line("var " + name + " = " + expr(ty, 2) + ";");
    } else if (pick < 20 && ty.primitive() && ty != Ty.BOOL) {
      String second = id("w");
      line(ty.java + " " + name + " = " + expr(ty, 1) + ", " + second + " = " + expr(ty, 1) + ";");
      declare(second, ty, true);
    } else if (pick < 26) {
      line(ty.java + " " + name + ";");
      line(name + " = " + expr(ty, 2) + ";");
    } else if (pick < 31 && ty == Ty.INT) {
      line("int " + name + "[] = {" + expr(Ty.INT, 1) + ", " + expr(Ty.INT, 0) + "};");
      declare(name, Ty.ARR, true);
      return;
    } else if (pick < 38 && (ty.primitive() || ty == Ty.STRING)) {
      // A constant: a case label may use it.
      String value = literal(ty == Ty.BOOL ? Ty.INT : ty);
      Ty constantTy = ty == Ty.BOOL ? Ty.INT : ty;
      if (constantTy == Ty.INT && chance(50)) {
        // Named like an enum constant (see localConstantLabels), once in a body.
        String color = pick(new String[] {"RED", "GREEN", "BLUE"});
        if (!inScope(color) && othersTaken.add(color)) {
          name = color;
        }
      }
      if (value.contains("\"\"\"") || value.equals("KS") || value.equals("K")) {
        value = constantTy == Ty.STRING ? "\"c" + ids + "\"" : value;
      }
      line("final " + constantTy.java + " " + name + " = " + value + ";");
      declare(name, constantTy, false);
      scopes.peek().get(scopes.peek().size() - 1).captureSafe = true;
      return;
    } else {
      // A type annotation on the declared type, now and then (javac writes them where Java does
      // not allow them, in the type's text).
      line((chance(10) ? "@Tu " : "") + ty.java + " " + name + " = " + expr(ty, 2) + ";");
    }
    declare(name, ty, true);
  }

  private void assignment() {
    Ty ty = pick(COMMON);
    int pick = random.nextInt(100);
    if (pick < 15 && awaitsAllowed()) {
      // Array elements, with awaited arrays and indexes.
      String array = chance(40) ? await("v(arr)") : "arr";
      String index = chance(40) && awaitsAllowed() ? await("v(" + random.nextInt(5) + ")") : index(2);
      line(array + "[" + index + "]" + pick(new String[] {" = ", " += ", " -= ", " *= ", " /= ", " %= ", " <<= ", " >>= ", " >>>= ", " &= ", " |= ", " ^= "}) + expr(Ty.INT, 2) + ";");
      return;
    }
    if (pick < 22 && awaitsAllowed()) {
      String target = pick(new String[] {"cell.v", await("v(cell)") + ".v", "new Cell(3).v", "grid[" + smallIndex(2) + "][" + smallIndex(2) + "]", "super.level", "World.outerCount", "cell.self().v"});
      line(target + pick(new String[] {" = ", " += ", " -= ", " ^= "}) + expr(Ty.INT, 2) + ";");
      return;
    }
    if (pick < 30) {
      List<Var> targets = assignable(Ty.INT);
      if (!targets.isEmpty()) {
        Var a = pick(targets);
        Var b = pick(targets);
        line(a.name + " = " + b.name + " = " + expr(Ty.INT, 1) + ";");
        return;
      }
    }
    List<Var> targets = assignable(ty);
    if (targets.isEmpty()) {
      line("log(" + expr(ty, 1) + ");");
      return;
    }
    Var target = pick(targets);
    String op = " = ";
    if (ty.numeric() || ty.box() && ty != Ty.ZBOX && ty != Ty.CBOX) {
      op = pick(new String[] {" = ", " += ", " -= ", " *= ", " /= ", " %= "});
      if ((ty == Ty.INT || ty == Ty.LONG || ty == Ty.BYTE || ty == Ty.SHORT || ty == Ty.CHAR) && chance(30)) {
        op = pick(new String[] {" <<= ", " >>= ", " >>>= ", " &= ", " |= ", " ^= "});
      }
    } else if (ty == Ty.STRING) {
      op = pick(new String[] {" = ", " += "});
    } else if (ty == Ty.BOOL || ty == Ty.ZBOX) {
      op = pick(new String[] {" = ", " &= ", " |= ", " ^= "});
    }
    if (ty == Ty.STRING && op.equals(" += ")) {
      line(target.name + op + shown(2) + ";");
      return;
    }
    Ty right = op.equals(" = ") ? ty : ty.unboxed();
    if (!op.equals(" = ") && (ty == Ty.BYTE || ty == Ty.SHORT || ty == Ty.CHAR) && chance(50)) {
      right = Ty.INT; // compound assignment narrows implicitly
    }
    if (chance(15) && (ty.numeric() || ty == Ty.IBOX)) {
      line(target.name + pick(new String[] {"++;", "--;"}));
      return;
    }
    line(target.name + op + expr(right, 2) + ";");
  }

  private void otherExpressionStatement() {
    int pick = random.nextInt(100);
    if (pick < 20) {
      line("list.add(" + expr(Ty.INT, 2) + ");");
    } else if (pick < 35) {
      line("new Cell(" + expr(Ty.INT, 1) + ").get();");
    } else if (pick < 45) {
      line("mark(" + expr(Ty.STRING, 1) + ");");
    } else if (pick < 55) {
      line("cell.self().v" + pick(new String[] {"++;", " += " + expr(Ty.INT, 1) + ";"}));
    } else if (pick < 65) {
      line("World.outerCount += " + expr(Ty.INT, 1) + ";");
    } else if (pick < 75) {
      line("inst(" + expr(Ty.INT, 2) + ");");
    } else if (pick < 85) {
      line("++" + (chance(50) ? "f" : "this.total$1") + ";");
    } else {
      line("new Inner().outer();");
    }
  }

  /** A guarded jump, return or throw (never makes what follows unreachable). */
  private void jumpOrExit() {
    String condition = expr(Ty.BOOL, 1);
    List<String> options = new ArrayList<>();
    for (Jump jump : jumps) {
      if (jump.loop()) {
        options.add(jump.label().isEmpty() ? "continue;" : "continue " + jump.label() + ";");
      }
      if (!jump.label().isEmpty()) {
        options.add("break " + jump.label() + ";");
      }
    }
    if (!jumps.isEmpty() && (jumps.peek().loop() || jumps.peek().switchBlock())) {
      options.add("break;");
    }
    if (inSwitchExpression == 0) {
      options.add(returnStatement(1));
    }
    options.add("throw new Boom(\"t" + (++ids) + "\");");
    if (awaitsAllowed()) {
      options.add("await(boom(\"b" + (++ids) + "\"));");
    }
    line("if (" + condition + ") " + pick(options));
  }

  private void block(int depth, String header, String trailer) {
    line(header);
    indent++;
    scopes.push(new ArrayList<>());
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count && budget > 0; i++) {
      statement(depth + 1);
    }
    scopes.pop();
    indent--;
    line(trailer);
  }

  private String label() {
    return chance(25) ? id("L") : "";
  }

  private void ifStatement(int depth) {
    String condition = expr(Ty.BOOL, 2);
    block(depth, "if (" + condition + ") {", chance(50) ? "}" : "} else {");
    if (out.toString().endsWith("} else {\n")) {
      indent++;
      scopes.push(new ArrayList<>());
      statement(depth + 1);
      scopes.pop();
      indent--;
      line("}");
    }
  }

  private void loop(int depth, String label, String header, String trailer, List<Var> loopVars) {
    jumps.push(new Jump(label, true, false, false));
    scopes.push(loopVars);
    block(depth, (label.isEmpty() ? "" : label + ": ") + header, trailer);
    scopes.pop();
    jumps.pop();
  }

  private void forLoop(int depth) {
    String label = label();
    String k = id("k");
    int bound = random.nextInt(4);
    String limit = awaitsAllowed() && chance(30) ? await("v(" + bound + ")") : Integer.toString(bound);
    String update = awaitsAllowed() && chance(20) ? k + " += " + await("v(1)") : k + "++";
    int form = random.nextInt(4);
    if (form == 0) {
      // An existing variable as the counter, several updates.
      String acc = id("acc");
      line("int " + k + ", " + acc + " = 0;");
      scopes.peek().add(new Var(acc, Ty.INT, true, true));
      loop(depth, label, "for (" + k + " = 0; " + k + " < " + limit + "; " + update + ", " + acc + " += " + k + ") {", "}", new ArrayList<>());
      line("log(" + acc + " + \"/\" + " + k + ");");
    } else if (form == 1) {
      String two = id("j");
      List<Var> vars = new ArrayList<>(List.of(new Var(k, Ty.INT, true, false), new Var(two, Ty.INT, true, true)));
      // Java 22+: an unnamed declarator in the init, run for its effect only.
      String unnamed = UNNAMED && chance(30) ? ", _ = " + expr(Ty.INT, 1) : "";
      loop(depth, label, "for (int " + k + " = 0, " + two + " = 10" + unnamed + "; " + k + " < " + limit + "; " + update + ", " + two + "--) {", "}", vars);
    } else if (form == 2) {
      List<Var> vars = new ArrayList<>(List.of(new Var(k, Ty.INT, true, false)));
      String body = "for (int " + k + " = 0; ; " + update + ") {";
      jumps.push(new Jump(label, true, false, false));
      scopes.push(vars);
      line((label.isEmpty() ? "" : label + ": ") + body);
      indent++;
      line("if (" + k + " >= " + limit + ") break;");
      scopes.push(new ArrayList<>());
      int count = 1 + random.nextInt(2);
      for (int i = 0; i < count && budget > 0; i++) {
        statement(depth + 1);
      }
      scopes.pop();
      indent--;
      line("}");
      scopes.pop();
      jumps.pop();
    } else {
      List<Var> vars = new ArrayList<>(List.of(new Var(k, Ty.INT, true, false)));
      loop(depth, label, "for (int " + k + " = 0; " + k + " < " + limit + "; " + update + ") {", "}", vars);
    }
  }

  private void whileLoop(int depth) {
    String label = label();
    String counter = id("w");
    int bound = random.nextInt(4);
    line("int " + counter + " = 0;");
    scopes.peek().add(new Var(counter, Ty.INT, true, false));
    String test = awaitsAllowed() && chance(30) ? await("v(" + counter + "++)") + " < " + bound : counter + "++ < " + bound;
    loop(depth, label, "while (" + test + ") {", "}", new ArrayList<>());
  }

  private void doWhileLoop(int depth) {
    String label = label();
    String counter = id("d");
    int bound = 1 + random.nextInt(3);
    line("int " + counter + " = 0;");
    scopes.peek().add(new Var(counter, Ty.INT, true, false));
    String test = awaitsAllowed() && chance(30) ? await("v(++" + counter + ")") + " < " + bound : "++" + counter + " < " + bound;
    loop(depth, label, "do {", "} while (" + test + ");", new ArrayList<>());
  }

  private void forEach(int depth) {
    String label = label();
    String item = id("e");
    int form = random.nextInt(4);
    String header;
    Ty ty;
    if (form == 0) {
      ty = Ty.INT;
      header = "for (int " + item + " : " + (awaitsAllowed() && chance(40) ? await("v(new int[] {1, 2})") : "new int[] {" + expr(Ty.INT, 1) + ", 2}") + ") {";
    } else if (form == 1) {
      ty = Ty.IBOX;
      header = "for (Integer " + item + " : " + (awaitsAllowed() && chance(40) ? await("v(List.of(3, 4))") : "List.of(5, 6)") + ") {";
    } else if (form == 2) {
      ty = Ty.CHAR;
      header = "for (char " + item + " : " + expr(Ty.STRING, 1) + ".toCharArray()) {";
    } else {
      ty = Ty.ARR;
      header = "for (var " + item + " : grid) {";
    }
    loop(depth, label, header, "}", new ArrayList<>(List.of(new Var(item, ty, true, false))));
  }

  /**
   * A local int constant in scope, as a case label of an int switch: one of the body's own, or one
   * named like an enum constant of the world ({@code final int RED = 6;}), which an enum switch
   * of the same body takes for the enum's constant while this one takes it for the local.
   */
  private List<String> localConstantLabels() {
    for (Var var : visible(Ty.INT)) {
      if (var.local
          && !var.assignable
          && (var.name.startsWith("v") || List.of("RED", "GREEN", "BLUE").contains(var.name))) {
        return List.of(var.name);
      }
    }
    return List.of();
  }

  private void switchStatement(int depth) {
    int kind = random.nextInt(5);
    String selector;
    List<String> labels = new ArrayList<>();
    if (kind == 0) {
      selector = "Math.floorMod(" + expr(Ty.INT, 1) + ", 4)";
      labels.addAll(List.of("0", "1", "2", "K"));
      labels.addAll(localConstantLabels());
    } else if (kind == 1) {
      selector = expr(Ty.STRING, 1);
      labels.addAll(List.of("\"s1\"", "\"str\"", "KS", "\"s3\""));
    } else if (kind == 2) {
      String color = pick(new String[] {"RED", "GREEN", "BLUE"});
      if (chance(15) && !inScope(color) && othersTaken.add(color)) {
        // A local constant named like the label: the enum's constant is the label all the same.
        line("final int " + color + " = " + random.nextInt(4) + ";");
        declare(color, Ty.INT, false);
        scopes.peek().get(scopes.peek().size() - 1).captureSafe = true;
      }
      selector = expr(Ty.COLOR, 1);
      labels.addAll(List.of("RED", "GREEN", "BLUE"));
    } else if (kind == 3) {
      selector = expr(Ty.CHAR, 1);
      labels.addAll(List.of("'a'", "'q'", "KC", "'b'"));
    } else {
      selector = expr(Ty.IBOX, 1); // a null selector throws
      labels.addAll(List.of("1", "2", "5"));
      labels.addAll(localConstantLabels());
    }
    boolean arrows = chance(40);
    line("switch (" + selector + ") {");
    indent++;
    jumps.push(new Jump("", false, true, false));
    int cases = 1 + random.nextInt(Math.min(3, labels.size()));
    List<String> used = new ArrayList<>();
    for (int c = 0; c < cases; c++) {
      String head = labels.get(c);
      if (used.contains(head)) {
        continue;
      }
      used.add(head);
      boolean last = c == cases - 1 && chance(50);
      String extra = labels.get(labels.size() - 1);
      boolean two = !last && chance(15) && !used.contains(extra) && !labels.subList(0, cases).contains(extra);
      String caseHead = last ? "default" : "case " + head + (two ? ", " + extra : "");
      if (two) {
        used.add(extra);
      }
      if (arrows) {
        block(depth, caseHead + " -> {", "}");
      } else {
        block(depth, caseHead + ":", chance(50) ? "  break;" : "  // falls through");
      }
      if (last) {
        break;
      }
    }
    jumps.pop();
    indent--;
    line("}");
  }

  private void tryStatement(int depth) {
    String header = "try {";
    boolean resources = chance(25);
    if (resources) {
      String name = pick(new String[] {"a", "b", "bad" + ids, "boom" + ids, "c"});
      // Java 22+: an unnamed resource, kept only to be closed.
      String list = (UNNAMED && chance(25) ? "var _" : "Res " + id("r")) + " = new Res(\"" + name + "\")";
      if (chance(40)) {
        String second = awaitsAllowed() && chance(50) ? await("v(\"bad2\")") : "\"d\"";
        list += "; Res " + id("r") + " = new Res(" + second + ")";
      }
      if (chance(25)) {
        String existing = id("x");
        line("Res " + existing + " = new Res(\"ex\");");
        list = existing + "; " + list;
        // read later too (an Object): a local the machine keeps across awaits is not effectively
        // final there, which the named resource needs (the long run, seed 411, program 449153)
        declare(existing, Ty.OBJECT, false);
      }
      header = "try (" + list + ") {";
    }
    line(header);
    indent++;
    scopes.push(new ArrayList<>());
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count && budget > 0; i++) {
      statement(depth + 1);
    }
    if (chance(40)) {
      jumpOrExit();
    }
    scopes.pop();
    indent--;
    int form = random.nextInt(resources ? 5 : 4);
    String[] narrow = {"Boom", "Boom | ArithmeticException", "IllegalStateException | Boom",
        "ArithmeticException | NullPointerException | IndexOutOfBoundsException", "ClassCastException | Boom"};
    if (form == 3) {
      catchClause(depth, pick(narrow));
    } else if (form == 0 || form == 1) {
      catchClause(depth, chance(50) ? pick(narrow) : pick(new String[] {"RuntimeException", "Exception", "Throwable"}));
    }
    if (form == 3) {
      catchClause(depth, "RuntimeException");
    }
    if (form == 1 || form == 2) {
      line("} finally {");
      indent++;
      scopes.push(new ArrayList<>());
      line("log(\"finally\");");
      if (chance(50) && budget > 0) {
        statement(depth + 1);
      }
      if (chance(8)) {
        line("if (" + expr(Ty.BOOL, 0) + ") throw new Boom(\"from finally\");");
      }
      if (chance(10)) {
        abandonedReturn();
      }
      scopes.pop();
      indent--;
    }
    line("}");
  }

  /**
   * In a finally block: a return that an exception then abandons, the exception caught right
   * there, so that the finally block ends normally and whatever was pending through it (a return,
   * a jump, an exception) must go on unchanged.
   */
  private void abandonedReturn() {
    String e = id("e");
    line("try {");
    indent++;
    line("try {");
    indent++;
    line("if (" + expr(Ty.BOOL, 0) + ") " + returnStatement(1));
    indent--;
    line("} finally {");
    indent++;
    if (awaitsAllowed() && chance(50)) {
      line("await(sleep(0));");
    }
    line("if (" + expr(Ty.BOOL, 0) + ") throw new Boom(\"abandons the return\");");
    indent--;
    line("}");
    indent--;
    line("} catch (Boom " + e + ") {");
    indent++;
    line("log(\"caught \" + msg(" + e + "));");
    indent--;
    line("}");
  }

  private void catchClause(int depth, String types) {
    if (UNNAMED && chance(15) && !types.equals("Throwable")) {
      line("} catch (" + types + " _) {");
      indent++;
      line("log(\"caught unnamed\");");
      indent--;
      return;
    }
    String e = id("e");
    line("} catch (" + types + " " + e + ") {");
    indent++;
    scopes.push(new ArrayList<>());
    if (types.equals("Throwable")) {
      line("if (" + e + " instanceof CancelledError || " + e + " instanceof GeneratorExit) throw " + e + ";");
    }
    line("log(\"caught \" + msg(" + e + "));");
    if (!types.contains("|") && chance(10)) {
      // A uni-catch parameter is a variable like any other: Java lets the handler assign it.
      boolean made = List.of("Boom", "RuntimeException", "IllegalStateException", "ArithmeticException").contains(types);
      line(e + " = " + (made ? "new " + types + "(\"again\")" : e) + ";");
      line("log(msg(" + e + "));");
    }
    if (chance(50) && budget > 0) {
      statement(depth + 1);
    }
    if (chance(10)) {
      line("if (" + expr(Ty.BOOL, 0) + ") throw " + e + ";");
    }
    scopes.pop();
    indent--;
  }

  private void labeledBlock(int depth) {
    String label = id("B");
    jumps.push(new Jump(label, false, false, true));
    block(depth, label + ": {", "}");
    jumps.pop();
  }

  private void assertStatement() {
    String condition = expr(Ty.BOOL, 2);
    line("assert " + condition + (chance(60) ? " : " + shown(1) : "") + ";");
  }

  private void synchronizedBlock(int depth) {
    noAwait++;
    block(depth, "synchronized (" + (chance(50) ? "this" : "list") + ") {", "}");
    noAwait--;
  }

  /**
   * A call on an instance of a local class or record, sometimes through an await of it: the
   * instance is then read only by the await's argument, and the code after the await restates
   * that argument (with a stand-in of the local's class) to type the value (grammar seed 403,
   * program 12006, found that shape's defect at 1 in 30,000 programs).
   */
  private String laterCall(String call) {
    java.util.regex.Matcher instance = java.util.regex.Pattern.compile("^((?:lo|re)\\d+)(\\..*)$").matcher(call);
    if (instance.matches() && awaitsAllowed() && chance(40)) {
      return await("v(" + instance.group(1) + ")") + instance.group(2);
    }
    return call;
  }

  /** Local classes, records, enums, interfaces; lambdas, method references, anonymous classes. */
  private void localTypeOrLambda() {
    int pick = random.nextInt(100);
    int before = laterCalls.size();
    localTypeOrLambda(pick);
    if (scopes.size() > 1) {
      // Declared in an inner block: use it there, after an await.
      List<String> calls = new ArrayList<>(laterCalls.subList(before, laterCalls.size()));
      laterCalls.subList(before, laterCalls.size()).clear();
      if (awaitsAllowed() && !calls.isEmpty()) {
        line(await("v(0)") + ";");
      }
      for (String call : calls) {
        line("log(" + laterCall(call) + ");");
      }
    }
  }

  private void localTypeOrLambda(int pick) {
    List<Var> captures = new ArrayList<>();
    for (List<Var> scope : scopes) {
      for (Var var : scope) {
        if (var.ty == Ty.INT && var.local) {
          captures.add(var);
        }
      }
    }
    Var captured = captures.isEmpty() ? null : pick(captures);
    String capture = "0";
    if (captured != null && chance(80)) {
      // Captured through a final copy: the counters of loops are not effectively final.
      String copy = id("cap");
      line("final int " + copy + " = " + captured.name + ";");
      declare(copy, Ty.INT, false);
      scopes.peek().get(scopes.peek().size() - 1).captureSafe = true;
      capture = copy;
    }
    if (pick < 20) {
      String type = id("Loc");
      String instance = id("lo");
      line("class " + type + " { int n = " + capture + "; int next() { return ++n + f; } }");
      line(type + " " + instance + " = new " + type + "();");
      laterCalls.add(instance + ".next()");
      freeze(capture);
    } else if (pick < 32) {
      String type = id("Rec");
      line("record " + type + "(int a, String b) { String both() { return b + a; } }");
      String instance = id("re");
      line("var " + instance + " = new " + type + "(" + expr(Ty.INT, 1) + ", " + expr(Ty.STRING, 1) + ");");
      laterCalls.add(instance + ".both()");
    } else if (pick < 40) {
      String type = id("En");
      line("enum " + type + " { P, Q { int w() { return 2; } }; int w() { return 1; } }");
      laterCalls.add(type + ".Q.w() + " + type + ".valueOf(\"P\").ordinal()");
    } else if (pick < 46) {
      String type = id("Ifc");
      line("interface " + type + " { int g(int x); default int h() { return g(3); } }");
      String instance = id("ic");
      line(type + " " + instance + " = x -> x * " + capture + ";");
      laterCalls.add(instance + ".h()");
      freeze(capture);
    } else if (pick < 62) {
      String fn = id("fn");
      line("java.util.function.IntUnaryOperator " + fn + " = x -> x + " + capture + " + f;");
      laterCalls.add(fn + ".applyAsInt(" + random.nextInt(5) + ")");
      freeze(capture);
    } else if (pick < 72) {
      String ref = id("ref");
      String target = pick(new String[] {"this::state", "str::length", "World::new", "Cell::new", "Math::abs", "this::inst", "Bodies::mix", "String::valueOf"});
      String type =
          switch (target) {
            case "this::state" -> "java.util.function.Supplier<String>";
            case "str::length" -> "java.util.function.IntSupplier";
            case "World::new" -> "java.util.function.Supplier<World>";
            case "Cell::new" -> "java.util.function.IntFunction<Cell>";
            case "Math::abs", "this::inst" -> "java.util.function.IntUnaryOperator";
            case "Bodies::mix" -> "java.util.function.IntBinaryOperator";
            default -> "java.util.function.Function<Object, String>";
          };
      line(type + " " + ref + " = " + target + ";");
      String call =
          switch (target) {
            case "this::state" -> ref + ".get()";
            case "str::length" -> ref + ".getAsInt()";
            case "World::new" -> "(" + ref + ".get() != null)";
            case "Cell::new" -> ref + ".apply(4)";
            case "Math::abs", "this::inst" -> ref + ".applyAsInt(-2)";
            case "Bodies::mix" -> ref + ".applyAsInt(1, 2)";
            default -> ref + ".apply(7)";
          };
      laterCalls.add(call);
    } else if (pick < 82) {
      String op = id("op");
      noAwait++;
      inClassBody++;
      inCapture++;
      line("Op " + op + " = new Op() {");
      line("  int calls;");
      line("  @Override public int apply(int a) { calls++; return a + calls + " + capture + " + f + " + expr(Ty.INT, 1) + "; }");
      line("  @Override public String toString() { return \"Op\" + calls; }");
      line("};");
      inCapture--;
      inClassBody--;
      noAwait--;
      laterCalls.add(op + ".apply(1)");
      freeze(capture);
    } else if (pick < 90) {
      String inner = id("in");
      line("Inner " + inner + " = " + (chance(50) ? "new Inner()" : "this.new Inner()") + ";");
      laterCalls.add(inner + ".outer()");
    } else {
      String supplier = id("sup");
      noAwait++;
      inCapture++;
      line("java.util.function.Supplier<String> " + supplier + " = () -> {");
      line("  String acc = \"\" + " + capture + ";");
      line("  for (int i = 0; i < 2; i++) acc += " + expr(Ty.STRING, 1) + ";");
      line("  return acc;");
      line("};");
      inCapture--;
      noAwait--;
      laterCalls.add(supplier + ".get()");
      freeze(capture);
    }
  }

  private void freeze(String name) {
    for (List<Var> scope : scopes) {
      for (Var var : scope) {
        if (var.name.equals(name)) {
          var.frozen = true;
        }
      }
    }
  }

  /** Java 21+: a pattern switch statement, or a record pattern in an if; otherwise a plain if. */
  private void patternStatement() {
    if (!PATTERNS) {
      line("if (" + expr(Ty.OBJECT, 1) + " instanceof String " + id("ps") + ") log(\"string\");");
      return;
    }
    String o = id("o");
    String value = expr(pick(new Ty[] {Ty.OBJECT, Ty.PT, Ty.IBOX, Ty.STRING}), 1);
    if (chance(20)) {
      value = "new Box<>(" + expr(pick(new Ty[] {Ty.IBOX, Ty.STRING, Ty.PT}), 1) + ", " + expr(Ty.STRING, 1) + ")";
    } else if (chance(15)) {
      value = "new Chain<>(" + expr(Ty.STRING, 1) + ", List.of(new Chain<>(\"r\", List.of())))";
    }
    line("Object " + o + " = " + value + ";");
    declare(o, Ty.OBJECT, true);
    line("switch (" + o + ") {");
    indent++;
    String x = id("px");
    String y = id("py");
    String guard = x + " > " + y;
    if (awaitsAllowed() && chance(40)) {
      guard = await("v(" + guard + ")") + (chance(50) ? " && " + y + " >= " + await("v(0)") : "");
    }
    line("case Pt(int " + x + ", int " + y + ") when " + guard + " -> log(\"pt1 \" + " + (awaitsAllowed() && chance(50) ? await("v(" + x + ")") : x) + ");");
    line("case Pt(var " + x + ", " + (UNNAMED ? "_" : "var " + y) + ") -> { log(\"pt2 \" + " + x + "); }");
    String bv = id("bv");
    String bt = id("bt");
    // Bindings of a generic record pattern (captured types) used after an await in the arm.
    // Written Box<?>, or Box with its type arguments inferred from the selector's type.
    line("case Box" + (chance(50) ? "<?>" : "") + "(var " + bv + ", var " + bt + ") when " + bt + " != null -> { "
        + (awaitsAllowed() && chance(70) ? await("v(" + bt + ")") + "; " : "")
        + "log(\"box \" + " + bv + " + " + bt + "); }");
    // A component whose type mentions the captured variable inside a type argument.
    String ch = id("ch");
    String cr = id("cr");
    line("case Chain<?>(var " + ch + ", var " + cr + ") -> { "
        + (awaitsAllowed() && chance(70) ? await("v(" + ch + ".length())") + "; " : "")
        + "log(\"chain \" + " + ch + " + " + cr + ".size()); }");
    String s = id("ps");
    if (chance(40)) {
      // A guard that declares a binding of its own, read by the guard and by the arm.
      String gs = id("gs");
      line("case String " + s + " when " + s + ".length() > 3 && " + expr(Ty.OBJECT, 0) + " instanceof String "
          + gs + " && " + gs + ".length() > 1 -> { "
          + (awaitsAllowed() && chance(50) ? await("v(" + gs + ")") + "; " : "")
          + "log(" + s + " + " + gs + "); }");
    } else {
      line("case String " + s + " when " + s + ".length() > 3 -> log(" + s + ");");
    }
    String pi = id("pi");
    line("case Integer " + pi + " -> log(\"int \" + " + pi + ");");
    if (chance(50)) {
      line("case null -> log(\"null\");");
      line("default -> log(\"other\");");
    } else {
      line("case null, default -> log(\"other\");");
    }
    indent--;
    line("}");
  }
}
