"""Dynamic proof of the withheld signatures (rules 18 and 22, tf.Variable parameters): TensorFlow
(in a subprocess) runs each fixture with the signature the call sites would give written into
every function whose signature the analysis withholds. Some call then raises or diverges where
the original (bare decorator, or eager) agreed; the functions whose signature is written keep
agreeing (``test_dynamic_signatures``)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from hybridize.analysis.infer import infer_attributes
from hybridize.analysis.signatures import signature_parameters
from hybridize.analyze import analyze_path
from hybridize.edit import EditRequest, plan_file
from hybridize.edit.model import SignatureSpecs
from hybridize.parse.functions import FunctionDef
from hybridize.report import Transformation
from hybridize.settings import AnalysisSettings
from hybridize.verdicts.preconditions import FunctionAttributes
from tests.analysis.fixture_cases import keras_environment
from tests.analysis.test_dynamic_signatures import FIXTURES, _run

#: Fixture -> the functions whose signature the analysis withholds.
WITHHELD = {
    "signature_static_axis_reads": {"pad", "listed", "total"},
    "signature_static_axis_multi_file": {"with_column"},
    "signature_dtype_conflict": {"half", "mean_of"},
    "signature_dtype_conflict_multi_file": {"half"},
    "signature_variable_parameter": {"decay"},
}


def _candidates(fn: FunctionDef, attrs: FunctionAttributes) -> list[SignatureSpecs]:
    """The signatures a writer could take from the call sites: the inferred one when the join
    gave one, else one spec per parameter and per dtype the call sites pass (any rank)."""
    signature = attrs.signature
    assert signature is not None
    if signature.specs is not None:
        return [tuple((spec.shape, spec.dtype) for spec in signature.specs)]
    names, _ = signature_parameters(fn)
    dtypes = dict(signature.sources)
    per_parameter = [sorted({(None, s.dtype) for s in dtypes[name] if s.dtype}) for name in names]
    return [tuple(choice) for choice in itertools.product(*per_parameter)]


#: Keras generation -> the target that selects it (None: the newest, Keras 3).
GENERATIONS = {3: None, 2: "2.15"}


@pytest.mark.parametrize("keras", sorted(GENERATIONS))
@pytest.mark.parametrize("fixture", sorted(WITHHELD))
def test_withheld_signatures_would_break_a_call(fixture: str, keras: int, tmp_path: Path) -> None:
    # Analysed for each Keras generation's target and run under it (Keras 2 through tf_keras).
    root = FIXTURES / fixture
    attributes: dict[str, FunctionAttributes] = {}
    environment = keras_environment(keras)

    def infer(*args, **kwargs):  # type: ignore[no-untyped-def]
        attributes.update(infer_attributes(*args, **kwargs))
        return attributes

    report = analyze_path(root, AnalysisSettings(tensorflow=GENERATIONS[keras]), infer=infer)
    assert report.settings["tensorflow"]["keras"] == keras
    withheld = [fn for fn in report.functions if fn.name in WITHHELD[fixture]]
    assert all(fn.input_signature is None and fn.input_signature_reason for fn in withheld)
    definitions = _definitions(root)
    for fn in withheld:
        # The reference: the hybrid function as it is, or the eager one under a bare decorator.
        shutil.copytree(root, tmp_path / "bare", dirs_exist_ok=True)
        bare = _run(_force(root, tmp_path / "bare", fn.qualified_name, fn.line, fn.hybrid, None),
                    environment)
        assert not any(isinstance(c, str) for c in bare["calls"][fn.name]), fn.name
        for index, specs in enumerate(_candidates(definitions[fn.qualified_name],
                                                  attributes[fn.qualified_name])):
            out = tmp_path / f"signed{index}"
            shutil.copytree(root, out, dirs_exist_ok=True)
            forced = _run(_force(root, out, fn.qualified_name, fn.line, fn.hybrid, specs),
                          environment)
            assert any(isinstance(c, str) for c in forced["calls"][fn.name]), (fn.name, specs)


def _definitions(root: Path) -> dict[str, FunctionDef]:
    from hybridize.parse.functions import module_functions
    from hybridize.parse.project import load_project
    return {fn.qualified_name: fn for module in load_project(root).modules
            for fn in module_functions(module)}


def _force(root: Path, out: Path, name: str, line: int, hybrid: bool,
           specs: SignatureSpecs | None) -> Path:
    """``out/main.py`` to run, with ``specs`` written into ``name``'s decorator (a hybrid
    function is reconfigured; an eager one gets the decorator). A hybrid function without
    specs stays as it is."""
    if hybrid and specs is None:
        return out / "main.py"
    relative = name.rpartition(".")[0].replace(".", "/") + ".py"
    transformation = Transformation.RECONFIGURE if hybrid else Transformation.CONVERT_TO_HYBRID
    request = EditRequest(line, name, transformation, input_signature=specs)
    plan = plan_file(relative, (root / relative).read_bytes(), [request])
    assert plan.refusals == () and plan.edit is not None
    (out / relative).write_bytes(plan.edit.updated)
    return out / "main.py"
