"""Exact project-to-project call edges of the fixture programs (real JVM and WALA).

Each test asserts the whole set of edges between project functions and modules, so a
missing edge and an extra (imprecise) edge both fail.
"""

from __future__ import annotations

import pytest
from frontend_helpers import build_fixture, project_edges

from hybridize.bridge.wala import CallGraphSettings

pytestmark = pytest.mark.jvm

#: Only module bodies as roots: what the program itself calls.
MODULES_ONLY = CallGraphSettings(root_all_functions=False)


def test_imports_across_files_packages_relative_and_star() -> None:
    project = build_fixture("imports")
    assert project_edges(project) == {
        ("main", "main.run"),
        ("main.run", "util.helper"),  # import util; util.helper() and from util import helper as h
        ("main.run", "pkg.sub.sub_func"),  # from pkg import sub; and pkg.exported re-export
        ("main.run", "pkg.sub.deep_func"),  # from pkg.sub import deep_func
        ("main.run", "pkg.other.other_func"),  # import pkg.other; module attribute chain
        ("main.run", "pkg.star_source.starred"),  # star import
        ("pkg.sub.sub_func", "pkg.other.other_func"),  # from . import other
        ("rel.a", "rel.a.a_func"),
        ("rel.a.a_func", "rel.b.b_func"),  # from .b import b_func
        ("rel.a.a_func", "rel.b.b_other"),  # from . import b as b_module
    }
    assert not project.errors


def test_library_calls_are_named_by_dotted_api_path() -> None:
    project = build_fixture("imports")
    assert ("main.run", "tensorflow.constant", "main.py", 18) in {
        (e.caller, e.callee, e.file, e.line) for e in project.edges
    }


def test_same_function_name_in_an_unimported_module_gets_no_edge() -> None:
    project = build_fixture("negative", MODULES_ONLY)
    assert project_edges(project) == {("a", "a.run"), ("a.run", "a.process")}


def test_functions_the_project_never_calls_are_analysed_as_roots() -> None:
    project = build_fixture("negative")
    # b.Other.run is never called, but is analysed (on an instance of Other) by default.
    assert project_edges(project) == {
        ("a", "a.run"),
        ("a.run", "a.process"),
        ("b.Other.run", "b.process"),
    }


CLASSES_CALLED_BY_THE_PROGRAM = {
        ("shapes", "shapes.use"),
        ("shapes.use", "shapes.Child.__init__"),  # constructor call runs __init__
        ("shapes.Child.__init__", "shapes.Base.__init__"),  # super().__init__(x)
        ("shapes.use", "shapes.Base.greet"),  # inherited method through an instance of Child
        ("shapes.Base.greet", "shapes.Child.name"),  # self.name() resolves to the override only
        ("shapes.use", "shapes.Base.__init__"),
        ("shapes.use", "shapes.Base.name"),
        ("shapes.use", "shapes.Tools.static"),  # @staticmethod through the class
        ("shapes.Tools.static", "shapes.helper"),
        ("shapes.use", "shapes.Tools.make"),  # @classmethod
        ("shapes.use", "shapes.Tools.prop"),  # @property read runs the getter
        ("shapes.Tools.prop", "shapes.helper"),
        ("shapes.use", "shapes.Counter.__init__"),
        ("shapes.use", "shapes.Counter.fire"),
        ("shapes.Counter.fire", "shapes.helper"),  # function stored in an instance attribute
        ("shapes.use", "shapes.Action.__call__"),  # calling an instance runs __call__
        ("shapes.Action.__call__", "shapes.helper"),
}


def test_methods_self_inheritance_overriding_super_and_constructors() -> None:
    project = build_fixture("classes", MODULES_ONLY)
    assert project_edges(project) == CLASSES_CALLED_BY_THE_PROGRAM


def test_two_argument_super_continues_the_mro_after_the_named_class() -> None:
    project = build_fixture("two_argument_super", MODULES_ONLY)
    assert project_edges(project) == {
        ("sup", "sup.use"),
        ("sup.use", "sup.Middle.__init__"),  # Leaf inherits Middle's constructor
        ("sup.Middle.__init__", "sup.Base.__init__"),  # super(Middle, self).__init__
        ("sup.use", "sup.Leaf.name"),
        ("sup.Leaf.name", "sup.Base.name"),  # super(Middle, self): not Middle.name
    }


def test_getattr_with_a_constant_name_reads_that_attribute() -> None:
    project = build_fixture("getattr_names", MODULES_ONLY)
    assert project_edges(project) == {
        ("dyn", "dyn.use"),
        ("dyn.use", "dyn.Greeter.hello"),  # getattr(g, "hello")(): that method, not other
        ("dyn.Greeter.hello", "dyn.helper"),
        ("dyn.use", "dyn.fallback"),  # the default of getattr(g, "missing", fallback)
    }


