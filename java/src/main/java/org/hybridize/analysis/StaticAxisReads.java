package org.hybridize.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.ibm.wala.cast.ir.ssa.AstPropertyRead;
import com.ibm.wala.ipa.callgraph.CGNode;
import com.ibm.wala.ipa.callgraph.propagation.LocalPointerKey;
import com.ibm.wala.ssa.DefUse;
import com.ibm.wala.ssa.SSAAbstractInvokeInstruction;
import com.ibm.wala.ssa.SSAInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hybridize.wala.cg.ArgumentBinding;
import org.hybridize.wala.ir.PyInstructionFactory.PyIndexedRead;
import org.hybridize.wala.ir.PyNames;

/**
 * Where a function reads the axes of a parameter as Python values: {@code x.shape[1]},
 * {@code x.get_shape()[0]}, {@code a, b = x.shape}, {@code x.shape.as_list()}, {@code x.shape}
 * handed on whole (to {@code tf.zeros(x.shape)}), in its own IR or in a project function the
 * parameter is passed to. Traced under an input signature, such a read gives None for an axis
 * the signature leaves unknown. A dynamic read ({@code tf.shape(x)[1]}) is no static read, nor is
 * {@code len(x)}, which AutoGraph makes dynamic (measured on TensorFlow 2.21).
 */
final class StaticAxisReads {
  /** Callees are followed this deep. */
  private static final int MAX_DEPTH = 8;

  /** One read: the axis ({@code null}: every axis) and where (the reading instruction's range). */
  record Read(Integer axis, String file, SourceRange range, String what) {
    JsonObject toJson() {
      JsonObject o = new JsonObject();
      if (axis == null) o.add("axis", JsonNull.INSTANCE);
      else o.addProperty("axis", axis);
      o.addProperty("file", file);
      range.addTo(o);
      o.addProperty("what", what);
      return o;
    }
  }

  private record Formal(CGNode node, int vn) {}

  private final Map<Formal, List<ArgumentBinding>> passedOn = new HashMap<>();
  private final Map<Formal, Set<Read>> memo = new HashMap<>();

  StaticAxisReads(AnalysedProject project) {
    for (ArgumentBinding b : project.builder().argumentBindings()) {
      // A value a library passes to a callback is no parameter of the caller: nothing to follow.
      if (b.passing() == ArgumentBinding.Passing.DIRECT && b.actual() instanceof LocalPointerKey local) {
        passedOn.computeIfAbsent(new Formal(b.caller(), local.getValueNumber()), f -> new ArrayList<>()).add(b);
      }
    }
  }

  /** The static axis reads of parameter value {@code vn} of {@code node}, and of its callees. */
  JsonArray of(CGNode node, int vn) {
    JsonArray out = new JsonArray();
    reads(new Formal(node, vn), 0, new HashSet<>()).forEach(r -> out.add(r.toJson()));
    return out;
  }

  private Set<Read> reads(Formal value, int depth, Set<Formal> active) {
    Set<Read> known = memo.get(value);
    if (known != null) return known;
    Set<Read> found = new LinkedHashSet<>();
    if (depth > MAX_DEPTH || !active.add(value) || value.node().getIR() == null) return found;
    DefUse du = value.node().getDU();
    for (var it = du.getUses(value.vn()); it.hasNext(); ) {
      SSAInstruction use = it.next();
      if (use instanceof AstPropertyRead read && read.getObjectRef() == value.vn()) {
        String member = member(value.node(), read);
        if ("shape".equals(member)) shapeUses(value.node(), read.getDef(), "`.shape`", found);
        else if ("get_shape".equals(member)) {
          for (var calls = du.getUses(read.getDef()); calls.hasNext(); ) {
            if (calls.next() instanceof SSAAbstractInvokeInstruction call && call.getNumberOfReturnValues() > 0) {
              shapeUses(value.node(), call.getDef(), "`.get_shape()`", found);
            }
          }
        }
      }
    }
    for (ArgumentBinding b : passedOn.getOrDefault(value, List.of())) {
      found.addAll(reads(new Formal(b.callee(), b.formal() + 2), depth + 1, active));
    }
    active.remove(value);
    memo.put(value, found);
    return found;
  }

  /** The uses of a TensorShape value {@code shape}: which axes they read as Python values. */
  private void shapeUses(CGNode node, int shape, String source, Set<Read> found) {
    DefUse du = node.getDU();
    for (var it = du.getUses(shape); it.hasNext(); ) {
      SSAInstruction use = it.next();
      SourceRange range = use.iIndex() < 0 ? SourceRange.UNKNOWN : SourceRange.at(node, use.iIndex());
      String file = PyNames.fileOf(node.getMethod().getDeclaringClass().getName().toString());
      if (use instanceof PyIndexedRead indexed && indexed.getObjectRef() == shape) {
        if (du.getNumberOfUses(indexed.getDef()) > 0) {
          found.add(new Read(indexed.index(), file, range, source + "[" + indexed.index() + "]"));
        }
      } else if (use instanceof AstPropertyRead read && read.getObjectRef() == shape) {
        String member = member(node, read);
        Integer axis = unpacked(member);
        if (axis != null) found.add(new Read(axis, file, range, source + " unpacked"));
        else if ("as_list".equals(member) || "$elements".equals(member) || "dims".equals(member)) {
          found.add(new Read(null, file, range, source + ("$elements".equals(member) ? " sliced" : "." + member)));
        }
      } else if (use instanceof SSAAbstractInvokeInstruction) {
        found.add(new Read(null, file, range, source + " passed on whole"));
      }
    }
  }

  /** The position {@code a, b = x.shape} unpacks ({@code $0}, {@code $1}, ...), or null. */
  private static Integer unpacked(String member) {
    return member != null && member.matches("\\$\\d{1,4}") ? Integer.valueOf(member.substring(1)) : null;
  }

  private static String member(CGNode node, AstPropertyRead read) {
    var symbols = node.getIR().getSymbolTable();
    int m = read.getMemberRef();
    return symbols.isConstant(m) && symbols.getConstantValue(m) instanceof String s ? s : null;
  }

}
