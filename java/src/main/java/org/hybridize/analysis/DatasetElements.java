package org.hybridize.analysis;

import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.cast.types.AstMethodReference;
import com.ibm.wala.classLoader.IMethod;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;
import com.ibm.wala.ssa.SSAInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cast.PyJsonToCAst;
import org.hybridize.wala.cg.PyCallGraphBuilder.LibraryCall;
import org.hybridize.wala.cg.PyObjectKeys.LibraryObjectKey;
import org.hybridize.wala.cg.ValueKind;
import org.hybridize.wala.ir.PyInvokeInstruction;

/**
 * The element spec of {@code tf.data} datasets, per abstract dataset object: {@code
 * from_tensor_slices} drops the first axis of what it slices, {@code from_tensors} keeps it,
 * {@code batch} prepends the batch axis (its size only with {@code drop_remainder=True}: the last
 * batch is short otherwise), {@code unbatch} drops it, {@code map} gives what the mapped function
 * returns for an element; the methods that only choose or reorder elements keep the spec.
 * Elements of nested structures (tuples, dicts) are not followed: unknown.
 */
final class DatasetElements {
  /** Methods whose dataset has the receiver's elements. */
  private static final Set<String> SAME_ELEMENTS = Set.of("shuffle", "prefetch", "repeat", "take", "skip",
      "cache", "filter", "with_options", "shard", "take_while", "ignore_errors", "assert_cardinality");

  private final AnalysedProject project;
  private final TensorShapes shapes;
  private final Set<LibraryCall> mapCalls = new HashSet<>();
  private final Map<InstanceKey, TensorValue> memo = new HashMap<>();
  private final Set<InstanceKey> active = new HashSet<>();

  DatasetElements(AnalysedProject project, TensorShapes shapes) {
    this.project = project;
    this.shapes = shapes;
    for (LibraryCall call : project.builder().libraryCalls()) {
      if (call.receiver() == ValueKind.DATASET && call.api().endsWith(".map")) {
        mapCalls.add(call);
      }
    }
  }

  /**
   * An element read of a dataset ({@code for x in ds}): the instruction that made {@code element}
   * reads the elements of a dataset; null when it reads no dataset's.
   */
  TensorValue elementRead(LibraryObjectKey element) {
    SSAInstruction made = instructionAt(element.creator(), element.site().getProgramCounter());
    if (made instanceof PyInvokeInstruction call && isMapCall(element.creator(), call)) {
      // What the callback model passes the mapped function: an element of the mapped dataset.
      return receiverElements(element.creator(), call);
    }
    if (!(made instanceof AstPropertyRead read) || !isElements(element.creator(), read)) return null;
    return elementsOf(element.creator(), read.getObjectRef());
  }

  private boolean isMapCall(CGNode node, PyInvokeInstruction call) {
    return mapCalls.stream().anyMatch(m -> m.caller().equals(node) && m.site().equals(call.getCallSite()));
  }

  /** What a mapped function's first parameter receives: an element of the mapped dataset. */
  TensorValue callbackArgument(CGNode function, int parameter) {
    if (parameter != 0) return null;
    TensorValue joined = null;
    for (LibraryCall map : mapCalls) {
      PyInvokeInstruction call = TensorShapes.invoke(map.caller(), map.site());
      if (call == null || !mappedFunctions(map.caller(), call).contains(function)) continue;
      TensorValue element = receiverElements(map.caller(), call);
      joined = joined == null ? element : TensorValue.join(joined, element);
    }
    return joined;
  }

  /** The elements of what SSA value {@code vn} of {@code node} may be: null unless all datasets. */
  private TensorValue elementsOf(CGNode node, int vn) {
    TensorValue joined = null;
    for (InstanceKey object : shapes.pointsTo(node, vn)) {
      if (ValueKind.of(object) != ValueKind.DATASET) return null;
      TensorValue element = spec(object);
      joined = joined == null ? element : TensorValue.join(joined, element);
    }
    return joined;
  }

  private TensorValue spec(InstanceKey dataset) {
    TensorValue known = memo.get(dataset);
    if (known != null) return known;
    if (!active.add(dataset)) return TensorValue.UNKNOWN;
    try {
      TensorValue value = compute(dataset);
      memo.put(dataset, value);
      return value;
    } finally {
      active.remove(dataset);
    }
  }

