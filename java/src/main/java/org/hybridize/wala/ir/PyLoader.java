package org.hybridize.wala.ir;

import com.ibm.wala.cast.ir.translator.AstTranslator.AstLexicalInformation;
import com.ibm.wala.cast.ir.translator.AstTranslator.WalkContext;
import com.ibm.wala.cast.ir.translator.TranslatorToCAst;
import com.ibm.wala.cast.ir.translator.TranslatorToIR;
import com.ibm.wala.cast.loader.CAstAbstractModuleLoader;
import com.ibm.wala.cast.tree.CAst;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstQualifier;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.types.AstTypeReference;
import com.ibm.wala.cfg.AbstractCFG;
import com.ibm.wala.cfg.IBasicBlock;
import com.ibm.wala.classLoader.IClass;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.classLoader.Language;
import com.ibm.wala.classLoader.Module;
import com.ibm.wala.classLoader.ModuleEntry;
import com.ibm.wala.ipa.cha.IClassHierarchy;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SSAInstructionFactory;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.cast.loader.AstMethod.DebuggingInformation;
import com.ibm.wala.types.ClassLoaderReference;
import com.ibm.wala.types.TypeName;
import com.ibm.wala.types.TypeReference;
import com.ibm.wala.util.collections.Pair;
import com.ibm.wala.core.util.warnings.Warning;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.cast.ProjectIndex;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cast.PyModuleEntry;
import org.hybridize.wala.cast.TranslationIssue;

/**
 * The Python class loader: translates every project module to CAst (knowing all module names up
 * front, through the {@link ProjectIndex}), then to IR. Each function, lambda and module becomes
 * a code-body class with one {@code do} method; each class statement a {@link PyClassType}.
 */
public class PyLoader extends CAstAbstractModuleLoader {
  private static final Set<CAstQualifier> FUNCTION_QUALIFIERS =
      Set.of(CAstQualifier.PUBLIC, CAstQualifier.FINAL);

  private final ProjectIndex index;
  private final List<TranslationIssue> issues = new ArrayList<>();
  /** Keyword names and starred arguments of each call node, from CAst to IR translation. */
  private final Map<com.ibm.wala.cast.tree.CAstNode, CallShape> callShapes = new java.util.IdentityHashMap<>();

  public PyLoader(IClassHierarchy cha, ProjectIndex index) {
    super(cha);
    this.index = index;
    core(PyTypes.ROOT, null);
    core(PyTypes.OBJECT, PyTypes.ROOT);
    core(PyTypes.CODE_BODY, PyTypes.ROOT);
    core(PyTypes.FUNCTION, PyTypes.CODE_BODY);
    core(PyTypes.SCRIPT, PyTypes.CODE_BODY);
    core(PyTypes.FAKE_ROOT, PyTypes.ROOT);
    for (TypeReference t :
        List.of(
            PyTypes.CLASS, PyTypes.MODULE, PyTypes.LIBRARY, PyTypes.LIST, PyTypes.TUPLE,
            PyTypes.DICT, PyTypes.SET, PyTypes.STR, PyTypes.BYTES, PyTypes.INT, PyTypes.FLOAT,
            PyTypes.COMPLEX, PyTypes.BOOL, PyTypes.NONE, PyTypes.GENERATOR,
            PyTypes.BOUND_METHOD, PyTypes.SUPER, PyTypes.EXCEPTION, PyTypes.TENSOR,
            PyTypes.TENSOR_VARIABLE, PyTypes.DATASET, PyTypes.KERAS_OBJECT, PyTypes.TF_OBJECT)) {
      core(t, PyTypes.OBJECT);
    }
  }

  private void core(TypeReference type, TypeReference parent) {
    new CoreClass(type.getName(), parent == null ? null : parent.getName(), this, null);
  }

  public ProjectIndex index() {
    return index;
  }

  /** Problems met while translating: unsupported constructs and swallowed exceptions. */
  public List<TranslationIssue> issues() {
    return issues;
  }

  public void addIssue(TranslationIssue issue) {
    issues.add(issue);
  }

  public IClassHierarchy getClassHierarchy() {
    return cha;
  }

  public IClass lookupClass(TypeName name) {
    return types.get(name);
  }