def test_methods_as_roots_run_on_an_instance_of_their_own_class() -> None:
    project = build_fixture("classes")
    # Base.greet analysed as a root on a Base instance: Base().greet() calls Base.name.
    assert project_edges(project) == CLASSES_CALLED_BY_THE_PROGRAM | {
        ("shapes.Base.greet", "shapes.Base.name")
    }


def test_closures_nonlocal_higher_order_aliases_and_lambdas() -> None:
    project = build_fixture("closures")
    assert project_edges(project) == {
        ("funcs", "funcs.outer"),
        ("funcs", "funcs.outer.inc"),  # the closure returned by outer() is called
        ("funcs.outer.inc", "funcs.work"),
        ("funcs", "funcs.higher"),
        ("funcs.higher", "funcs.apply"),
        ("funcs.apply", "funcs.double"),  # function passed as an argument and called
        ("funcs.higher", "funcs.make_adder"),
        ("funcs.higher", "funcs.make_adder.add"),
        ("funcs.higher", "funcs.double"),  # g = double; g(4)
        ("funcs.higher", "funcs.higher.<lambda@37:9>"),
        ("funcs.higher.<lambda@37:9>", "funcs.double"),
    }


def test_decorators_project_wrapper_and_library_decorator_keep_functions() -> None:
    project = build_fixture("decorators")
    assert project_edges(project) == {
        ("deco", "deco.logged"),  # applying @logged calls the decorator
        ("deco", "deco.main"),
        ("deco.main", "deco.logged.wrapper"),  # decorated(1) calls the wrapper...
        ("deco.logged.wrapper", "deco.decorated"),  # ...which calls the original
        ("deco.main", "deco.compiled"),  # @tf.function does not hide the function
        ("deco.compiled", "deco.helper"),
    }


def test_keyword_arguments_defaults_varargs_and_kwargs_bind_by_name() -> None:
    project = build_fixture("arguments")
    assert project_edges(project) == {
        ("args", "args.main"),
        ("args.main", "args.call_first"),
        ("args.call_first", "args.f1"),  # first=f1 by keyword; second=f2 not called
        ("args.main", "args.call_second"),
        ("args.call_second", "args.f3"),  # default value
        ("args.call_second", "args.f2"),  # second=f2 by keyword; f4 went to `first`
        ("args.main", "args.spread"),
        ("args.spread", "args.f1"),  # *args element
        ("args.main", "args.by_keyword"),
        ("args.by_keyword", "args.f4"),  # **kwargs value
        ("args.main", "args.keyword_only"),
        ("args.keyword_only", "args.f3"),  # keyword-only parameter
    }


def test_direct_and_mutual_recursion() -> None:
    project = build_fixture("recursion")
    assert project_edges(project) == {
        ("rec", "rec.fact"),
        ("rec", "rec.even"),
        ("rec.fact", "rec.fact"),
        ("rec.even", "rec.odd"),
        ("rec.odd", "rec.even"),
    }


def test_generators_and_comprehensions_calling_functions() -> None:
    project = build_fixture("generators")
    assert project_edges(project) == {
        ("gens", "gens.use"),
        ("gens.use", "gens.gen"),
        ("gens.gen", "gens.make"),
        ("gens.use", "gens.consumer"),  # a function yielded by the generator is called
        ("gens.use", "gens.work"),  # list and dict comprehensions
        ("gens.use", "gens.work2"),  # generator expression
    }


def test_call_sites_carry_file_and_line() -> None:
    project = build_fixture("classes")
    sites = {(e.caller, e.callee): (e.file, e.line) for e in project.edges}
    assert sites[("shapes.Child.__init__", "shapes.Base.__init__")] == ("shapes.py", 14)
    assert sites[("shapes.use", "shapes.Tools.prop")] == ("shapes.py", 62)


def test_statement_forms_are_translated_without_errors() -> None:
    """try/except/else/finally, loops with break/continue/else, with, match, walrus,
    f-strings, global, starred unpacking, async/await and a Keras model's call."""
    project = build_fixture("constructs")
    assert project.errors == []
    edges = project_edges(project)
    statement = "syntax.statements"
    assert edges == {
        ("syntax", "syntax.run"),
        ("syntax.run", statement),
        ("syntax.run", "syntax.Model.__init__"),
        ("syntax.run", "syntax.Model.call"),  # calling a Keras model runs its `call`
        ("syntax.Model.call", "syntax.f_loop"),
        ("syntax.run", "syntax.gather"),  # asyncio.run(gather()): the coroutine is called
        ("syntax.gather", "syntax.fetch"),  # await
        ("syntax.fetch", "syntax.f_with"),
        (statement, "syntax.f_try"),
        (statement, "syntax.f_except"),
        (statement, "syntax.f_else"),
        (statement, "syntax.f_finally"),
        (statement, "syntax.f_loop"),
        (statement, "syntax.Managed.__enter__"),
        (statement, "syntax.Managed.__exit__"),
        (statement, "syntax.f_match"),
        (statement, "syntax.f_walrus"),
        (statement, "syntax.f_fstring"),
        # Elements of a tuple share one abstract slot: head() and tail[0]() may call either.
        (statement, "syntax.f_unpack"),
        (statement, "syntax.f_global"),
    }
    library = {(e.caller, e.callee) for e in project.edges} - edges
    assert (statement, "builtins.print") in library
    assert ("syntax.Model.call", "tensorflow.keras.layers.Dense.__call__") in library


