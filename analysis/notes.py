"""What a notebook or report tells its reader in words.

Sentences that interpret results are generated here from the numbers of
the tables, so a report made on any corpus says only what that corpus
shows (the notebooks display them with ``IPython.display.Markdown``).
Warnings raised inside `reported_warnings` reach the reader as one line
(what was skipped, what was removed), not as a stderr box with the path of
a kernel's source file.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.config import corpus_dir

__all__ = [
    "describe_duplicates",
    "describe_keyness",
    "describe_network",
    "describe_timeline",
    "describe_trend",
    "is_shipped_corpus",
    "parameters_note",
    "reported_warnings",
    "warnings_line",
]


def is_shipped_corpus(path: str | Path | None) -> bool:
    """Whether `path` is the shipped corpus or a part of it (`analysis.config.corpus_dir`).

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> is_shipped_corpus(corpus_dir() / "news"), is_shipped_corpus("/tmp/my-news.csv")
    (True, False)
    """
    if path is None:
        return True  # the notebooks' own default
    shipped = corpus_dir().resolve()
    place = Path(path).resolve()
    return place == shipped or shipped in place.parents


def parameters_note(chosen_how: str) -> str:
    """How the report chose its parameters, as one Markdown line ('' when it did not choose).

    Examples
    --------
    >>> parameters_note("node 'wet' as given")
    "**How the parameters were chosen:** node 'wet' as given."
    >>> parameters_note("")
    ''
    """
    return f"**How the parameters were chosen:** {chosen_how.rstrip('.')}." if chosen_how else ""


def describe_timeline(summary: pd.DataFrame, *, few: int = 5) -> str:
    """Where the documents of a `Corpus.summary` table lie in time, and which periods hold few.

    Parameters
    ----------
    summary : pandas.DataFrame
        `Corpus.summary(by)`: a period column first, then ``documents``.
    few : int
        Periods with documents but fewer than `few` are named as thin.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"year": ["2017", "2018", "2019"], "documents": [8, 0, 2]})
    >>> print(describe_timeline(table))
    10 documents in 3 years (2017 to 2019); the busiest year, 2017, holds 8 (80%). 1 year has no
    document (2018) and 1 has fewer than 5 (2019): rates there rest on few tokens, so read their
    intervals, not their points.
    """
    by = summary.columns[0]
    counts = summary.set_index(by)["documents"]
    total = int(counts.sum())
    if not total:
        return "The corpus has no dated documents."
    busiest = counts.idxmax()
    plural = f"{by}s" if len(counts) != 1 else by
    text = (f"{total:,} documents in {len(counts)} {plural} ({counts.index[0]} to {counts.index[-1]}); "
            f"the busiest {by}, {busiest}, holds {int(counts[busiest]):,} ({counts[busiest] / total:.0%}).")
    empty = [str(p) for p, n in counts.items() if n == 0]
    thin = [str(p) for p, n in counts.items() if 0 < n < few]
    parts = []
    if empty:
        parts.append(f"{len(empty)} {by if len(empty) == 1 else plural} {'has' if len(empty) == 1 else 'have'} "
                     f"no document ({_some(empty)})")
    if thin:
        parts.append(f"{len(thin)} {'has' if len(thin) == 1 else 'have'} fewer than {few} ({_some(thin)})")
    if parts:
        text += (f" {' and '.join(parts)}: rates there rest on few tokens, "
                 "so read their intervals, not their points.")
    return text[:1].upper() + text[1:]


def describe_trend(trend: pd.DataFrame) -> str:
    """For each term of an `analysis.trend` table: where its rate is highest and lowest.

    Periods without tokens are left out (they have no rate). A term whose
    highest period's interval overlaps its lowest one's is said to show no
    change the counts can tell.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"year": ["2018", "2019"], "term": ["wet", "wet"], "count": [30, 2],
    ...                       "total_tokens": [1000, 1000], "rate": [300.0, 20.0],
    ...                       "ci_low": [202.4, 2.4], "ci_high": [428.3, 72.2]})
    >>> print(describe_trend(table))
    - *wet*: highest in 2018 (300.0 per 10,000 tokens, 95% CI 202.4-428.3), lowest in 2019 (20.0, 2.4-72.2).
    """
    by = trend.columns[0]
    lines = []
    for term, rows in trend[trend["total_tokens"] > 0].groupby("term", sort=False):
        if not rows["count"].sum():
            lines.append(f"- *{term}*: no occurrence in any {by}.")
            continue
        high = rows.loc[rows["rate"].idxmax()]
        low = rows.loc[rows["rate"].idxmin()]
        line = (f"- *{term}*: highest in {high[by]} ({high['rate']:.1f} per 10,000 tokens, 95% CI "
                f"{high['ci_low']:.1f}-{high['ci_high']:.1f}), lowest in {low[by]} ({low['rate']:.1f}, "
                f"{low['ci_low']:.1f}-{low['ci_high']:.1f})")
        if high["ci_low"] <= low["ci_high"]:
            line += f"; the intervals overlap, so the counts cannot tell a change between these {by}s"
        lines.append(line + ".")
    return "\n".join(lines)


def describe_keyness(key: pd.DataFrame, *, top: int = 3) -> str:
    """The most over-used and under-used terms of an `analysis.keyness` table, in one sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["wet", "kat", "hond"], "g2": [12.5, 4.0, -7.25],
    ...                       "log_ratio": [2.0, 1.0, -1.5], "direction": ["over", "over", "under"],
    ...                       "significant": [True, False, True]})
    >>> table.attrs["target"] = "'2019'"
    >>> print(describe_keyness(table))
    Most over-used in '2019': wet (G² 12.5, log ratio 2.0), kat (G² 4.0, log ratio 1.0). Most
    under-used: hond (G² -7.2, log ratio -1.5). 2 of the 3 terms differ significantly after correction.
    """
    target = key.attrs.get("target", "the target")  # keyness stores it as it was given: "'2019'"

    def listed(rows: pd.DataFrame) -> str:
        return ", ".join(f"{r.term} (G² {r.g2:.1f}, log ratio {r.log_ratio:.1f})" for r in rows.itertuples())

    over = key[key["direction"] == "over"].head(top)
    under = key[key["direction"] == "under"].iloc[::-1].head(top)
    parts = [f"Most over-used in {target}: {listed(over)}." if len(over) else f"No term is over-used in {target}."]
    parts.append(f"Most under-used: {listed(under)}." if len(under) else "No term is under-used.")
    if "significant" in key.columns:
        parts.append(f"{int(key['significant'].sum()):,} of the {len(key):,} terms differ significantly "
                     "after correction.")
    return " ".join(parts)


def describe_duplicates(corpus: Sized, deduplicated: Any) -> str:
    """What `Corpus.deduplicate` did, in one sentence: how many documents were
    near-copies of another, in how many groups, how many remain.

    Examples
    --------
    >>> import analysis
    >>> text = "Het kabinet trekt vijftig miljoen euro uit voor de opvang in Ter Apel."
    >>> docs = analysis.Corpus([analysis.Document(n, analysis.parse_date("2023-05-01"), text) for n in "abc"])
    >>> describe_duplicates(docs, docs.deduplicate())
    '2 of 3 documents are near-copies of another (1 group); 1 remain: one of each group and every unique document.'
    >>> describe_duplicates(docs[:1], docs[:1].deduplicate())
    'No two of the 1 documents are near-copies: every count above counts distinct texts.'
    """
    removed = deduplicated.removed
    if not removed:
        return f"No two of the {len(corpus):,} documents are near-copies: every count above counts distinct texts."
    groups = len({r.kept for r in removed})
    return (f"{len(removed):,} of {len(corpus):,} documents are near-copies of another ({groups:,} group"
            f"{'s' if groups != 1 else ''}); {len(deduplicated):,} remain: one of each group and every unique "
            "document.")


def describe_network(graph: Any, *, what: str = "terms") -> str:
    """How big a network is, or that it is empty and why nothing is drawn.

    Examples
    --------
    >>> import networkx as nx
    >>> describe_network(nx.Graph([("Rutte", "Kamer")]), what="names")
    'The network joins 2 names by 1 edge.'
    >>> describe_network(nx.Graph(), what="names")
    'No two names pass the thresholds together, so there is no network to draw.'
    """
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    if not nodes:
        return f"No two {what} pass the thresholds together, so there is no network to draw."
    return f"The network joins {nodes:,} {what} by {edges:,} edge{'s' if edges != 1 else ''}."


def warnings_line(messages: list[str]) -> str:
    """Warnings as one Markdown line ('' for none); repeated messages once.

    Examples
    --------
    >>> warnings_line(["1 record(s) skipped (first: a.csv, line 3: no date)", "no hits for 'x'"])
    "**Note:** 1 record(s) skipped (first: a.csv, line 3: no date); no hits for 'x'."
    """
    unique = [" ".join(str(m).split()).rstrip(".") for m in dict.fromkeys(messages)]
    return f"**Note:** {'; '.join(unique)}." if unique else ""


@contextmanager
def reported_warnings() -> Iterator[list[str]]:
    """Collect the warnings of a block and show them as one line when it ends.

    In a notebook the line is displayed as Markdown under the cell; outside
    one it goes to stderr. The list yielded holds the messages.

    Examples
    --------
    >>> import warnings
    >>> with reported_warnings() as seen:
    ...     warnings.warn("1 record(s) skipped")
    >>> seen
    ['1 record(s) skipped']
    """
    seen: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield seen
        finally:
            seen.extend(dict.fromkeys(str(w.message) for w in caught))
            _show(warnings_line(seen))


def _show(line: str) -> None:
    if not line:
        return
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(Markdown(line))
    else:
        print(line.replace("**", ""), file=sys.stderr)


def _some(periods: list[str], *, shown: int = 6) -> str:
    """At most `shown` periods, then how many more."""
    more = len(periods) - shown
    return ", ".join(periods[:shown]) + (f" and {more} more" if more > 0 else "")
