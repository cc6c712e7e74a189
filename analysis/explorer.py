"""The explorer: one term's trend, collocates and concordance together.

`term_overview` computes the three tables for a selection of the corpus
(plain pandas, testable anywhere); `explorer` wraps them in ipywidgets with
term, period range, outlet, window and measure controls. ``make explore``
serves ``notebooks/03-explorer.ipynb`` as a web page with Voilà; in an HTML
report, ``explorer(..., interactive=False)`` gives a static rendering of the
starting term instead, which needs no script from anywhere.
"""

from __future__ import annotations

import base64
import html
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.collocation import collocates
from analysis.concordance import kwic
from analysis.config import jupyter_data_dir, notebooks_dir
from analysis.corpus import Document
from analysis.frequency import trend
from analysis.measures import ASSOCIATION_KEYS
from analysis.proper_names import calendar_words, name_mentions
from analysis.tokenized import Tokens

__all__ = ["TermOverview", "cooccurring_names", "explorer", "explorer_command", "names_html", "overview_html",
           "serve_explorer", "term_overview"]

#: Collocate columns a reader needs, in this order, when the table has them.
_COLLOCATE_VIEW = ("term", "o11", "term_count")
_KWIC_VIEW = ("doc_id", "date", "left", "keyword", "right")
_ALL = "(all)"
#: Seconds the names wait, so that drawing the first page has the interpreter to itself.
_NAMES_DELAY = 2.0


@dataclass(frozen=True)
class TermOverview:
    """What the explorer shows for one term in one selection of the corpus.

    Attributes
    ----------
    term : str
        The term asked for.
    trend, collocates, kwic : pandas.DataFrame
        As `analysis.trend`, `analysis.collocates` and `analysis.kwic` give
        them for the selected documents (`kwic` cut to the first lines).
    hits : int
        All concordance hits in the selection, not only the lines kept.
    messages : tuple of str
        One line per thing the reader should know (no hits, an empty selection).
    documents : tuple of str
        The ids of the documents with a hit, in corpus order.
    names : pandas.DataFrame or None
        `cooccurring_names` of those documents; None when no name mentions
        were given.
    """

    term: str
    trend: pd.DataFrame
    collocates: pd.DataFrame
    kwic: pd.DataFrame
    hits: int
    messages: tuple[str, ...] = field(default=())
    documents: tuple[str, ...] = field(default=())
    names: pd.DataFrame | None = None


