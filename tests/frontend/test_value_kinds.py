"""One vocabulary of value kinds: the API model's data, Python's enum and Java's enum agree."""

from __future__ import annotations

from hybridize.analysis.models import model_data
from hybridize.bridge import jvm
from hybridize.bridge.value_kinds import ValueKind


def test_the_model_and_both_enums_name_the_same_kinds() -> None:
    data = {k for k in model_data()["value_kinds"] if not k.startswith("_")}
    python = {kind.value for kind in ValueKind}
    java = {str(kind.modelName()) for kind in jvm.jclass("org.hybridize.wala.cg.ValueKind").values()}
    assert data == python == java


def test_every_kind_the_model_uses_is_in_the_vocabulary() -> None:
    data = model_data()
    vocabulary = {kind.value for kind in ValueKind}
    used = set(data["returns"]) | set(data["eager_only"]["methods"])
    used |= {spec["blocked_when_calling"]["kind"]
             for methods in data["speculative"]["framework_methods"].values()
             if isinstance(methods, dict)
             for spec in methods.values()
             if isinstance(spec, dict) and "blocked_when_calling" in spec}
    assert used <= vocabulary, used - vocabulary
