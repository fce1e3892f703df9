package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a statement can complete normally (JLS 14.22), for statements javac accepted: where a
 * pattern's bindings are brought into scope after an if or a loop (JLS 6.3.2). A switch and the
 * rarer constant conditions are taken to complete.
 */
final class Completion {
  private Completion() {}

  /**
   * @param brokenOut whether a break leaves the given statement (a loop, or a labeled statement)
   */
  static boolean canComplete(StatementTree statement, Predicate<Tree> brokenOut) {
    if (statement == null) {
      return true;
    }
    switch (statement.getKind()) {
      case RETURN:
      case THROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      case BLOCK: {
        // A statement after one that cannot complete is unreachable, which javac refuses.
        List<? extends StatementTree> statements = ((BlockTree) statement).getStatements();
        return statements.isEmpty() || canComplete(statements.get(statements.size() - 1), brokenOut);
      }
      case IF: {
        IfTree test = (IfTree) statement;
        return test.getElseStatement() == null
            || canComplete(test.getThenStatement(), brokenOut)
            || canComplete(test.getElseStatement(), brokenOut);
      }
      case WHILE_LOOP:
        return !isTrue(((WhileLoopTree) statement).getCondition()) || brokenOut.test(statement);
      case DO_WHILE_LOOP:
        return !isTrue(((DoWhileLoopTree) statement).getCondition()) || brokenOut.test(statement);
      case FOR_LOOP: {
        ExpressionTree condition = ((ForLoopTree) statement).getCondition();
        return (condition != null && !isTrue(condition)) || brokenOut.test(statement);
      }
      case LABELED_STATEMENT:
        return canComplete(((LabeledStatementTree) statement).getStatement(), brokenOut)
            || brokenOut.test(statement);
      case SYNCHRONIZED:
        return canComplete(((SynchronizedTree) statement).getBlock(), brokenOut);
      case TRY: {
        TryTree attempt = (TryTree) statement;
        boolean some = canComplete(attempt.getBlock(), brokenOut);
        for (CatchTree handler : attempt.getCatches()) {
          some |= canComplete(handler.getBlock(), brokenOut);
        }
        return some && (attempt.getFinallyBlock() == null || canComplete(attempt.getFinallyBlock(), brokenOut));
      }
      default:
        return true;
    }
  }

  /** The literal {@code true}, in parentheses or not. */
  private static boolean isTrue(ExpressionTree condition) {
    while (condition instanceof ParenthesizedTree parenthesized) {
      condition = parenthesized.getExpression();
    }
    return condition instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue());
  }
}
