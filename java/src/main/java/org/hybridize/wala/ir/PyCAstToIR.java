package org.hybridize.wala.ir;

import com.ibm.wala.cast.ir.translator.AstTranslator;
import com.ibm.wala.cast.loader.DynamicCallSiteReference;
import com.ibm.wala.cast.tree.CAstEntity;
import com.ibm.wala.cast.tree.CAstNode;
import com.ibm.wala.cast.tree.CAstSourcePositionMap.Position;
import com.ibm.wala.cast.tree.CAstType;
import com.ibm.wala.cast.tree.visit.CAstVisitor;
import com.ibm.wala.cfg.AbstractCFG;
import com.ibm.wala.cfg.IBasicBlock;
import com.ibm.wala.classLoader.NewSiteReference;
import com.ibm.wala.ssa.SSAInstruction;
import com.ibm.wala.ssa.SymbolTable;
import com.ibm.wala.cast.loader.AstMethod.DebuggingInformation;
import com.ibm.wala.types.TypeName;
import com.ibm.wala.types.TypeReference;
import com.ibm.wala.util.debug.Assertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hybridize.wala.cast.CallShape;
import org.hybridize.wala.cast.PyEntities.ClassEntity;
import org.hybridize.wala.cast.PyEntities.FunctionEntity;

/**
 * CAst to IR for Python, modelled on WALA's JavaScript translator. Function definitions
 * allocate a function object of the function's own class; attribute and subscript accesses are
 * property reads/writes with a constant member name; calls are {@link PyInvokeInstruction}s.
 */
public class PyCAstToIR extends AstTranslator {
  private final PyLoader pyLoader;

  public PyCAstToIR(PyLoader loader) {
    super(loader);
    this.pyLoader = loader;
  }

  private PyInstructionFactory factory() {
    return (PyInstructionFactory) insts;
  }

