package io.jasyncio.processor;

import java.util.regex.Pattern;
import javax.lang.model.type.TypeMirror;

/**
 * The text of a type for generated code. javac's {@code TypeMirror.toString()} writes a type
 * annotation before a qualified name ({@code List<@p.NonNull java.lang.String>}), where Java
 * allows it only before the simple name ({@code java.lang.@NonNull String}): generated code
 * leaves type annotations out, as they change nothing it does.
 */
final class TypeText {
  private TypeText() {}

  /** An annotation ({@code @a.b.C}, perhaps with values, one level of parentheses inside). */
  private static final Pattern ANNOTATION =
      Pattern.compile(
          "@[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*(?:\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\"|\\([^()]*\\))*\\))?\\s+");

  static String of(TypeMirror type) {
    return withoutAnnotations(type.toString());
  }

  static String withoutAnnotations(String text) {
    return text.indexOf('@') < 0 ? text : ANNOTATION.matcher(text).replaceAll("");
  }
}
