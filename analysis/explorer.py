"""An interactive explorer for notebooks: one term's trend, collocates and KWIC together.

`term_overview` computes the three tables (plain pandas, testable anywhere);
`explorer` wraps them in ipywidgets so that typing a term updates all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.collocation import collocates
from analysis.concordance import kwic
from analysis.corpus import Document
from analysis.frequency import trend
from analysis.tokenized import Tokens

__all__ = ["explorer", "term_overview"]


def term_overview(
    corpus: Iterable[Document],
    tokens: Tokens,
    term: str,
    *,
    by: str = "year",
    window: int = 5,
    min_count: int = 2,
    top: int = 15,
    lines: int = 10,
) -> dict[str, pd.DataFrame]:
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
    window, min_count, top : int
        Collocates: tokens each side, minimum joint count, rows kept.
    lines : int
        Concordance lines kept (in corpus order).

    Returns
    -------
    dict
        ``"trend"``, ``"collocates"`` and ``"kwic"`` tables, exactly as
        `analysis.trend`, `analysis.collocates` and `analysis.kwic` give them.

    Examples
    --------
    >>> import analysis
    >>> docs = [analysis.Document("a", analysis.parse_date("2019-01"), "Wagner landde in Caracas."),
    ...         analysis.Document("b", analysis.parse_date("2019-02"), "Wagner vertrok uit Caracas.")]
    >>> tables = term_overview(docs, analysis.tokenize(docs), "wagner", by="month", min_count=1)
    >>> tables["trend"]["count"].tolist(), len(tables["kwic"])
    ([1, 1], 2)
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term must be a non-empty string, got {term!r}")
    return {
        "trend": trend(tokens, [term], by=by),
        "collocates": collocates(tokens, term, window=window, min_count=min_count, top=top),
        "kwic": kwic(corpus, term, window=8).head(lines),
    }


def explorer(
    corpus: Iterable[Document],
    tokens: Tokens,
    *,
    term: str = "",
    by: str = "year",
    window: int = 5,
    min_count: int = 2,
) -> Any:
    """A widget: type a term, see its trend, collocates and KWIC lines update together.

    Returns
    -------
    ipywidgets.VBox
        Display it in a notebook cell. Its first child is the text box.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from analysis.plotting import plot_trend

    corpus = list(corpus)
    box = widgets.Text(value=term, description="term", placeholder="a word, glob* or phrase",
                       continuous_update=False)
    chart, table, lines, message = widgets.Output(), widgets.Output(), widgets.Output(), widgets.Output()

    def update(change: Any = None) -> None:
        for output in (chart, table, lines, message):
            output.clear_output(wait=True)
        value = box.value.strip()
        if not value:
            return
        try:
            tables = term_overview(corpus, tokens, value, by=by, window=window, min_count=min_count)
        except ValueError as error:
            with message:
                print(error)
            return
        with chart:
            figure, ax = plt.subplots(figsize=(7, 3.5))
            plot_trend(tables["trend"], ax=ax)
            display(figure)
            plt.close(figure)
        with table:
            display(tables["collocates"][["term", "o11", "log_dice", "g2"]])
        with lines:
            display(tables["kwic"])

    box.observe(update, names="value")
    update()
    return widgets.VBox([box, message, widgets.HBox([chart, table]), lines])