  public void defineCodeBodyType(
      String name, TypeReference parent, Position position, CAstEntity entity, WalkContext ctx) {
    new DynamicCodeBody(
        TypeReference.findOrCreate(PyTypes.LOADER, TypeName.string2TypeName(name)),
        parent,
        this,
        position,
        entity,
        ctx);
  }

  public void defineClassType(
      String name,
      Position position,
      List<TypeName> projectBases,
      List<String> libraryBases,
      Set<String> attributes) {
    TypeName typeName = TypeName.string2TypeName(name);
    types.put(
        typeName,
        new PyClassType(position, typeName, this, projectBases, libraryBases, attributes));
  }

  public IMethod defineCodeBodyCode(
      String name,
      AbstractCFG<?, ?> cfg,
      SymbolTable symtab,
      boolean hasCatchBlock,
      Map<IBasicBlock<SSAInstruction>, TypeReference[]> caughtTypes,
      boolean hasMonitorOp,
      AstLexicalInformation lexicalInfo,
      DebuggingInformation debugInfo) {
    DynamicCodeBody c = (DynamicCodeBody) lookupClass(name, cha);
    assert c != null : name;
    return c.setCodeBody(
        new DynamicMethodObject(
            c,
            FUNCTION_QUALIFIERS,
            cfg,
            symtab,
            hasCatchBlock,
            caughtTypes,
            hasMonitorOp,
            lexicalInfo,
            debugInfo));
  }

  @Override
  public void init(List<Module> modules) {
    super.init(modules);
    // CAstAbstractModuleLoader swallows translator crashes as warnings: surface every one.
    Set<ModuleEntry> reported = new java.util.HashSet<>();
    getModulesWithParseErrors().forEachRemaining(reported::add);
    getModulesWithWarnings().forEachRemaining(reported::add);
    for (ModuleEntry m : reported) {
      for (Warning w : getMessages(m)) {
        issues.add(
            new TranslationIssue(
                m.getName(), 0, "translation failed: " + firstLine(w.getMsg()), true));
      }
    }
  }

  /** Drops code bodies whose IR translation failed (declared, but without code). */
  @Override
  protected void finishTranslation() {
    types.entrySet().removeIf(e -> e.getValue() instanceof DynamicCodeBody d && d.getCodeBody() == null);
  }

  private static String firstLine(String message) {
    String[] lines = message.split("\n");
    StringBuilder out = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length && i < 4; i++) out.append(" | ").append(lines[i].trim());
    return out.toString();
  }

  /** One node factory for every module, hashing nodes by identity ({@link IdentityHashedCAst}). */
  private final CAst identityHashed = new org.hybridize.wala.cast.IdentityHashedCAst();

  @Override
  protected TranslatorToCAst getTranslatorToCAst(CAst ast, ModuleEntry module, List<Module> all) {
    return new PyJsonToCAst(identityHashed, (PyModuleEntry) module, index, callShapes, issues::add);
  }

  /** The shape of a call node, or null if the CAst translator did not make it. */
  public CallShape callShape(com.ibm.wala.cast.tree.CAstNode call) {
    return callShapes.get(call);
  }

  @Override
  protected boolean shouldTranslate(CAstEntity entity) {
    return true;
  }

  @Override
  protected TranslatorToIR initTranslator(Set<Pair<CAstEntity, ModuleEntry>> topLevelEntities) {
    return new PyCAstToIR(this);
  }

  @Override
  public ClassLoaderReference getReference() {
    return PyTypes.LOADER;
  }

  @Override
  public Language getLanguage() {
    return PyLanguage.PYTHON;
  }

  @Override
  public SSAInstructionFactory getInstructionFactory() {
    return PyLanguage.PYTHON.instructionFactory();
  }

  /** Every project code body (modules, functions, methods, lambdas), for reporting. */
  public Collection<IClass> codeBodies() {
    List<IClass> result = new ArrayList<>();
    for (Iterator<IClass> it = iterateAllClasses(); it.hasNext(); ) {
      IClass c = it.next();
      if (c instanceof DynamicCodeBody) result.add(c);
    }
    return result;
  }

  static {
    assert AstTypeReference.rootTypeName != null;
  }
}
