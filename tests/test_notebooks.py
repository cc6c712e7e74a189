"""Every notebook is committed without outputs and executes on the shipped corpus."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from pathlib import Path

import nbformat
import pytest

import analysis
from analysis.report import execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()
WARNING_MARKERS = ("Warning", "WARNING", "Traceback")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    node = json.loads(path.read_text(encoding="utf-8"))
    for cell in node["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: a code cell has outputs"
            assert cell["execution_count"] is None, f"{path.name}: a code cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_with_a_parameters_cell(path: Path) -> None:
    node = nbformat.read(path, as_version=4)
    code = [c for c in node.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "the first code cell must be tagged parameters"
    for cell in code:
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ")), f"{path.name}: computation belongs in analysis/"


def _calls(tree: ast.AST, imported: dict[str, object]) -> list[tuple[object, ast.Call]]:
    """The calls of `analysis.f` and of names imported from analysis, with the function called."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "analysis":
            found.append((getattr(analysis, func.attr), node))
        elif isinstance(func, ast.Name) and func.id in imported:
            found.append((imported[func.id], node))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_one_settings_object(path: Path) -> None:
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    tree = ast.parse(source)
    imported = {alias.asname or alias.name: getattr(importlib.import_module(node.module), alias.name)
                for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module.startswith("analysis")
                for alias in node.names}
    calls = _calls(tree, imported)
    made = [call for function, call in calls if function is analysis.make_settings]
    assert len(made) == 1, f"{path.name}: settings are made once (settings.replace for a variant)"
    checked = 0
    for function, call in calls:
        given = {k.arg: ast.unparse(k.value) for k in call.keywords}
        for option in ("keep_abbreviations", "keep_calendar"):
            if option in inspect.signature(function).parameters:
                assert given.get(option) == f"settings.{option}", (
                    f"{path.name}: {ast.unparse(call)[:80]} must pass {option}=settings.{option}")
                checked += 1
    assert checked >= 1


@pytest.mark.slow
@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_errors_or_warnings(path: Path, tmp_path: Path) -> None:
    figures = tmp_path / "figures"
    executed = execute_notebook(path, tmp_path / path.name, parameters={"figures_dir": str(figures)})
    node = nbformat.read(executed, as_version=4)
    for cell in node.cells:
        if cell.cell_type != "code":
            continue
        if "= plot_" in cell.source:  # every chart is shown in the notebook, not only saved
            shown = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
            assert len(shown) == 1, f"{path.name}: the chart of {cell.source.splitlines()[0]!r} is not shown"
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{path.name}: {output.get('ename')}: {output.get('evalue')}"
            if output.output_type == "stream" and output.name == "stderr":
                text = output.text
                assert not any(m in text for m in WARNING_MARKERS), f"{path.name} printed: {text[:500]}"
