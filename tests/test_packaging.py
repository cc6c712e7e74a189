"""The two dependency lists agree, and the package ships what it needs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    """The version bounds, without the name and extras: 'dask[bag]>=2024.1' -> '>=2024.1'."""
    return re.sub(r"^[A-Za-z0-9_.\-]+(\[[^\]]*\])?", "", requirement.strip()).replace(" ", "")


def test_environment_yml_mirrors_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    extras_installed = None
    conda: dict[str, str] = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            (pip_line,) = [line for line in item["pip"] if line.startswith("-e .")]
            extras_installed = set(re.search(r"\[(.*)\]", pip_line).group(1).split(","))
        else:
            conda[_name(item)] = _spec(item)
    assert "python" in conda and conda["python"] == ">=" + project["requires-python"].lstrip(">=")
    wanted: dict[str, str] = {_name(r): _spec(r) for r in project["dependencies"]}
    for extra in sorted(extras_installed):
        wanted.update({_name(r): _spec(r) for r in project["optional-dependencies"][extra]})
    conda.pop("python")
    conda.pop("pip")
    assert conda == wanted, "environment.yml and pyproject.toml disagree"


def test_environment_yml_installs_the_notebook_and_test_extras() -> None:
    text = (ROOT / "environment.yml").read_text()
    assert "-e .[notebooks,test]" in text


def test_makefile_installs_every_extra_the_tests_use() -> None:
    makefile = (ROOT / "Makefile").read_text()
    extras = re.search(r"^EXTRAS := (.*)$", makefile, re.M).group(1).split(",")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert set(extras) == set(project["optional-dependencies"])


def test_ci_runs_make_test_and_nothing_else() -> None:
    lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1].strip() == "make test"


def test_every_subpackage_is_listed_for_setuptools() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "analysis").rglob("__init__.py")}
    assert found == listed


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and " " not in version.strip(), f"not a name==version line: {line!r}"
            pins[_name(name)] = version.strip()
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_pins_every_dependency_within_its_bounds() -> None:
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted += extra
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [item for item in env["dependencies"] if isinstance(item, str) and _name(item) not in ("python", "pip")]
    pins = {_canonical(name): version for name, version in _lock().items()}
    assert "analysis" not in pins, "the lock pins the project itself"
    for requirement in wanted + conda:
        name = _canonical(_name(requirement))
        assert name in pins, f"{name} is a dependency but requirements.lock does not pin it (run make lock)"
        assert pins[name] in SpecifierSet(_spec(requirement)), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement!r} (run make lock)")


def test_make_installs_the_locked_versions() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\$\(STAMP\): pyproject.toml \$\(LOCK\)$", makefile, re.M)
    assert "pip install --quiet -c $(LOCK) -e '.[$(EXTRAS)]'" in makefile
    assert re.search(r"^LOCK := requirements.lock$", makefile, re.M)
