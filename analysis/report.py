"""Execute the notebooks headless and write HTML reports with their figures.

`make report` and ``python -m analysis report`` call `build_report`. Each
notebook runs with its working directory set to its own folder and with the
parameters injected after its cell tagged ``parameters`` (papermill), so the
same notebook runs on the shipped corpus or on yours.
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analysis.config import jupyter_data_dir, notebooks_dir
from analysis.notes import is_shipped_corpus, warnings_line

__all__ = [
    "ReportError",
    "build_report",
    "execute_notebook",
    "notebook_paths",
    "provenance_footer",
    "suggest_parameters",
    "to_html",
    "values_used",
]


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to run, in name order (checkpoints left out).

    Examples
    --------
    >>> [p.name for p in notebook_paths()][:1]
    ['01-walkthrough.ipynb']
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def execute_notebook(
    path: str | Path,
    output: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    timeout: int = 1200,
    progress: bool = False,
) -> Path:
    """Run one notebook with ``parameters`` and save the executed copy.

    The working directory is the notebook's folder, as in JupyterLab. An
    error in any cell raises `papermill.PapermillExecutionError` naming the
    cell.

    Returns
    -------
    pathlib.Path
        The executed notebook.
    """
    import papermill

    path, output = Path(path).resolve(), Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    # The kernel shows figures inline (ipykernel's default backend): make sure
    # an inherited MPLBACKEND (Agg in a test run) does not hide them.
    env_backend = os.environ.pop("MPLBACKEND", None)
    # The kernel process logs to the stderr it inherits (transport warnings, its
    # shutdown); send that to a log beside the executed notebook, not the terminal.
    saved_stderr = os.dup(2)
    log = open(output.with_suffix(".kernel.log"), "w", encoding="utf-8")  # noqa: SIM115 - closed below
    os.dup2(log.fileno(), 2)
    try:
        papermill.execute_notebook(
            str(path), str(output), parameters=dict(parameters or {}), cwd=str(path.parent),
            kernel_name="python3", progress_bar=progress, execution_timeout=timeout,
            log_output=False, request_save_on_cell_execute=False,
        )
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        log.close()
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    return output


def to_html(notebook: str | Path, output: str | Path, *, footer: str = "", shipped_corpus: bool = True) -> Path:
    """Convert an executed notebook to a standalone HTML page that works offline,
    with `footer` (HTML) at the end of the page.

    Figures are inline, and the page loads nothing from the internet (the
    ``offline`` template in ``analysis/data/jupyter``: no require.js,
    MathJax, Mermaid or widget scripts). One parameters cell is shown: the
    values used (papermill's injected values in place of the defaults).
    Without `shipped_corpus`, cells tagged ``shipped-corpus`` (prose about
    the shipped corpus) are left out. A cell tagged ``remove-input`` shows
    its output only. A Python warning on stderr becomes one line (its
    message, without the source path).
    """
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    node = nbformat.read(str(notebook), as_version=4)
    node.cells = [c for c in _cells_used(node.cells)
                  if shipped_corpus or "shipped-corpus" not in c.metadata.get("tags", [])]
    for cell in node.cells:
        if cell.cell_type == "code":
            cell.outputs = [_one_line_warnings(o) for o in cell.get("outputs", [])]
    config = Config({"TagRemovePreprocessor": {"enabled": True, "remove_input_tags": {"remove-input"}}})
    exporter = HTMLExporter(config=config, template_name="offline", exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            extra_template_basedirs=[str(jupyter_data_dir() / "nbconvert" / "templates")])
    body, _ = exporter.from_notebook_node(node)
    if footer:
        end = body.rfind("</body>")
        body = body[:end] + footer + body[end:] if end >= 0 else body + footer
    output = Path(output)
    output.write_text(body, encoding="utf-8")
    return output


def _cells_used(cells: list[Any]) -> list[Any]:
    """The cells with one parameters cell: the defaults' lines with the injected values in place."""
    injected = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    if not injected:
        return cells
    kept = []
    for cell in cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            continue
        if "parameters" in tags:
            cell.source = values_used(cell.source, injected[0].source)
        kept.append(cell)
    return kept


def values_used(defaults: str, injected: str) -> str:
    """The source of a parameters cell with papermill's injected values in place of the defaults.

    Each assignment of `defaults` whose name was injected gets the injected
    value (its comment kept); names injected but not in `defaults` follow at
    the end. Values are shown as Python writes them (``'G²'``, not
    ``"G\\xb2"``).

    Examples
    --------
    >>> print(values_used('term = "euro"  # the starting term\\nby = "year"', '# Parameters\\nterm = "wagner"\\n'))
    term = 'wagner'  # the starting term
    by = "year"
    """
    given = _assignments(injected)
    lines = defaults.splitlines()
    for name, (first, last, end_col) in sorted(_assignments_at(defaults).items(),
                                               key=lambda item: -item[1][0]):
        if name in given:
            comment = lines[last][end_col:]
            lines[first:last + 1] = [f"{name} = {given.pop(name)}{comment}"]
    lines += [f"{name} = {value}" for name, value in given.items()]
    return "\n".join(lines)


def _assignments(source: str) -> dict[str, str]:
    """Name -> the value's source, as Python would print the literal when it is one."""
    found = {}
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            text = ast.get_source_segment(source, statement.value) or ""
            try:
                text = repr(ast.literal_eval(text))
            except (ValueError, SyntaxError):
                pass
            found[statement.targets[0].id] = text
    return found


def _assignments_at(source: str) -> dict[str, tuple[int, int, int]]:
    """Name -> (first line, last line, the column where its value ends), lines from 0."""
    return {s.targets[0].id: (s.lineno - 1, s.end_lineno - 1, s.end_col_offset)
            for s in ast.parse(source).body
            if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.end_lineno is not None}


_WARNING = re.compile(r"^\S.*?:\d+: (?:\w+\.)*\w*Warning: (?P<message>.*)$")


def _one_line_warnings(output: Any) -> Any:
    """A stderr output whose lines are Python warnings ("path.py:3: UserWarning: ...",
    then the source line) as one Markdown line of their messages; any other stderr as it is."""
    if output.get("output_type") != "stream" or output.get("name") != "stderr":
        return output
    messages, rest = [], []
    for line in output.get("text", "").splitlines():
        found = _WARNING.match(line)
        if found:
            messages.append(found["message"])
        elif not (messages and line.startswith((" ", "\t"))):  # the source line a warning quotes
            rest.append(line)
    if not messages or any(line.strip() for line in rest):
        return output
    import nbformat

    return nbformat.v4.new_output("display_data", data={"text/markdown": warnings_line(messages)})


def provenance_footer(corpus: str | Path, parameters: Mapping[str, Any]) -> str:
    """An HTML footer saying what made a report: package version, the corpus
    (path and fingerprint), the parameters and the date (`analysis.provenance`:
    ``SOURCE_DATE_EPOCH`` or the newest document's date, never the wall clock).

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> footer = provenance_footer(corpus_dir() / "news", {"by": "month"})
    >>> "corpus fingerprint" in footer and "&quot;by&quot;: &quot;month&quot;" in footer
    True
    """
    return _footer(corpus, parameters, _corpus_summary(corpus))


def _corpus_summary(corpus: str | Path) -> tuple[str, list[str | None]]:
    """The corpus fingerprint and every document's date label, for a footer."""
    from analysis.corpus import load_corpus
    from analysis.tokenized import corpus_fingerprint

    documents = list(load_corpus(corpus, on_error="skip"))
    return corpus_fingerprint(documents), [doc.date_label for doc in documents]


def _footer(corpus: str | Path, parameters: Mapping[str, Any], summary: tuple[str, list[str | None]]) -> str:
    from analysis.provenance import provenance

    fingerprint, dates = summary
    record = provenance(None, "report", dict(parameters), fingerprint=fingerprint, dates=dates)
    settings = json.dumps(record["settings"]["arguments"], sort_keys=True, ensure_ascii=False)
    rows = [("analysis", record["analysis_version"]), ("corpus", str(corpus)),
            ("corpus fingerprint", record["corpus_fingerprint"]), ("parameters", settings),
            ("date", record["date"] or "(undated)")]
    cells = "".join(f"<dt>{html.escape(k)}</dt><dd><code>{html.escape(str(v))}</code></dd>"
                    for k, v in rows)
    return f"<footer class='provenance'><hr><dl>{cells}</dl></footer>"


def _notebook_corpus(path: Path, chosen: Mapping[str, Any], defaults: Mapping[str, Any]) -> Path | None:
    """The corpus a notebook ran on: the one given, or its own default (a literal path)."""
    if "corpus_path" in chosen:
        return Path(chosen["corpus_path"])
    try:
        default = ast.literal_eval(defaults.get("corpus_path", {}).get("default", ""))
    except (ValueError, SyntaxError):
        return None
    return (path.parent / default).resolve() if isinstance(default, str) else None


def suggest_parameters(
    corpus: str | Path,
    *,
    settings: Any = None,
    terms: Sequence[str] | None = None,
    node: str | None = None,
    target_period: str | None = None,
) -> dict[str, Any]:
    """Parameters that fit a corpus other than the shipped one, and how they were chosen.

    ``by`` is the coarsest of year, month and day that gives at least two
    periods with documents. What the user gave is kept; the rest comes from
    the corpus: ``terms`` are the three terms whose rate changes most over
    the periods (`analysis.rate_changes`, not the most frequent), ``node``
    (and the explorer's ``term``) the first of the terms, ``target_period``
    the period with the strongest keyness (the highest G² of any term
    against the rest, `analysis.keyness_by`). ``chosen_how`` says all this
    in one line for the report.

    Raises
    ------
    ValueError
        When every document falls in one period: there is nothing to
        compare over time.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> chosen = suggest_parameters(corpus_dir(), terms=["wet"], target_period="2000")
    >>> chosen["by"], chosen["node"], chosen["chosen_how"]
    ('year', 'wet', "terms ['wet'] as given; node 'wet': the first term; target period '2000' as given")
    """
    from analysis.corpus import load_corpus
    from analysis.frequency import keyness_by, rate_changes
    from analysis.settings import Settings
    from analysis.tokenized import tokenize

    settings = settings or Settings()
    tokens = tokenize(load_corpus(corpus, on_error="skip"), **settings.tokenize_options())
    by = _comparable_periods(tokens, corpus)
    how = []
    if terms:
        terms = list(terms)
        how.append(f"terms {terms} as given")
    else:
        changes = rate_changes(tokens, by=by, top=3, keep_abbreviations=settings.keep_abbreviations)
        if not len(changes):  # a small corpus: any term seen twice
            changes = rate_changes(tokens, by=by, min_count=2, min_docs=1, top=3,
                                   keep_abbreviations=settings.keep_abbreviations)
        terms = changes["term"].tolist()
        how.append(f"terms {terms}: the terms whose rate per {by} changes most (G² against one constant rate, "
                   f"terms of at least {changes.attrs['min_count']} tokens in {changes.attrs['min_docs']} documents)")
    if node is None and terms:
        node = terms[0]
        how.append(f"node {node!r}: the first term")
    if target_period is None:
        key = keyness_by(tokens, by, keep_abbreviations=settings.keep_abbreviations)
        target_period, why = _strongest_period(key, tokens, by)
        how.append(f"target period {target_period!r}: {why}")
    else:
        how.append(f"target period {target_period!r} as given")
    return {"by": by, "terms": terms, "node": node, "term": node, "target_period": target_period,
            "events": [], "chosen_how": "; ".join(how)}


def _comparable_periods(tokens: Any, corpus: str | Path) -> str:
    """The coarsest calendar period that gives at least two periods with documents."""
    for by in ("year", "month", "day"):
        try:
            labels = tokens.labels(by)
        except ValueError:
            continue
        if len(set(labels.tolist())) >= 2:
            return by
    raise ValueError(f"the documents of {str(corpus)!r} all fall in one period (or are undated): "
                     "the walkthrough compares periods; use 02-your-corpus for such a corpus")


def _strongest_period(key: Any, tokens: Any, by: str) -> tuple[str, str]:
    """The period with the highest keyness G², and why; the busiest period when no term is key."""
    if len(key):
        best = key.sort_values(["g2", by], ascending=[False, True], kind="stable").iloc[0]
        return str(best[by]), f"the {by} with the strongest keyness ({best['term']!r}, G² {best['g2']:.1f})"
    sizes: dict[str, int] = {}
    for label, size in zip(tokens.labels(by).tolist(), tokens.doc_lengths.tolist(), strict=True):
        sizes[label] = sizes.get(label, 0) + size
    busiest = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return busiest, f"no term is key anywhere, so the {by} with the most tokens"


class ReportError(RuntimeError):
    """Some notebooks failed; the others were still written.

    Attributes
    ----------
    written : list of pathlib.Path
        The HTML files that were written.
    failed : dict of str to str
        Notebook name -> why it failed (the cell, the error, where the
        executed notebook with the traceback is).
    """

    def __init__(self, written: list[Path], failed: dict[str, str]):
        self.written = written
        self.failed = failed
        super().__init__("; ".join(f"{name} failed: {why}" for name, why in failed.items()))


def build_report(
    corpus: str | Path | None = None,
    out: str | Path = "reports",
    *,
    notebooks: Sequence[str | Path] | None = None,
    parameters: Mapping[str, Any] | None = None,
    progress: bool = True,
) -> list[Path]:
    """Execute every notebook and write ``<out>/<name>.html`` and ``<out>/figures/``.

    Every notebook loads the corpus the same way, skipping bad records and
    listing them (``corpus.skipped``) in its report. A notebook that fails
    does not stop the others.

    Parameters
    ----------
    corpus : path, optional
        The corpus for the notebooks' ``corpus_path`` parameter; by default
        each notebook's own default (the shipped corpus).
    out : path
        The report folder; executed notebooks go to ``<out>/notebooks``.
    notebooks : list of paths, optional
        Which notebooks; by default all of `notebook_paths`.
    parameters : Mapping, optional
        More parameters for every notebook.

    Returns
    -------
    list of pathlib.Path
        The HTML files written.

    Raises
    ------
    FileNotFoundError, NotADirectoryError
        Before anything is written, when the corpus does not exist or
        ``out`` is a file.
    ReportError
        After every notebook has run, when some failed: which, and why.
    """
    out = _report_folder(corpus, out)
    paths = [Path(p) for p in notebooks] if notebooks is not None else notebook_paths()
    if not paths:
        raise FileNotFoundError(f"no notebooks found in {str(notebooks_dir())!r}")
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    written, failed = [], {}
    summaries: dict[Path, tuple[str, list[str | None]]] = {}  # each corpus read once for the footers
    # the corpus is read for the suggestions and for the footers: its skipped records are one warning, not two
    with _each_warning_once():
        values, suggested = _report_values(corpus, parameters, figures)
        if progress:
            from tqdm.auto import tqdm

            paths = tqdm(paths, desc="notebooks", unit="notebook")
        for path in paths:
            try:
                page = _report_one(path, out, values, suggested, summaries)
            except Exception as error:  # one notebook's failure never stops the others
                failed[path.name] = f"{_failure(error)} (executed notebook: {out / 'notebooks' / path.name})"
                continue
            if page is not None:
                written.append(page)
    if failed:
        raise ReportError(written, failed)
    return written


@contextmanager
def _each_warning_once() -> Iterator[None]:
    """Show each warning of a block (its category and message) the first time only; the filters in force still
    decide whether it shows at all."""
    shown: set[tuple[type[Warning], str]] = set()
    with warnings.catch_warnings():
        show = warnings.showwarning

        def once(message: Warning | str, category: type[Warning], *rest: Any) -> None:
            key = (category, str(message))
            if key not in shown:
                shown.add(key)
                show(message, category, *rest)

        warnings.showwarning = once
        yield


def _report_values(corpus: str | Path | None, parameters: Mapping[str, Any] | None,
                   figures: Path) -> tuple[dict[str, Any], dict[str, Any] | str]:
    """The parameters every notebook gets, and those suggested from the corpus
    (a dict), or why none could be (a str)."""
    # interactive=False: the explorer renders its starting term as a static page
    values: dict[str, Any] = {"figures_dir": str(figures), "interactive": False}
    suggested: dict[str, Any] | str = {}
    if corpus is not None:
        corpus_path = Path(corpus).resolve()
        values["corpus_path"] = str(corpus_path)
        if corpus_path != (notebooks_dir().parent / "corpus").resolve():
            given = {k: v for k, v in (parameters or {}).items() if k in ("terms", "node", "target_period") and v}
            try:
                suggested = suggest_parameters(corpus_path, settings=_settings(parameters), **given)
            except ValueError as error:
                suggested = str(error)
    values.update(parameters or {})
    if not suggested and any(k in values for k in ("terms", "node", "target_period")):
        values["chosen_how"] = "; ".join(f"{k} {values[k]!r} as given" for k in ("terms", "node", "target_period")
                                         if k in values)
        first = values.get("node") or (values.get("terms") or [None])[0]
        if first:
            values.setdefault("term", first)
    return values, suggested


def _report_one(path: Path, out: Path, values: Mapping[str, Any], suggested: dict[str, Any] | str,
                summaries: dict[Path, tuple[str, list[str | None]]]) -> Path | None:
    """Execute one notebook with the parameters it declares and write its HTML page
    (None when the corpus cannot serve it: the reason is printed). `summaries` holds
    the footer's facts of each corpus already read."""
    import papermill

    defaults = papermill.inspect_notebook(str(path))
    names = set(defaults)
    if isinstance(suggested, str) and {"target_period", "node"} <= names:
        print(f"skipped {path.name}: {suggested}")
        return None
    extra = suggested if isinstance(suggested, dict) else {}
    chosen = {k: v for k, v in {**extra, **values}.items() if k in names}
    executed = out / "notebooks" / path.name
    execute_notebook(path, executed, parameters=chosen)
    corpus_used = _notebook_corpus(path, chosen, defaults)
    footer = ""
    if corpus_used is not None:
        if corpus_used not in summaries:
            summaries[corpus_used] = _corpus_summary(corpus_used)
        footer = _footer(corpus_used, chosen, summaries[corpus_used])
    return to_html(executed, out / f"{path.stem}.html", footer=footer, shipped_corpus=is_shipped_corpus(corpus_used))


def _settings(parameters: Mapping[str, Any] | None) -> Any:
    from analysis.settings import make_settings

    return make_settings((parameters or {}).get("settings_file"))


def _report_folder(corpus: str | Path | None, out: str | Path) -> Path:
    """The resolved report folder, after checking the corpus and the folder
    (nothing is created when either is wrong)."""
    if corpus is not None and not Path(corpus).exists():
        raise FileNotFoundError(f"corpus path does not exist: {str(corpus)!r}")
    folder = Path(out).resolve()
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                raise NotADirectoryError(f"the report folder {str(out)!r} cannot be made: "
                                         f"{str(place)!r} is a file, not a folder")
            break
    return folder


def _failure(error: BaseException) -> str:
    """Why a notebook failed, in one line: the cell and the error."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        cell = getattr(error, "exec_count", None)
        where = f"cell {cell}: " if cell is not None else ""
        return " ".join(f"{where}{ename}: {evalue}".split())
    return " ".join(f"{type(error).__name__}: {error}".split())