  private TensorValue compute(InstanceKey dataset) {
    String api = shapes.api(dataset);
    if (api == null || !(dataset instanceof LibraryObjectKey l)) return TensorValue.UNKNOWN;
    PyInvokeInstruction invoke = TensorShapes.invoke(l.creator(), l.site());
    if (invoke == null) return TensorValue.UNKNOWN;
    TensorShapes.Call call = new TensorShapes.Call(l.creator(), invoke);
    String method = api.substring(api.lastIndexOf('.') + 1);
    return switch (method) {
      case "from_tensor_slices" -> dropFirstAxis(argument(call, 0, "tensors"));
      case "from_tensors" -> asTensor(argument(call, 0, "tensors"));
      case "batch" -> batch(call);
      case "unbatch" -> dropFirstAxis(receiverElements(l.creator(), invoke));
      case "map" -> mapped(l.creator(), invoke);
      default -> SAME_ELEMENTS.contains(method) ? receiverElements(l.creator(), invoke) : TensorValue.UNKNOWN;
    };
  }

  private TensorValue argument(TensorShapes.Call call, int position, String keyword) {
    int vn = call.argument(position, keyword);
    return vn < 0 ? null : shapes.of(call.node(), vn);
  }

  /** {@code ds.batch(n, drop_remainder=...)}: the batch axis is n only when short batches are dropped. */
  private TensorValue batch(TensorShapes.Call call) {
    TensorValue element = receiverElements(call.node(), call.invoke());
    if (!element.knownRank()) return TensorValue.tensor(null, element.dtype());
    int sizeAt = call.argument(0, "batch_size");
    List<Integer> size = sizeAt < 0 ? null : shapes.ints(call.node(), sizeAt);
    int drop = call.argument(1, "drop_remainder");
    boolean dropped = drop >= 0 && Boolean.TRUE.equals(shapes.constant(call.node(), drop));
    List<Integer> dims = new ArrayList<>();
    dims.add(dropped && size != null && size.size() == 1 ? size.get(0) : null);
    dims.addAll(element.dims());
    return element.withDims(dims);
  }

  /** {@code ds.map(f)}: what f returns, joined over the functions the call graph calls. */
  private TensorValue mapped(CGNode caller, PyInvokeInstruction invoke) {
    TensorValue joined = null;
    for (CGNode target : mappedFunctions(caller, invoke)) {
      TensorValue returned = shapes.of(project.builder().getPointerKeyForReturnValue(target));
      if (returned == null) return TensorValue.UNKNOWN;
      joined = joined == null ? returned.asTensor(null) : TensorValue.join(joined, returned.asTensor(null));
    }
    return joined == null ? TensorValue.UNKNOWN : joined;
  }

  /**
   * The call-graph nodes of the functions {@code ds.map(f)} passes as {@code f} (each function
   * is a root of the call graph; the library's call of it is not modelled).
   */
  private Set<CGNode> mappedFunctions(CGNode caller, PyInvokeInstruction invoke) {
    int f = new TensorShapes.Call(caller, invoke).argument(0, "map_func");
    Set<CGNode> nodes = new HashSet<>();
    if (f < 0) return nodes;
    for (InstanceKey function : shapes.pointsTo(caller, f)) {
      IMethod method = function.getConcreteType().getMethod(AstMethodReference.fnSelector);
      if (method != null) nodes.addAll(project.callGraph().getNodes(method.getReference()));
    }
    return nodes;
  }

  /** The elements of the dataset whose method {@code invoke} calls ({@code ds} of {@code ds.batch}). */
  private TensorValue receiverElements(CGNode node, PyInvokeInstruction invoke) {
    SSAInstruction def = node.getDU().getDef(invoke.getFunction());
    if (!(def instanceof AstPropertyRead read)) return TensorValue.UNKNOWN;
    TensorValue element = elementsOf(node, read.getObjectRef());
    return element == null ? TensorValue.UNKNOWN : element;
  }

  private static TensorValue dropFirstAxis(TensorValue value) {
    if (value == null) return TensorValue.UNKNOWN;
    if (!value.knownRank() || value.dims().isEmpty()) return TensorValue.tensor(null, value.dtype());
    return value.asTensor(null).withDims(value.dims().subList(1, value.dims().size()));
  }

  private static TensorValue asTensor(TensorValue value) {
    return value == null ? TensorValue.UNKNOWN : value.asTensor(null);
  }

  private static boolean isElements(CGNode node, AstPropertyRead read) {
    var symbols = node.getIR().getSymbolTable();
    int m = read.getMemberRef();
    return symbols.isConstant(m) && symbols.getConstantValue(m) instanceof String s
        && PyJsonToCAst.ELEMENTS.equals(PyJsonToCAst.readProperty(s));
  }

  private static SSAInstruction instructionAt(CGNode node, int index) {
    SSAInstruction[] instructions = node.getIR() == null ? null : node.getIR().getInstructions();
    return instructions == null || index < 0 || index >= instructions.length ? null : instructions[index];
  }
}
