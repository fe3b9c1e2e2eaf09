package org.hybridize.wala.cast;

import com.ibm.wala.cast.ir.translator.TranslatorToCAst;
import com.ibm.wala.cast.tree.CAst;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.rewrite.CAstRewriter.CopyKey;
import com.ibm.wala.cast.tree.rewrite.CAstRewriter.RewriteContext;
import com.ibm.wala.cast.tree.rewrite.CAstRewriterFactory;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates one serialised Python module (see {@code hybridize/bridge/serialize.py}) to CAst.
 *
 * <p>Conventions the IR translator and the call-graph builder rely on:
 *
 * <ul>
 *   <li>Module-level names are globals named {@code <module>::<name>} (so other modules and
 *       functions reach them through {@code AstGlobalRead/Write}); function locals are CAst
 *       variables (closures read them lexically); class-body names are properties of the class
 *       object.
 *   <li>{@code PRIMITIVE("module", m)} is project module {@code m}; {@code PRIMITIVE("library",
 *       path)} an object outside the project ({@code builtins.print}, {@code tensorflow.math});
 *       {@code PRIMITIVE("super", classType, self)} a zero-argument {@code super()}, or {@code
 *       super(C, self)} with {@code C} a project class.
 *   <li>Calls are {@code CALL(f, "do", args...)} with a {@link CallShape} recorded per call node.
 *   <li>Subscripts, iteration and container elements use the single property {@code $elements};
 *       tuples built from a display also keep each leading position in {@code $0}, {@code $1}...
 *       and the rest in {@code $*}, which unpacking assignments read ({@link #position}); default
 *       values are stored on the function object as {@code $default:<param>}.
 *   <li>Exceptional control flow is approximated: a try body runs, then its handlers run under an
 *       unknown condition; finally blocks run afterwards. Unsupported constructs are reported and
 *       their subexpressions still evaluated.
 * </ul>
 */
public class PyJsonToCAst implements TranslatorToCAst {
  public static final String ELEMENTS = "$elements";
  /**
   * The elements a {@code for} statement or a comprehension takes one by one: read as {@link
   * #ELEMENTS}, but named apart so that analyses can tell Python iteration from a subscript.
   */
  public static final String FOR_ELEMENTS = ELEMENTS + "@for";
  public static final String COMPREHENSION_ELEMENTS = ELEMENTS + "@comprehension";

  /** The property a read of {@code property} reads ({@link #FOR_ELEMENTS} reads elements). */
  public static String readProperty(String property) {
    return property.startsWith(ELEMENTS) ? ELEMENTS : property;
  }
  /** A tuple's elements at positions no display fixes (after a starred item). */
  public static final String ANY_POSITION = "$*";

  /** The property holding position {@code i} of a tuple: {@code $i}. */
  public static String position(int i) {
    return "$" + i;
  }

  /** The position a {@link #position} property names, or -1 for any other property. */
  public static int positionOf(String property) {
    if (property.length() < 2 || property.charAt(0) != '$') return -1;
    for (int i = 1; i < property.length(); i++) {
      if (!Character.isDigit(property.charAt(i))) return -1;
    }
    return Integer.parseInt(property.substring(1));
  }
  public static final String DEFAULT_PREFIX = "$default:";

  private final TranslationContext cx;

  /**
   * @param callShapes where the shape of each call node goes (keyed by node identity), for the
   *     IR translator
   */
  public PyJsonToCAst(
      CAst ast,
      PyModuleEntry module,
      ProjectIndex index,
      Map<CAstNode, CallShape> callShapes,
      Consumer<TranslationIssue> issues) {
    this.cx = new TranslationContext(ast, module, index, callShapes, issues);
  }

  @Override
  public <C extends RewriteContext<K>, K extends CopyKey<K>> void addRewriter(
      CAstRewriterFactory<C, K> factory, boolean prepend) {
    throw new UnsupportedOperationException("no rewriters for Python");
  }

  /**
   * The module's script entity. The work is split by construct: {@link StatementTranslator},
   * {@link ExpressionTranslator}, {@link DefinitionTranslator} and {@link ImportTranslator},
   * sharing a {@link TranslationContext}.
   */
  @Override
  public CAstEntity translateToCAst() {
    return cx.definitions.translateModule();
  }
}
