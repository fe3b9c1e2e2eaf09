"""Python side effects from WALA mod-ref (real JVM and WALA).

Each fixture asserts the exact set of functions with effects, so a missed effect and a
spurious one both fail; the evidence (what, where, through which callees) is checked for
each kind of write.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from frontend_helpers import build_fixture, span_of

from hybridize.bridge import jvm
from hybridize.bridge.wala import SideEffect, WalaProject

pytestmark = pytest.mark.jvm


def effectful(project: WalaProject) -> set[str]:
    return {name for name, effects in project.side_effects().items() if effects}


def evidence(project: WalaProject, function: str) -> set[tuple[str, int, str, tuple[str, ...]]]:
    return {(e.file, e.line, e.what, e.via) for e in project.side_effects()[function]}


def test_module_variables_and_class_attributes() -> None:
    project = build_fixture("modref_state")
    effects = project.side_effects()
    # below_limit, read_verbose and check only read globals and class attributes.
    assert {"counters.below_limit", "counters.read_verbose", "main.check"} <= effects.keys()
    assert effectful(project) == {
        "counters.bump",
        "counters.set_verbose",
        "main.reset_through_module",
        "main.step",
        "main.step_twice",
    }
    assert evidence(project, "counters.bump") == {
        ("counters.py", 13, "global `counter` of module `counters`", ()),
    }
    assert evidence(project, "counters.set_verbose") == {
        ("counters.py", 21, "class attribute `verbose` of `counters.Config`", ()),
    }
    # `counters.limit = 0` writes the module variable, as `global limit` would.
    assert evidence(project, "main.reset_through_module") == {
        ("main.py", 5, "global `limit` of module `counters`", ()),
    }


def test_transitive_effects_name_the_callee_chain() -> None:
    project = build_fixture("modref_state")
    assert evidence(project, "main.step_twice") == {
        ("counters.py", 13, "global `counter` of module `counters`", ("main.step", "counters.bump")),
    }


def test_attribute_and_element_writes_count_only_on_objects_the_function_does_not_own() -> None:
    project = build_fixture("modref_objects")
    assert effectful(project) == {
        "shapes.Box.__init__",  # writes self, which its caller allocates
        "shapes.Box.grow",  # writes self
        "shapes.resize",  # writes its argument
        "shapes.resize_shared",  # passes the module's SHARED box to resize
        "shapes.record",  # appends to a module list
        "shapes.register",  # stores into a module dict
        "shapes.relabel",  # nobody calls it: writes the object of an unknown caller
        "shapes.fill",  # the same, through an attribute of its parameter
        "shapes.tag_shared",  # setattr on the module's SHARED box
    }
    # fresh_box allocates its box; local_list/local_copy mutate lists they made.
    assert {"shapes.fresh_box", "shapes.local_list", "shapes.local_copy", "shapes.total",
            "shapes.Box.area", "shapes.peek", "shapes.tag_fresh"} <= project.side_effects().keys()


def test_object_writes_say_which_object_and_where_it_was_allocated() -> None:
    project = build_fixture("modref_objects")
    assert evidence(project, "shapes.resize_shared") == {
        ("shapes.py", 19, "attribute `size` of a `shapes.Box` object allocated at shapes.py:33",
         ("shapes.resize",)),
    }
    assert evidence(project, "shapes.record") == {
        ("shapes.py", 37, "elements of a `list` object allocated at shapes.py:3", ()),
    }
    assert evidence(project, "shapes.register") == {
        ("shapes.py", 41, "elements of a `dict` object allocated at shapes.py:4", ()),
    }
    assert evidence(project, "shapes.tag_shared") == {
        ("shapes.py", 74, "attribute `label` of a `shapes.Box` object allocated at shapes.py:33", ()),
    }
    assert evidence(project, "shapes.fill") == {
        ("shapes.py", 66, "an object an unknown caller passes as parameter `bucket`", ()),
    }
    # grow runs on fresh_box's box and, as a root, on an instance of an unknown caller: one
    # statement, one effect, both objects named.
    assert project.side_effects()["shapes.Box.grow"] == [
        SideEffect("shapes.py", 12, "attribute `size` of a `shapes.Box` object allocated at "
                   "shapes.py:23, or of an unknown caller", (),
                   span_of("modref_objects", "shapes.py", 12, "self.size = self.size + 1")),
    ]
    # resize writes boxes from two allocation sites (fresh_box's and the module's SHARED), and,
    # called as a root, whatever an unknown caller passes.
    assert project.side_effects()["shapes.resize"] == [
        SideEffect("shapes.py", 19, "an object an unknown caller passes as parameter `box`", (),
                   span_of("modref_objects", "shapes.py", 19, "box.size = size")),
        SideEffect("shapes.py", 19, "attribute `size` of a `shapes.Box` object allocated at "
                   "shapes.py:23 or shapes.py:33", (),
                   span_of("modref_objects", "shapes.py", 19, "box.size = size")),
    ]


def test_nonlocal_writes_are_effects_of_the_closure_not_of_the_frame_owner() -> None:
    project = build_fixture("modref_closures")
    assert effectful(project) == {
        "nested.counter.add",
        "nested.make_adder.inc",
        "nested.use_shared",  # calls a closure whose frame the module made
    }
    # counter and use_adder own the frames their closures write; reader only reads.
    assert {"nested.counter", "nested.use_adder", "nested.reader.peek"} <= \
        project.side_effects().keys()
    assert evidence(project, "nested.counter.add") == {
        ("nested.py", 6, "closure variable `total` of `nested.counter`", ()),
    }
    assert evidence(project, "nested.use_shared") == {
        ("nested.py", 27, "closure variable `count` of `nested.make_adder`",
         ("nested.make_adder.inc",)),
    }


def test_python_io_is_an_effect_and_tensorflow_state_is_not() -> None:
    project = build_fixture("modref_io")
    assert effectful(project) == {
        "report.say", "report.log", "report.save", "report.ask", "report.announce",
        "report.pipeline",
    }
    # tf.print, Variable.assign*, optimizer updates: TensorFlow state, not Python's.
    assert {"report.graph_print", "report.assign", "report.train_step", "report.run",
            "report.quiet"} <= project.side_effects().keys()
    assert evidence(project, "report.save") == {
        ("report.py", 15, "Python I/O: open", ()),
        ("report.py", 16, "Python I/O: open.write", ()),
    }
    assert evidence(project, "report.pipeline") == {
        ("report.py", 7, "Python I/O: print", ("report.announce", "report.say")),
    }
    assert project.side_effects()["report.log"] == [
        SideEffect("report.py", 11, "Python I/O: logging.info", (),
                   span_of("modref_io", "report.py", 11, 'logging.info("value %s", x)')),
    ]


def test_every_function_of_a_call_cycle_has_the_effects_of_the_whole_cycle() -> None:
    project = build_fixture("modref_cycles")
    assert effectful(project) == {
        "cycles.ping",  # through pong, in the same cycle
        "cycles.pong",
        "cycles.start",  # calls into the cycle
        "cycles.descend",  # a recursive function whose callee outside the cycle writes
        "cycles.raise_flag",
    }
    assert "cycles.count_down" in project.side_effects()  # recursive, and writes nothing
    log = "elements of a `list` object allocated at cycles.py:1"
    assert evidence(project, "cycles.ping") == {("cycles.py", 11, log, ("cycles.pong",))}
    assert evidence(project, "cycles.pong") == {("cycles.py", 11, log, ())}
    assert evidence(project, "cycles.start") == {("cycles.py", 11, log, ("cycles.ping", "cycles.pong"))}
    assert evidence(project, "cycles.descend") == {
        ("cycles.py", 28, "global `FLAG` of module `cycles`", ("cycles.raise_flag",)),
    }


def test_a_statement_writing_objects_of_two_classes_is_one_effect_naming_both() -> None:
    project = build_fixture("classes")
    # Base.__init__ runs on Base and Child instances, each made in use() or by an unknown caller.
    assert project.side_effects()["shapes.Base.__init__"] == [
        SideEffect("shapes.py", 3, "attribute `x` of a `shapes.Base` object allocated at "
                   "shapes.py:58, or of an unknown caller; or of a `shapes.Child` object "
                   "allocated at shapes.py:56, or of an unknown caller", (),
                   span_of("classes", "shapes.py", 3, "self.x = x")),
    ]


def _python_effects() -> dict:
    text = resources.files("hybridize").joinpath("models/tensorflow.json").read_text("utf-8")
    return json.loads(text)["python_effects"]


def test_mod_ref_reads_its_io_apis_from_the_api_model() -> None:
    java = jvm.jclass("org.hybridize.wala.cg.PythonIoApis")
    assert [str(p) for p in java.patterns()] == _python_effects()["functions"]


def test_mod_ref_reads_every_io_pattern_of_the_api_model() -> None:
    java = jvm.jclass("org.hybridize.wala.cg.PythonIoApis")
    effects = _python_effects()
    for pattern in effects["functions"]:
        root = pattern.removesuffix(".*")
        names = [root, f"{root}.anything"] if pattern.endswith(".*") else [root]
        for name in names:
            # The front end names builtins `builtins.print`.
            api = name if "." in root else f"builtins.{name}"
            assert java.isIo(api), api
    for setter in effects["attribute_setters"]:
        assert java.isAttributeSetter(f"builtins.{setter}") and not java.isIo(f"builtins.{setter}")
    assert not java.isIo("builtins.len")
    assert not java.isIo("os.path.join")