def term_overview(
    corpus: Iterable[Document],
    tokens: Tokens,
    term: str,
    *,
    by: str = "year",
    start: str | None = None,
    end: str | None = None,
    where: Mapping[str, Any] | None = None,
    window: int = 5,
    measure: str = "log_dice",
    min_count: int = 2,
    top: int = 15,
    lines: int = 10,
    mentions: pd.DataFrame | None = None,
    keep_abbreviations: bool = False,
    keep_calendar: bool = False,
) -> TermOverview:
    """The trend, the collocates and the concordance of one term.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The texts, for the concordance lines.
    tokens : Tokens
        The same corpus tokenised, for the counts.
    term : str
        A word, a glob (``belasting*``) or a phrase.
    by : str
        The period of the trend.
    start, end : str, optional
        Keep documents dated within ``[start, end]`` (`analysis.Tokens.filter`).
    where : Mapping, optional
        Metadata the documents must match, e.g. ``{"source": "NOS"}``.
    window, min_count, top : int
        Collocates: tokens each side, minimum joint count, rows kept.
    measure : str
        Collocates: the ranking measure.
    lines : int
        Concordance lines kept (in corpus order); `hits` counts them all.
    mentions : pandas.DataFrame, optional
        `analysis.name_mentions` of the corpus: with them, `names` lists the
        names mentioned in the documents with a hit (`cooccurring_names`).
    keep_abbreviations : bool
        Collocates: list initials, abbreviations and Roman numerals too
        (``Settings.keep_abbreviations``; as in `analysis.collocates`).
    keep_calendar : bool
        Names: list the days and months too (as in `cooccurring_names`).

    Returns
    -------
    TermOverview

    Examples
    --------
    >>> import analysis
    >>> docs = [analysis.Document("a", analysis.parse_date("2019-01"), "Wagner landde in Caracas."),
    ...         analysis.Document("b", analysis.parse_date("2019-02"), "Wagner vertrok uit Caracas.")]
    >>> seen = term_overview(docs, analysis.tokenize(docs), "wagner", by="month", min_count=1)
    >>> seen.trend["count"].tolist(), seen.hits
    ([1, 1], 2)
    >>> term_overview(docs, analysis.tokenize(docs), "wagner", start="2019-02").hits
    1
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term must be a non-empty string, got {term!r}")
    selected = tokens.filter(start=start, end=end, **dict(where or {}))
    if not len(selected):
        raise ValueError("no documents in this selection (period range and outlet)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        company = collocates(selected, term, window=window, measure=measure, min_count=min_count, top=top,
                             keep_abbreviations=keep_abbreviations)
        hits, shown, documents = _concordance(corpus, selected, term, lines)
    messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    if not hits:
        messages = [f"no hits for {term!r}"]
    names = None if mentions is None else cooccurring_names(mentions, documents, keep_calendar=keep_calendar)
    return TermOverview(term, trend(selected, [term], by=by), company, shown, hits,
                        tuple(dict.fromkeys(messages)), documents, names)


def _concordance(corpus: Iterable[Document], selected: Tokens, term: str,
                 lines: int) -> tuple[int, pd.DataFrame, tuple[str, ...]]:
    """All hits counted, the first `lines` shown in the original text, the documents with a hit.

    The hits are found in the tokens (fast); only the documents of the lines
    shown are read again for their context. A term the tokens lack (a
    stopword, say) is looked up in the texts of the selection instead.
    """
    with warnings.catch_warnings():  # no hit in the tokens is not yet no hit: the texts are asked next
        warnings.simplefilter("ignore", UserWarning)
        located = kwic(selected, term, window=0)
    if len(located):
        wanted = set(located["doc_id"].head(lines))
        shown = kwic([d for d in corpus if d.id in wanted], term, window=8).head(lines)
        return len(located), shown, tuple(dict.fromkeys(located["doc_id"]))
    keep = set(selected.doc_ids)
    found = kwic([d for d in corpus if d.id in keep], term, window=8)
    return len(found), found.head(lines), tuple(dict.fromkeys(found["doc_id"]))


def cooccurring_names(mentions: pd.DataFrame, documents: Iterable[str], *, top: int = 10,
                      keep_calendar: bool = False) -> pd.DataFrame:
    """The names mentioned in `documents`: how often, and in how many of them.

    Parameters
    ----------
    mentions : pandas.DataFrame
        `analysis.name_mentions` of the corpus (``doc_id`` and ``name``).
    documents : iterable of str
        Document ids, say those where a term occurs.
    top : int
        Rows kept.
    keep_calendar : bool
        List the days and months too (*maandag*, *januari*; see
        `analysis.names`); by default they are left out.

    Returns
    -------
    pandas.DataFrame
        ``term`` (the name), ``count`` (its mentions in `documents`) and
        ``doc_count``, by count descending, then documents, then name.

    Examples
    --------
    >>> import pandas as pd
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "name": ["Maduro", "Caracas", "Maduro", "Poetin"]})
    >>> cooccurring_names(mentions, ["a", "b"]).values.tolist()
    [['Maduro', 2, 2], ['Caracas', 1, 1]]
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be an int >= 1, got {top!r}")
    inside = mentions[mentions["doc_id"].isin(set(documents))]
    if not keep_calendar:
        inside = inside[~inside["name"].str.lower().isin(calendar_words())]
    table = (inside.groupby("name", sort=False)
             .agg(count=("doc_id", "size"), doc_count=("doc_id", "nunique"))
             .reset_index().rename(columns={"name": "term"}))
    table = table.sort_values(["count", "doc_count", "term"], ascending=[False, False, True], kind="stable")
    return table.head(top).reset_index(drop=True).astype({"count": "int64", "doc_count": "int64"})


