"""The TensorFlow/Keras generation a project targets (``hybridize.parse.target``): every dependency
file kind, every spelling of a pin, and what decides the Keras generation. Pure: no JVM."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from hybridize.parse.requirements_files import conda_requirement, poetry_specifier
from hybridize.parse.target import DEFAULT, TargetVersion, detect, from_option, highest_allowed


def _detect(root: Path, files: dict[str, str]) -> TargetVersion:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    modules = [(n, ast.parse(t)) for n, t in files.items() if n.endswith(".py")
               and n != "setup.py"]
    return detect(root, modules)


@pytest.mark.parametrize(("specifier", "version"), [
    ("==2.9.1", "2.9.1"),
    ("==2.12.*", "2.12"),
    ("~=2.13.0", "2.13.0"),
    ("~=2.13", "2.21"),           # ~=2.13 means >=2.13,<3
    (">=2.4,<2.16", "2.15"),
    ("<=2.15.1", "2.15.1"),
    (">=2.10,!=2.15.*,<2.16", "2.14"),
    ("<3", "2.21"),
    (">=2.4", None),              # no upper bound: the newest
    ("", None),
])
def test_highest_allowed_version_as_precise_as_written(specifier: str,
                                                        version: str | None) -> None:
    found = highest_allowed(SpecifierSet(specifier))
    assert (None if found is None else str(found)) == version


@pytest.mark.parametrize(("line", "version", "keras"), [
    ("tensorflow==2.12.*", "2.12", 2),
    ("tensorflow>=2.4,<2.16", "2.15", 2),
    ("tensorflow-gpu==2.9.1", "2.9.1", 2),
    ("tensorflow-cpu~=2.13.0", "2.13.0", 2),
    ("tensorflow[and-cuda]==2.15.0 ; python_version >= '3.9'", "2.15.0", 2),
    ("TensorFlow_MacOS==2.16.1", "2.16.1", 3),
    ("tensorflow==2.17.0", "2.17.0", 3),
    ("tensorflow>=2.4", None, 3),
])
def test_requirements_txt_spellings(tmp_path: Path, line: str, version: str | None,
                                    keras: int) -> None:
    target = _detect(tmp_path, {"requirements.txt": f"# pinned\nnumpy<2\n{line}  # tf\n"})
    assert target == TargetVersion(version, keras, "requirements.txt")


def test_requirements_include_and_other_names(tmp_path: Path) -> None:
    target = _detect(tmp_path, {"requirements-gpu.txt": "-r requirements/base.txt\n",
                                "requirements/base.txt": "--index-url x\ntensorflow==2.11\n"})
    assert target == TargetVersion("2.11", 2, "requirements-gpu.txt")


def test_pep621_pyproject(tmp_path: Path) -> None:
    text = ('[project]\nname = "p"\ndependencies = ["numpy"]\n'
            '[project.optional-dependencies]\ngpu = ["tensorflow[and-cuda]>=2.10,<2.16"]\n')
    assert _detect(tmp_path, {"pyproject.toml": text}) == TargetVersion("2.15", 2,
                                                                         "pyproject.toml")


@pytest.mark.parametrize(("constraint", "version", "keras"), [
    ('"^2.12"', "2.21", 3),                  # ^2.12: >=2.12,<3
    ('"~2.12"', "2.12", 2),                  # ~2.12: >=2.12,<2.13
    ('"2.9.3"', "2.9.3", 2),
    ('{version = ">=2.8,<2.14", optional = true}', "2.13", 2),
    ('"*"', None, 3),
])
def test_poetry_pyproject(tmp_path: Path, constraint: str, version: str | None,
                          keras: int) -> None:
    text = f'[tool.poetry.dependencies]\npython = "^3.10"\ntensorflow = {constraint}\n'
    assert _detect(tmp_path, {"pyproject.toml": text}) == TargetVersion(version, keras,
                                                                         "pyproject.toml")


def test_poetry_group_dependencies(tmp_path: Path) -> None:
    text = '[tool.poetry.group.ml.dependencies]\ntensorflow-cpu = "2.14.1"\n'
    assert _detect(tmp_path, {"pyproject.toml": text}).version == "2.14.1"


@pytest.mark.parametrize(("constraint", "pep440"), [
    ("^2.12.1", ">=2.12.1,<3"), ("^0.3", ">=0.3,<0.4"), ("~2.12.1", ">=2.12.1,<2.13"),
    ("~2", ">=2,<3"), (">=2.4, <2.16", ">=2.4,<2.16"), ("2.12.*", "==2.12.*"), ("*", "")])
def test_poetry_constraints_in_pep440(constraint: str, pep440: str) -> None:
    assert poetry_specifier(constraint) == pep440


def test_setup_py_literal_and_named_lists(tmp_path: Path) -> None:
    text = ("from setuptools import setup\nREQUIRED = ['numpy', 'tensorflow-gpu==2.8.0']\n"
            "setup(name='p', install_requires=REQUIRED)\n")
    assert _detect(tmp_path, {"setup.py": text}) == TargetVersion("2.8.0", 2, "setup.py")


def test_setup_py_extras(tmp_path: Path) -> None:
    text = "import setuptools\nsetuptools.setup(extras_require={'tf': ['tensorflow<2.16']})\n"
    assert _detect(tmp_path, {"setup.py": text}).version == "2.15"


def test_setup_cfg(tmp_path: Path) -> None:
    text = "[options]\ninstall_requires =\n    numpy\n    tensorflow>=2.6,<=2.10.1\n"
    assert _detect(tmp_path, {"setup.cfg": text}) == TargetVersion("2.10.1", 2, "setup.cfg")


def test_pipfile(tmp_path: Path) -> None:
    text = '[packages]\nnumpy = "*"\ntensorflow = "==2.13.0"\n[dev-packages]\npytest = "*"\n'
    assert _detect(tmp_path, {"Pipfile": text}) == TargetVersion("2.13.0", 2, "Pipfile")


@pytest.mark.parametrize(("item", "version"), [
    ("tensorflow=2.12", "2.12"), ("conda-forge::tensorflow=2.10.0=cpu_py310", "2.10.0"),
    ("tensorflow 2.11.*", "2.11"), ("tensorflow>=2.16", None)])
def test_environment_yml_conda_specs(tmp_path: Path, item: str, version: str | None) -> None:
    text = f"name: env\ndependencies:\n  - python=3.10\n  - {item}\n"
    assert _detect(tmp_path, {"environment.yml": text}).version == version


def test_environment_yml_pip_section(tmp_path: Path) -> None:
    text = "dependencies:\n  - pip\n  - pip:\n      - tensorflow-cpu==2.9.3\n"
    assert _detect(tmp_path, {"environment.yml": text}) == TargetVersion("2.9.3", 2,
                                                                          "environment.yml")


def test_conda_exact_build_and_prefix() -> None:
    assert conda_requirement("tensorflow=2.12=py310") == "tensorflow==2.12"
    assert conda_requirement("tensorflow=2.12") == "tensorflow==2.12.*"


def test_first_file_declaring_tensorflow_decides(tmp_path: Path) -> None:
    target = _detect(tmp_path, {"requirements.txt": "numpy\n",
                                "pyproject.toml": '[project]\ndependencies = ["tensorflow==2.10"]\n',
                                "setup.py": "setup(install_requires=['tensorflow==2.17'])\n"})
    assert target == TargetVersion("2.10", 2, "pyproject.toml")


def test_tf_keras_import_means_keras_2(tmp_path: Path) -> None:
    target = _detect(tmp_path, {"requirements.txt": "tensorflow==2.17\n",
                                "model.py": "from tf_keras import layers\n"})
    assert target == TargetVersion("2.17", 2, "requirements.txt, model.py")
    assert _detect(tmp_path / "x", {"m.py": "import tf_keras as keras\n"}) == TargetVersion(
        None, 2, "m.py")


def test_keras_below_3_pinned_means_keras_2(tmp_path: Path) -> None:
    target = _detect(tmp_path, {"requirements.txt": "tensorflow>=2.16\nkeras<3\n"})
    assert target == TargetVersion(None, 2, "requirements.txt, requirements.txt")


def test_unrelated_keras_names_change_nothing(tmp_path: Path) -> None:
    files = {"requirements.txt": "keras>=3\ntf-keras-vis==0.8\n",
             "m.py": "import tf_keras_extra\nfrom .tf_keras import x\n"}
    assert _detect(tmp_path, files) == DEFAULT


def test_nothing_declared_is_the_newest(tmp_path: Path) -> None:
    assert _detect(tmp_path, {"main.py": "import tensorflow as tf\n"}) == DEFAULT
    assert DEFAULT.to_json() == {"version": None, "keras": 3, "source": "default"}


def test_unreadable_files_declare_nothing(tmp_path: Path) -> None:
    files = {"pyproject.toml": "[project\n", "setup.py": "setup(install_requires=[\n",
             "requirements.txt": "tensorflow==2.14\n"}
    assert _detect(tmp_path, files) == TargetVersion("2.14", 2, "requirements.txt")


def test_single_file_reads_its_directory(tmp_path: Path) -> None:
    _detect(tmp_path, {"requirements.txt": "tensorflow==2.13\n"})
    assert detect(tmp_path / "main.py", []).version == "2.13"


@pytest.mark.parametrize(("text", "keras"), [("2.15", 2), ("2.9.3", 2), ("2.16", 3),
                                             ("2.21.0", 3)])
def test_option(text: str, keras: int) -> None:
    assert from_option(text) == TargetVersion(text, keras, "--tensorflow")


def test_option_rejects_what_is_no_version() -> None:
    with pytest.raises(ValueError, match="not a TensorFlow version"):
        from_option("latest")
