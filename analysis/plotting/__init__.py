"""Charts over the tables the library returns, in one print-ready house style.

Every chart is ``plot_x(data, *, ax=None, ...) -> Axes``: it makes a figure
only when ``ax`` is None, draws into the Axes, labels axes, title and units,
and returns the Axes. Nothing here calls ``plt.show()`` or ``plt.gca()`` or
changes global matplotlib state: the house style (no top/right spines, a
light grid on the value axis only, the Okabe-Ito colour-blind-safe palette,
readable font sizes) is applied through ``plt.rc_context`` while drawing.

The package takes from the rest of ``analysis`` only its argument checks
and package version (no computing module); it reads DataFrames by their
documented columns, so it works on any frame with those columns.

Input checks happen before anything is drawn. A missing column raises
``ValueError`` naming the column and listing the columns present. Empty
input raises ``ValueError`` too (an empty chart in a paper is a bug, not a
result): the chart functions never draw a "no data" placeholder.

Figures are deterministic: layouts are seeded, word clouds use a fixed
``random_state``, and `save_figure` strips timestamps and software versions
from PNG, SVG and PDF metadata, so the same data gives byte-identical files.

Where each part lives (every public name is imported here, so
``from analysis.plotting import plot_trend`` is the way to use them):

- ``_style``: the palette (`PALETTE`), the house ``rc`` style, the decorator
  that applies it and notes each chart's provenance on its figure, and the
  axes, input and ranking helpers the chart modules share;
- ``timelines``: `plot_corpus_timeline`, `plot_trend`, `plot_dispersion`;
- ``terms``: `plot_top_terms`, `plot_keyness`, `plot_collocates`;
- ``clouds``: `plot_wordcloud`, `plot_comparison_cloud`, `default_font_path`;
- ``networks``: `plot_network`, `plot_cooccurrence_heatmap`;
- ``topics``: `plot_topic_terms`, `plot_topic_shares`,
  `plot_documents_per_topic`, `plot_coherence`;
- ``saving``: `save_figure`, `save_to_folder`, `figure_png`.
"""

from __future__ import annotations

from analysis.plotting._style import PALETTE
from analysis.plotting.clouds import default_font_path, plot_comparison_cloud, plot_wordcloud
from analysis.plotting.networks import plot_cooccurrence_heatmap, plot_network
from analysis.plotting.saving import figure_png, save_figure, save_to_folder
from analysis.plotting.terms import plot_collocates, plot_keyness, plot_top_terms
from analysis.plotting.timelines import plot_corpus_timeline, plot_dispersion, plot_trend
from analysis.plotting.topics import plot_coherence, plot_documents_per_topic, plot_topic_shares, plot_topic_terms

__all__ = [
    "PALETTE",
    "default_font_path",
    "figure_png",
    "plot_coherence",
    "plot_collocates",
    "plot_comparison_cloud",
    "plot_cooccurrence_heatmap",
    "plot_corpus_timeline",
    "plot_dispersion",
    "plot_documents_per_topic",
    "plot_keyness",
    "plot_network",
    "plot_top_terms",
    "plot_topic_shares",
    "plot_topic_terms",
    "plot_trend",
    "plot_wordcloud",
    "save_figure",
    "save_to_folder",
]