def overview_html(overview: TermOverview, *, measure: str = "log_dice") -> dict[str, str]:
    """The collocates, the concordance and the messages of an overview as HTML.

    The collocates show the term, its counts and `measure`; the concordance
    starts with the total number of hits. Text from the corpus is escaped.

    Returns
    -------
    dict
        ``"collocates"``, ``"kwic"``, ``"messages"`` and ``"names"``
        fragments (names: '' when the overview has none).

    Examples
    --------
    >>> import analysis
    >>> docs = [analysis.Document("a", analysis.parse_date("2019-01"), "Wagner <b>landde</b> in Caracas.")]
    >>> parts = overview_html(term_overview(docs, analysis.tokenize(docs), "wagner", min_count=1))
    >>> "1 hit" in parts["kwic"], "<b>" in parts["kwic"]
    (True, False)
    """
    company = overview.collocates
    columns = [c for c in _COLLOCATE_VIEW if c in company.columns]
    columns += [measure] if measure in company.columns else []
    table = company[columns].to_html(index=False, float_format="{:.2f}".format, border=0,
                                     classes="explorer-table") if len(company) else "<p>no collocates</p>"
    hits = f"{overview.hits:,} hit{'s' if overview.hits != 1 else ''}"
    shown = overview.kwic[[c for c in _KWIC_VIEW if c in overview.kwic.columns]]
    if len(shown) < overview.hits:
        hits += f" (first {len(shown)} shown)"
    lines = shown.to_html(index=False, border=0, classes="explorer-table") if len(shown) else ""
    messages = "".join(f"<p>{html.escape(m)}</p>" for m in overview.messages)
    names = "" if overview.names is None else names_html(overview.term, overview.documents, overview.names)
    return {"collocates": f"<h4>Collocates of {html.escape(overview.term)!s}</h4>{table}",
            "kwic": f"<h4>Concordance: <span class='explorer-hits'>{hits}</span></h4>{lines}",
            "messages": messages, "names": names}


def names_html(term: str, documents: tuple[str, ...], names: pd.DataFrame) -> str:
    """The names panel: the names mentioned in the documents with `term` (`cooccurring_names`)."""
    count = len(documents)
    title = f"<h4>Names in the {count:,} document{'s' if count != 1 else ''} with {html.escape(repr(term))}</h4>"
    table = names.to_html(index=False, border=0, classes="explorer-table") if len(names) else "<p>no names</p>"
    return title + table


def _trend_png(overview: TermOverview) -> bytes:
    from analysis.plotting import figure_png, plot_trend

    ax = plot_trend(overview.trend, title=f"{overview.term!r} over time")
    ax.figure.set_size_inches(7, 3.5)
    return figure_png(ax, dpi=90)


def _static_html(overview: TermOverview, measure: str) -> str:
    """A rendering of the overview that needs no kernel and no script."""
    parts = overview_html(overview, measure=measure)
    image = base64.b64encode(_trend_png(overview)).decode("ascii")
    note = ("<p><em>A static rendering of the starting term. For the interactive explorer "
            "(term, period range, outlet, window and measure), run <code>make explore</code> "
            "and open the address it prints.</em></p>")
    return (f"<div class='explorer-static'>{note}{parts['messages']}"
            f"<img alt='trend of {html.escape(overview.term)}' src='data:image/png;base64,{image}'>"
            f"{parts['collocates']}{parts['names']}{parts['kwic']}</div>")


def _outlets(tokens: Tokens, field_name: str | None) -> list[str]:
    if field_name is None or field_name not in tokens.documents.columns:
        return []
    return sorted({str(v) for v in tokens.documents[field_name].dropna()})