def test_a_root_that_is_itself_a_package_resolves_imports_through_its_own_name() -> None:
    # rootpkg/app.py says `import rootpkg.tools`; its modules are named app, tools, __init__.
    project = build_fixture("rootpkg")
    assert project_edges(project) == {("app.main", "tools.tool")}
    assert {e.line for e in project.edges if e.callee == "tools.tool"} == {6, 7}


def test_library_callbacks_are_called_when_enabled() -> None:
    callbacks = CallGraphSettings(library_callbacks=True)
    project = build_fixture("robustness", callbacks)
    lambda_name = "robust.counts_after_call.<lambda@16:27>"
    assert ("robust.counts_after_call", lambda_name) in project_edges(project)  # max(key=...)
    assert ("robust.counts_after_call", lambda_name) not in project_edges(
        build_fixture("robustness")
    )
    decorators = project_edges(build_fixture("decorators", callbacks))
    assert ("deco.logged", "deco.decorated") not in decorators  # functools.wraps(fn) stores fn


def test_higher_order_apis_call_the_functions_the_callbacks_model_lists() -> None:
    # tf.cond/case/switch_case branches (inside lists and (pred, fn) pairs), while_loop's cond
    # and body, map_fn by keyword, Dataset.map/filter with bound methods; type(self).f(self, x)
    # and self.__class__.f(self, x) call through the instance's class.
    project = build_fixture("callbacks", MODULES_ONLY)
    assert project_edges(project) == {
        ("flow", "flow.run"),
        ("flow.run", "flow.high"),
        ("flow.run", "flow.low"),
        ("flow.run", "flow.other"),
        ("flow.run", "flow.keep_going"),
        ("flow.run", "flow.step"),
        ("flow.run", "flow.square"),
        ("data", "data.Pipeline.build"),
        ("data.Pipeline.build", "data.Pipeline.parse"),
        ("data.Pipeline.build", "data.Pipeline.keep"),
        ("data", "data.Child.via_type"),
        ("data", "data.Child.via_class"),
        ("data.Child.via_type", "data.Pipeline.parse"),
        ("data.Child.via_class", "data.Pipeline.keep"),
    }
    # tf.identity is no higher-order API: the function it gets is not called (flow.never_called).
    assert not project.errors


def test_calls_through_a_class_bind_positionally_in_and_across_files() -> None:
    # Ops.double(t) (base.py) and Local.triple(x) (same file) on defs without self: the
    # argument binds to the first parameter; Base.scale(self, x) and Base.tag(self, "child")
    # pass the instance explicitly. Local.unused is never called.
    project = build_fixture("class_calls", MODULES_ONLY)
    assert project_edges(project) == {
        ("main", "main.run"),
        ("main.run", "base.Ops.double"),
        ("main.run", "main.Child.scale"),
        ("main.run", "main.Child.named"),
        ("main.Child.scale", "base.Base.scale"),
        ("main.Child.scale", "main.Local.triple"),
        ("main.Child.named", "base.Base.tag"),
    }
    values = project.parameter_values()
    sites = {(f, p): {(v.kind.value, v.call.caller, v.call.line) for v in vs}
             for f in ("base.Ops.double", "main.Local.triple", "base.Base.scale", "base.Base.tag")
             for p, vs in values[f].items()}
    assert sites == {
        ("base.Ops.double", "amount"): {("tensor", "main.run", 23)},
        ("main.Local.triple", "amount"): {("tensor", "main.Child.scale", 16)},
        ("base.Base.scale", "x"): {("tensor", "main.Child.scale", 16)},
        ("base.Base.scale", "self"): {("other", "main.Child.scale", 16)},
        ("base.Base.tag", "label"): {("str", "main.Child.named", 19)},
        ("base.Base.tag", "self"): {("other", "main.Child.named", 19)},
    }
    # The explicit self is the Child the caller made, not a fresh Base.
    assert {o.type_name for o in project.points_to("base.Base.scale", "self")} == {"main.Child"}
    assert not project.errors
