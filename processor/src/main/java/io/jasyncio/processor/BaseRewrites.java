package io.jasyncio.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rewrites that keep names meaning what they meant in X once the body runs inside a state
 * machine (an inner class of AsyncX, which also extends Coro), and the checks for members the
 * generated class cannot reach (DESIGN §3.2):
 *
 * <ul>
 *   <li>{@code this} becomes {@code AsyncX.this} (except inside nested class bodies);
 *   <li>{@code X.this} becomes {@code AsyncX.this} everywhere;
 *   <li>unqualified {@code toString()}, {@code equals(..)}, ... become {@code AsyncX.this.m(..)};
 *   <li>{@code super.m(..)} becomes {@code AsyncX.super.m(..)}, refused if X declares {@code m};
 *       {@code super.f} becomes a cast of {@code AsyncX.this} to X's superclass;
 *   <li>{@code X.m(..)} of an {@code @Async} static method becomes {@code AsyncX.m(..)};
 *   <li>private members of X and of its enclosing classes are refused.
 * </ul>
 */
final class BaseRewrites extends TreePathScanner<Void, Void> {
  private static final Set<String> OBJECT_METHODS =
      Set.of(
          "toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone",
          "finalize");

  final Map<Tree, String> rewrites = new IdentityHashMap<>();
  private final BodyScan scan;
  private final ClassInfo info;
  private final boolean isStatic;
  private final String superclass;
  private final List<BodyScan.Problem> problems;
  private int classDepth;

  BaseRewrites(
      BodyScan scan,
      ClassInfo info,
      boolean isStatic,
      String superclass,
      List<BodyScan.Problem> problems) {
    this.scan = scan;
    this.info = info;
    this.isStatic = isStatic;
    this.superclass = superclass;
    this.problems = problems;
  }

  void run(TreePath body) {
    scan(body, null);
  }

  private String self() {
    return info.generatedName + ".this";
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    classDepth++;
    super.visitClass(tree, unused);
    classDepth--;
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    String name = tree.getName().toString();
    if (name.equals("this")) {
      if (!isStatic && classDepth == 0) {
        rewrites.put(tree, self());
      }
      return null;
    }
    if (scan.references.containsKey(tree) || isMethodName(tree)) {
      return null;
    }
    if (info.privateFields.contains(name) && !inClassDeclaring(name)) {
      problems.add(privateAccess(tree, "field", name));
    } else if (info.privateTypes.contains(name)) {
      problems.add(privateAccess(tree, "class", name));
    } else if (info.enclosingPrivateNames.contains(name)
        && !info.isFieldName(name)
        && !info.allMethodNames.contains(name)) {
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncPrivateAccess,
              "@Async body uses private member '"
                  + name
                  + "' of a class enclosing "
                  + info.simpleName
                  + "; generated code cannot reach it; make it package-private"));
    }
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    String name = tree.getIdentifier().toString();
    ExpressionTree qualifier = tree.getExpression();
    if (name.equals("this") && namesX(qualifier)) {
      rewrites.put(tree, self());
      return null;
    }
    boolean isCall = isMethodName(tree);
    if (qualifier instanceof IdentifierTree id && id.getName().contentEquals("super") && classDepth == 0) {
      if (isCall) {
        if (info.declaredMethods.contains(name)) {
          problems.add(
              new BodyScan.Problem(
                  tree,
                  Tag.AsyncSuperCall,
                  "super."
                      + name
                      + "() in an @Async body, but "
                      + info.simpleName
                      + " declares "
                      + name
                      + " itself; from the generated class super."
                      + name
                      + "() would reach "
                      + info.simpleName
                      + "."
                      + name
                      + ", not its superclass's; call super."
                      + name
                      + "() from a non-@Async helper method of "
                      + info.simpleName));
        } else {
          rewrites.put(tree, info.generatedName + ".super." + name);
        }
      } else {
        rewrites.put(tree, "((" + superclass + ") " + self() + ")." + name);
      }
      return null;
    }
    if (isCall && namesX(qualifier) && info.asyncStaticMethods.contains(name)) {
      rewrites.put(tree, info.generatedName + "." + name);
      return null;
    }
    if (isSelf(qualifier)) {
      boolean privateMember =
          isCall
              ? info.privateMethods.contains(name) && !info.nonPrivateMethods.contains(name)
              : info.privateFields.contains(name);
      if (privateMember) {
        problems.add(privateAccess(tree, isCall ? "method" : "field", name));
      }
    }
    return super.visitMemberSelect(tree, unused);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (tree.getMethodSelect() instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (OBJECT_METHODS.contains(name) && !isStatic && classDepth == 0) {
        rewrites.put(id, self() + "." + name);
      } else if (info.privateMethods.contains(name)
          && !info.nonPrivateMethods.contains(name)
          && !inClassDeclaring(name)) {
        problems.add(privateAccess(id, "method", name));
      }
    }
    return super.visitMethodInvocation(tree, unused);
  }

  private BodyScan.Problem privateAccess(Tree tree, String what, String name) {
    return new BodyScan.Problem(
        tree,
        Tag.AsyncPrivateAccess,
        "@Async body uses private "
            + what
            + " '"
            + name
            + "' of "
            + info.simpleName
            + "; generated code cannot reach it; make it package-private");
  }

  private boolean isMethodName(Tree tree) {
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    return parent instanceof MethodInvocationTree call && call.getMethodSelect() == tree;
  }

  /** Whether {@code e} is {@code X} (simple, nested or qualified name). */
  private boolean namesX(ExpressionTree e) {
    String text = e.toString();
    return text.equals(info.simpleName)
        || text.equals(info.nestedName)
        || text.equals(info.qualifiedName());
  }

  /** Whether {@code e} is {@code this} or {@code X.this}, or names X (for static members). */
  private boolean isSelf(ExpressionTree e) {
    String text = e.toString();
    return text.equals("this") || text.equals(info.simpleName + ".this") || namesX(e);
  }

  /** Whether a nested class we are inside declares a member named {@code name} itself. */
  private boolean inClassDeclaring(String name) {
    for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == scan.method) {
        return false; // only classes nested in the body count, not X itself
      }
      if (p.getLeaf() instanceof ClassTree c) {
        for (Tree member : c.getMembers()) {
          if (member instanceof com.sun.source.tree.VariableTree v && v.getName().contentEquals(name)) {
            return true;
          }
          if (member instanceof com.sun.source.tree.MethodTree m && m.getName().contentEquals(name)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