def explorer(
    corpus: Iterable[Document],
    tokens: Tokens,
    *,
    term: str = "",
    by: str = "year",
    window: int = 5,
    measure: str = "log_dice",
    min_count: int = 2,
    outlet: str | None = "source",
    interactive: bool = True,
    names: bool = True,
    keep_abbreviations: bool = False,
    keep_calendar: bool = False,
) -> Any:
    """A web page of controls: type a term, see its trend, collocates and concordance.

    Parameters
    ----------
    corpus, tokens
        As for `term_overview`.
    term : str
        The starting term.
    by : str
        The period of the trend and of the period-range slider.
    window, measure, min_count
        The collocates' starting window, measure and minimum joint count.
    outlet : str or None
        The document field the outlet menu chooses from (None: no menu).
    interactive : bool
        False gives a static HTML rendering of `term` (for reports, which
        must work offline and without a kernel).
    names : bool
        Show the names mentioned in the documents with the term
        (`cooccurring_names` of `analysis.name_mentions`). The widgets find
        the names in the background after the first page is drawn, so the
        page does not wait for them; the panel fills in when they are found.
    keep_abbreviations : bool
        List initials, abbreviations and Roman numerals among the collocates
        (pass ``Settings.keep_abbreviations``, as the explorer notebook does).
    keep_calendar : bool
        List the days and months among the names (``Settings.keep_calendar``).

    Returns
    -------
    ipywidgets.VBox or IPython.display.HTML
        Display it in a notebook cell. The widgets carry the DOM classes
        ``explorer-term``, ``explorer-trend``, ``explorer-collocates``,
        ``explorer-kwic``, ``explorer-names`` and ``explorer-message``.
    """
    corpus = list(corpus)
    if not interactive:
        from IPython.display import HTML

        mentions = name_mentions(corpus) if names else None
        return HTML(_static_html(term_overview(corpus, tokens, term, by=by, window=window, measure=measure,
                                               min_count=min_count, mentions=mentions,
                                               keep_abbreviations=keep_abbreviations,
                                               keep_calendar=keep_calendar), measure))
    return _Explorer(corpus, tokens, term=term, by=by, window=window, measure=measure, min_count=min_count,
                     outlet=outlet, names=names, keep_abbreviations=keep_abbreviations,
                     keep_calendar=keep_calendar).box


class _Explorer:
    """The widgets of `explorer` and the one callback that redraws them."""

    def __init__(self, corpus: list[Document], tokens: Tokens, *, term: str, by: str, window: int,
                 measure: str, min_count: int, outlet: str | None, names: bool, keep_abbreviations: bool,
                 keep_calendar: bool) -> None:
        import ipywidgets as widgets

        self.corpus, self.tokens, self.by, self.min_count, self.outlet = corpus, tokens, by, min_count, outlet
        self.keep_abbreviations, self.keep_calendar = keep_abbreviations, keep_calendar
        self.mentions: pd.DataFrame | None = None
        self.seen: TermOverview | None = None
        self.periods = tokens.groups(by)
        self.term = widgets.Text(value=term, description="term", placeholder="a word, glob* or phrase",
                                 continuous_update=False)
        self.range = widgets.SelectionRangeSlider(options=self.periods, index=(0, len(self.periods) - 1),
                                                  description="periods", continuous_update=False,
                                                  layout=widgets.Layout(width="420px"))
        self.source = widgets.Dropdown(options=[_ALL, *_outlets(tokens, outlet)], description="outlet")
        self.window = widgets.IntSlider(value=window, min=1, max=15, description="window",
                                        continuous_update=False)
        self.measure = widgets.Dropdown(options=list(ASSOCIATION_KEYS), value=measure, description="measure")
        self.message = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.company, self.lines = widgets.HTML(), widgets.HTML()
        self.names = widgets.HTML("<h4>Names</h4><p>finding the names in the corpus …</p>" if names else "")
        for widget, name in ((self.term, "term"), (self.chart, "trend"), (self.company, "collocates"),
                             (self.lines, "kwic"), (self.message, "message"), (self.names, "names")):
            widget.add_class(f"explorer-{name}")
        controls = [self.term, self.range, self.source, self.window, self.measure]
        if len(self.source.options) == 1:
            controls.remove(self.source)
        for control in controls:
            control.observe(self.update, names="value")
        self.box = widgets.VBox([widgets.HBox(controls[:3]), widgets.HBox(controls[3:]), self.message,
                                 widgets.HBox([self.chart, self.company, self.names]), self.lines])
        self.update()
        if names:  # seconds on a large corpus: found after the first page is drawn, not before, nor beside it
            finder = threading.Timer(_NAMES_DELAY, self.find_names)
            finder.daemon = True
            finder.start()

    def find_names(self) -> None:
        """Find the corpus's name mentions once, then fill in the names panel."""
        try:
            self.mentions = name_mentions(self.corpus)
        except Exception as error:  # the panel says so; every other part of the explorer still works
            self.names.value = f"<p>names could not be found: {html.escape(str(error))}</p>"
            return
        self.show_names()

    def show_names(self) -> None:
        seen, mentions = self.seen, self.mentions
        if seen is not None and mentions is not None:
            found = cooccurring_names(mentions, seen.documents, keep_calendar=self.keep_calendar)
            self.names.value = names_html(seen.term, seen.documents, found)

    def selection(self) -> dict[str, Any]:
        first, last = self.range.value
        whole = (first, last) == (self.periods[0], self.periods[-1])
        where = {} if self.source.value == _ALL else {self.outlet: self.source.value}
        return {"start": None if whole else first, "end": None if whole else last, "where": where}

    def update(self, change: Any = None) -> None:
        value = self.term.value.strip()
        if not value:
            self.message.value = "<p>Type a term and press Enter.</p>"
            return
        try:
            seen = term_overview(self.corpus, self.tokens, value, by=self.by, window=self.window.value,
                                 measure=self.measure.value, min_count=self.min_count,
                                 keep_abbreviations=self.keep_abbreviations, **self.selection())
        except ValueError as error:
            self.message.value = f"<p>{html.escape(str(error))}</p>"
            self.company.value = self.lines.value = self.names.value = ""
            self.seen = None
            return
        parts = overview_html(seen, measure=self.measure.value)
        self.chart.value = _trend_png(seen)
        self.message.value, self.company.value, self.lines.value = (
            parts["messages"], parts["collocates"], parts["kwic"])
        self.seen = seen
        self.show_names()


