package io.jasyncio.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/**
 * A scanner of the code a body runs itself: it does not enter lambda bodies or class bodies,
 * whose locals and bindings are their own.
 */
abstract class OwnCodeScanner extends TreeScanner<Void, Void> {
  @Override
  public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree body, Void unused) {
    return null;
  }
}