  /** One module's IR translation failing must not lose the other modules: record and go on. */
  @Override
  public void translate(CAstEntity n, com.ibm.wala.classLoader.ModuleEntry module) {
    try {
      super.translate(n, module);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme) throw vme;
      pyLoader.addIssue(
          new org.hybridize.wala.cast.TranslationIssue(
              module.getName(), 0, "IR translation failed, module not analysed: " + e, true));
    }
  }

  /**
   * Straight-line code is cut into basic blocks of at most this many instructions. WALA's
   * {@code IncipientCFG.addInstruction} walks every instruction already in the current block
   * (a loop around an assertion, run with assertions off too), so one long block costs the
   * square of its length: a module of 30,000 definitions or a 40,000-item list literal spent
   * most of its translation there.
   */
  static final int MAX_BLOCK_INSTRUCTIONS = 256;

  @Override
  protected boolean visitBlockStmt(CAstNode n, WalkContext c, CAstVisitor<WalkContext> visitor) {
    if (!visitInBoundedBlocks(n, c, visitor)) return false;
    leaveBlockStmt(n, c, visitor);
    return true;
  }

  @Override
  protected boolean visitBlockExpr(CAstNode n, WalkContext c, CAstVisitor<WalkContext> visitor) {
    if (!visitInBoundedBlocks(n, c, visitor)) return false;
    leaveBlockExpr(n, c, visitor);
    return true;
  }

  /** A container display ({@code ExpressionTranslator.container}): its writes, in bounded blocks. */
  @Override
  protected boolean visitObjectLiteral(CAstNode n, WalkContext c, CAstVisitor<WalkContext> visitor) {
    if (n.getChildCount() < MAX_BLOCK_INSTRUCTIONS || c.cfg() == null) return false;
    visitor.visit(n.getChild(0), c, visitor);
    int blockStart = c.cfg().getCurrentInstruction();
    for (int i = 1; i < n.getChildCount(); i += 2) {
      visitor.visit(n.getChild(i), c, visitor);
      visitor.visit(n.getChild(i + 1), c, visitor);
      leaveObjectLiteralFieldInit(n, i, c, visitor);
      blockStart = boundBlock(c, blockStart);
    }
    leaveObjectLiteral(n, c, visitor);
    return true;
  }

  /**
   * Visits the children of a block as WALA's visitor does, starting a new basic block (falling
   * through from the last) between children once the current one holds {@link
   * #MAX_BLOCK_INSTRUCTIONS}; false, visiting nothing, for a block of one child or outside code.
   * Only between children: a statement or a block expression's step never sees its block change
   * under it.
   */
  private boolean visitInBoundedBlocks(CAstNode n, WalkContext c, CAstVisitor<WalkContext> visitor) {
    if (n.getChildCount() < 2 || c.cfg() == null) return false;
    int blockStart = c.cfg().getCurrentInstruction();
    for (CAstNode child : n.getChildren()) {
      visitor.visit(child, c, visitor);
      blockStart = boundBlock(c, blockStart);
    }
    return true;
  }

  /** Starts a new basic block if the current one, begun at {@code blockStart}, is full. */
  private static int boundBlock(WalkContext c, int blockStart) {
    if (c.cfg().getCurrentInstruction() - blockStart < MAX_BLOCK_INSTRUCTIONS) return blockStart;
    c.cfg().newBlock(true);
    return c.cfg().getCurrentInstruction();
  }

  /** Locals start as None, so a read on a path without assignment still has a definition. */
  @Override
  protected boolean useDefaultInitValues() {
    return true;
  }

  @Override
  protected boolean hasImplicitGlobals() {
    return true;
  }

  @Override
  protected boolean treatGlobalsAsLexicallyScoped() {
    return false;
  }

  @Override
  protected TypeReference defaultCatchType() {
    return PyTypes.EXCEPTION;
  }

  @Override
  protected TypeReference makeType(CAstType type) {
    return PyTypes.ROOT;
  }

  @Override
  protected CAstType topType() {
    return org.hybridize.wala.cast.PyEntities.CODE_TYPE;
  }

  @Override
  protected CAstType exceptionType() {
    return org.hybridize.wala.cast.PyEntities.CODE_TYPE;
  }

  @Override
  protected String composeEntityName(WalkContext parent, CAstEntity f) {
    if (f.getKind() == CAstEntity.SCRIPT_ENTITY) return f.getName();
    return parent.getName() + '/' + f.getName();
  }

  @Override
  protected boolean defineType(CAstEntity type, WalkContext wc) {
    ClassEntity c = (ClassEntity) type;
    List<TypeName> bases = new ArrayList<>();
    for (String b : c.projectBases()) bases.add(TypeName.string2TypeName(b));
    pyLoader.defineClassType(
        'L' + composeEntityName(wc, type), c.getPosition(), bases, c.libraryBases(), c.attributes());
    return true;
  }

  @Override
  protected void defineField(CAstEntity topEntity, WalkContext wc, CAstEntity fieldEntity) {
    Assertions.UNREACHABLE("Python classes have no declared fields");
  }

  @Override
  protected void declareFunction(CAstEntity n, WalkContext context) {
    String name = 'L' + composeEntityName(context, n);
    if (pyLoader.lookupClass(TypeName.string2TypeName(name)) != null) return;
    TypeReference parent = n.getKind() == CAstEntity.SCRIPT_ENTITY ? PyTypes.SCRIPT : PyTypes.FUNCTION;
    pyLoader.defineCodeBodyType(name, parent, n.getPosition(), n, context);
  }

  @Override
  protected void defineFunction(
      CAstEntity n,
      WalkContext definingContext,
      AbstractCFG<SSAInstruction, ? extends IBasicBlock<SSAInstruction>> cfg,
      SymbolTable symtab,
      boolean hasCatchBlock,
      Map<IBasicBlock<SSAInstruction>, TypeReference[]> caughtTypes,
      boolean hasMonitorOp,
      AstLexicalInformation lexicalInfo,
      DebuggingInformation debugInfo) {
    pyLoader.defineCodeBodyCode(
        'L' + composeEntityName(definingContext, n),
        cfg,
        symtab,
        hasCatchBlock,
        caughtTypes,
        hasMonitorOp,
        lexicalInfo,
        debugInfo);
  }

  @Override
  protected Position[] getParameterPositions(CAstEntity e) {
    if (e instanceof FunctionEntity f) return f.argumentPositions();
    Position[] ps = new Position[e.getArgumentCount()];
    for (int i = 0; i < ps.length; i++) ps[i] = e.getPosition(i);
    return ps;
  }

  @Override
  protected void doThrow(WalkContext context, int exception) {
    context
        .cfg()
        .addInstruction(insts.ThrowInstruction(context.cfg().getCurrentInstruction(), exception));
  }

  @Override
  public void doArrayRead(
      WalkContext context, int result, int arrayValue, CAstNode arrayRef, int[] dimValues) {
    Assertions.UNREACHABLE("subscripts are translated as property reads");
  }

  @Override
  public void doArrayWrite(
      WalkContext context, int arrayValue, CAstNode arrayRef, int[] dimValues, int rval) {
    Assertions.UNREACHABLE("subscripts are translated as property writes");
  }

  @Override
  protected void doFieldRead(
      WalkContext context, int result, int receiver, CAstNode elt, CAstNode readNode) {
    this.visit(elt, context, this);
    int pc = context.cfg().getCurrentInstruction();
    // A subscript by an int literal carries the literal as a third child (ExpressionTranslator).
    boolean indexed = readNode.getChildCount() > 2 && readNode.getChild(2).getValue() instanceof Integer;
    context.cfg().addInstruction(indexed
        ? new PyInstructionFactory.PyIndexedRead(pc, result, receiver, context.getValue(elt),
            (Integer) readNode.getChild(2).getValue())
        : factory().PropertyRead(pc, result, receiver, context.getValue(elt)));
  }

  @Override
  protected void doFieldWrite(
      WalkContext context, int receiver, CAstNode elt, CAstNode parent, int rval) {
    this.visit(elt, context, this);
    context
        .cfg()
        .addInstruction(
            factory()
                .PropertyWrite(
                    context.cfg().getCurrentInstruction(), receiver, context.getValue(elt), rval));
  }

  @Override
  protected void doMaterializeFunction(
      CAstNode n, WalkContext context, int result, int exception, CAstEntity fn) {
    TypeReference type = PyTypes.make('L' + composeEntityName(context, fn));
    int pc = context.cfg().getCurrentInstruction();
    context.cfg().addInstruction(factory().NewInstruction(pc, result, NewSiteReference.make(pc, type)));
  }

  @Override
  protected void doNewObject(
      WalkContext context, CAstNode newNode, int result, Object type, int[] arguments) {
    TypeReference typeRef = PyTypes.make((String) type);
    int pc = context.cfg().getCurrentInstruction();
    context.cfg().addInstruction(factory().NewInstruction(pc, result, NewSiteReference.make(pc, typeRef)));
  }

  @Override
  protected void doCall(
      WalkContext context,
      CAstNode call,
      int result,
      int exception,
      CAstNode name,
      int receiver,
      int[] arguments) {
    int pc = context.cfg().getCurrentInstruction();
    CallShape shape = pyLoader.callShape(call);
    if (shape == null) shape = CallShape.positional(arguments.length);
    context
        .cfg()
        .addInstruction(
            new PyInvokeInstruction(
                pc,
                receiver,
                result,
                arguments,
                exception,
                new DynamicCallSiteReference(PyTypes.CODE_BODY, pc),
                shape));
    context.cfg().addPreNode(call, context.getUnwindState());
    context.cfg().newBlock(true);
    // Python calls may raise anything; handlers are approximated in CAst, so go to exit.
    context.cfg().addPreEdgeToExit(call, true);
  }

  @Override
  protected void doPrimitive(int resultVal, WalkContext context, CAstNode primitiveCall) {
    String op = (String) primitiveCall.getChild(0).getValue();
    int pc = context.cfg().getCurrentInstruction();
    SSAInstruction instruction =
        switch (op) {
          case "module" -> objectRef(pc, resultVal, PyObjectRefInstruction.Kind.MODULE, primitiveCall);
          case "library" -> objectRef(pc, resultVal, PyObjectRefInstruction.Kind.LIBRARY, primitiveCall);
          case "unknown" ->
              new PyObjectRefInstruction(pc, resultVal, PyObjectRefInstruction.Kind.LIBRARY, "$unknown");
          case "super" ->
              new PySuperInstruction(
                  pc,
                  resultVal,
                  context.getValue(primitiveCall.getChild(2)),
                  PyTypes.make((String) primitiveCall.getChild(1).getValue()));
          default -> throw new IllegalArgumentException("unknown primitive " + op);
        };
    context.cfg().addInstruction(instruction);
  }

  private static SSAInstruction objectRef(
      int pc, int result, PyObjectRefInstruction.Kind kind, CAstNode primitiveCall) {
    return new PyObjectRefInstruction(pc, result, kind, (String) primitiveCall.getChild(1).getValue());
  }
}