def explorer_command(corpus: str | os.PathLike[str] | None = None, *, port: int = 8866,
                     host: str = "127.0.0.1", preheat: bool = True) -> tuple[list[str], dict[str, str]]:
    """The Voilà command line and environment that serve the explorer notebook.

    Voilà runs ``notebooks/03-explorer.ipynb`` with the ``offline`` template
    (nothing loaded from the internet), code cells hidden. With `preheat`
    one kernel has already run the notebook before the first visitor comes,
    so the first page shows at once.

    Parameters
    ----------
    corpus : path, optional
        The corpus to explore (``ANALYSIS_CORPUS`` for the notebook); by
        default the shipped corpus.
    port, host : int, str
        Where to listen; only this machine by default.
    preheat : bool
        Run the notebook in a waiting kernel at start-up.

    Returns
    -------
    (list of str, dict)
        The command and the environment for `subprocess`.

    Raises
    ------
    FileNotFoundError
        When `corpus` does not exist.

    Examples
    --------
    >>> command, env = explorer_command(port=8900)
    >>> command[2:4], "--port=8900" in command
    (['voila', '03-explorer.ipynb'], True)
    """
    if not isinstance(port, int) or not 0 < port < 65536:
        raise ValueError(f"port must be an int in 1..65535, got {port!r}")
    env = dict(os.environ)
    env.pop("ANALYSIS_CORPUS", None)
    if corpus is not None and str(corpus):
        path = os.path.abspath(corpus)
        if not os.path.exists(path):
            raise FileNotFoundError(f"corpus path does not exist: {str(corpus)!r}")
        env["ANALYSIS_CORPUS"] = path
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(jupyter_data_dir()), env.get("JUPYTER_PATH")) if p)
    env.pop("MPLBACKEND", None)  # the kernel's own default, as in JupyterLab
    command = [sys.executable, "-m", "voila", "03-explorer.ipynb", "--template=offline", f"--port={port}",
               f"--Voila.ip={host}", "--no-browser", "--show_tracebacks=False"]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
    return command, env


def serve_explorer(corpus: str | os.PathLike[str] | None = None, *, port: int = 8866,
                   host: str = "127.0.0.1") -> int:
    """Serve the explorer at ``http://host:port/`` until interrupted (``make explore``).

    Returns
    -------
    int
        Voilà's exit status.
    """
    command, env = explorer_command(corpus, port=port, host=host)
    print(f"explorer: http://{host}:{port}/  (first page after the corpus is loaded; Ctrl-C stops)", flush=True)
    try:
        return subprocess.call(command, env=env, cwd=notebooks_dir())
    except KeyboardInterrupt:
        return 0
