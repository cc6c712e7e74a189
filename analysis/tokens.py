"""Dutch word and sentence tokenisation, stopword lists and spelling variants.

Everything here is offline and rule based: one compiled regular expression
finds the word tokens, a second one finds candidate sentence ends. Tokens
are always substrings of the input, in order, never overlapping, and every
non-whitespace character belongs to exactly one token.

The rules follow the conventions of the Lassy treebanks (UD Dutch-Alpino,
newspaper text, and UD Dutch-LassySmall, Wikipedia and web pages), which
`tests/test_tokens.py` scores against:

- apostrophe forms are one token: ``zo'n``, ``auto's``, ``'t``, ``'s``,
  ``'s-Hertogenbosch``, ``al-'Iskandariyyah``; quote marks are split off,
  and ``,,`` (a low opening quote typed as two commas) and ``''`` are one
  token each; a French article before a space keeps its apostrophe
  (``l' Eau``);
- hyphenated compounds are one token (``Wagner-leden``), and so are a
  dangling hyphen before a space or a comma (``mond- en klauwzeer``,
  ``melk-, vlees- of``) and a hyphen glued to the next word (``is -ie``); a
  free-standing dash is its own token;
- abbreviations and initials keep their dot (``o.a.``, ``mr.``, ``J.``,
  ``F.J.G.``), also when they head a compound (``St.-Pieter``,
  ``O.L.V.-college``) or an initial is glued to a surname (``J.Ensor``);
  the list is ``analysis/data/abbreviations_nl.txt``, which also holds the
  unit symbols that keep a dot (``10 kg.``, ``5 mm.``, also at the end of a
  sentence); ``v. Chr.`` and ``n. Chr.`` read as abbreviations;
- at the end of a line or of the text, an initial or a capitalised
  abbreviation gives its dot to the sentence (``in groep B.`` ->
  ``B`` ``.``; ``330 v. Chr.`` -> ``Chr`` ``.``), as both treebanks do;
  lowercase ones keep it (``enz.``, ``kg.``);
- numbers keep their separators (``10.000``, ``2,5``, ``3.1.1.4``,
  ``4-11-2015``, ``14:30``) and a percent or degree sign glued to them
  (``90%``, ``41,5%``, ``<1%``, ``20°C``, ``4°``; ``°C`` alone is one token
  too), and an open range is one token (``1995-...``); currency signs are
  separate tokens;
- a party name with a dot is one token (``sp.a``, ``SP.a``), and so is a
  formula written without spaces (``a+b=b+a``, ``e^(asqrt(-1))``);
- URLs, e-mail addresses, ``@handles`` and ``#hashtags`` are one token; an
  ellipsis is one token.

Where the two treebanks disagree, the rules follow LassySmall: the Alpino
files never glue ``%`` to a number (the earlier rule split it off), while
LassySmall keeps ``90%`` and ``<1%`` whole; Alpino once splits an initial
inside a sentence (``F. Buschman``), which is left as an error.

Tokenisation is *local to each whitespace-separated chunk*, give or take a
look at the next chunk (``v. Chr.``, ``l' Eau``, the end of a line): whether
a dot belongs to the word before it is decided there. That is what makes
`sentence_tokens` exact and fast: it tokenises each sentence on its own and
gets the same tokens as `word_tokenize` on the whole text. The price is
that a capital letter and a dot inside a line always read as an initial,
even at the end of a sentence (``groep B. Daarna``). And it lets
`coded_sentences`, the path for whole corpora, tokenise each text in one
pass and find the sentence ends afterwards, on arrays of tokens.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = [
    "CodedSentences",
    "abbreviation_mask",
    "coded_sentences",
    "is_abbreviation",
    "load_variants",
    "sent_span_tokenize",
    "sent_tokenize",
    "sentence_tokens",
    "span_tokenize",
    "stopwords",
    "word_tokenize",
]

LANGUAGES = ("nl", "en")
# Raised whenever a rule change can change the tokens: a token store made by
# another version is stale (analysis.tokenized records it in its settings).
TOKENIZER_VERSION = 2
STOPWORD_LISTS = ("nl", "nl-news", "en")

# English abbreviations (a short rule set: the Dutch rules with this list).
_ABBREVIATIONS_EN = (
    "mr. mrs. ms. dr. prof. st. rev. gen. col. lt. sgt. capt. gov. sen. rep. mt. "
    "no. nos. fig. vol. pp. p. ed. eds. approx. dept. est. vs. "
    "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec."
).split()
_FINAL_EN = ("etc.", "inc.", "ltd.", "co.", "corp.", "jr.", "sr.")


def _upper_class() -> str:
    """A character class body of the capital letters below U+0530."""
    chars = [chr(i) for i in range(0x41, 0x530) if chr(i).isupper()]
    return "".join(re.escape(c) for c in chars)


_UP = f"[{_upper_class()}]"
_W = r"[\w\u0300-\u036f\u00ad]"  # word character: \w, combining marks, soft hyphen
_L = r"[^\W\d_]"  # a letter
_TLD = r"(?:nl|be|com|org|net|eu|de|fr|uk|info|io|gov|edu)"
# What may join two runs of word characters inside one token.
_JOIN = (
    r"(?:[&/'’]|-['’]?"  # compound, apostrophe form, slash, ampersand; al-'Iskandariyyah
    r"|(?<=\d)[.,:](?=\d)"  # number separators: 10.000 2,5 14:30 3.1.1.4
    rf"|(?<={_L})\.(?={_TLD}(?!\w))"  # a bare domain name: nu.nl
    r")"
)
# A word, number or compound; a bracketed letter run may sit inside or at the
# end: gemachtigde(n), functie(s)houder.
_WORD = rf"{_W}++(?:{_JOIN}{_W}++|\({_L}{{1,15}}+\){_W}*+)*+"
# After a word: a dangling hyphen before a space or a comma (mond- en
# klauwzeer, melk-, vlees- of), the ",-" of a round amount (25,-), a percent
# or degree sign glued to a number (90%, 20°C), or an open range (1995-...).
_TAIL = (
    r"(?:-(?=[\s,;]|\Z)|(?<=\d),--?(?![\w-])|(?<=\d)(?:[%‰]|°[CFK]?+(?!\w))"
    r"|(?<=\d)-(?:\.\.\.|…)(?!\.))?"
)
# A formula written without spaces (a+b=b+a, e^(asqrt(-1)), 3frac(1)(8)): word
# characters, operators and brackets (two levels deep), holding an operator
# between operands or a function applied to a number.
_OP = r"[\w+\-=^*/]"
_BRACKETS = rf"\((?:{_OP}|\({_OP}*+\))*+\)"
# A quick check first, which the lookahead after it implies: an operator, or
# a bracket, before the first character that may not be in a formula.
_FORMULA_CHECK = r"(?=[\w)\-*/]*+[+=^(])"
_FORMULA = (
    _FORMULA_CHECK
    + rf"(?=[\w()+\-=^*/]*?(?:[\w)][+=^][\w(-]|{_L}\([+-]?\d))"
    rf"(?:\w|{_BRACKETS})(?:{_OP}|{_BRACKETS})*+(?<![-+=^*/])"
)
# The end of a line or of the text: there an initial or a capitalised
# abbreviation gives its dot to the sentence (groep B., 330 v. Chr.).
_LINE_END = r"[^\S\n]*+(?:\n|\Z)"
# An abbreviation or initial may head a hyphenated compound: St.-Pieter,
# O.L.V.-college, J.-P.
_COMPOUND = rf"(?:-(?:{_UP}\.(?!{_LINE_END})|{_WORD}))?"
_TOKEN_TEMPLATE = (
    # Fast paths, which no later alternative would match differently: a plain
    # word followed by a space or by punctuation that cannot continue it (a
    # colon but in 14:30 or http://); a punctuation mark or other character
    # that cannot start a longer token, and a dash standing alone; a word (of
    # two letters or more, or a number) before a dot that ends its chunk,
    # unless it is an abbreviation that keeps the dot (geleverd. 2019. but
    # enz.); a compound of letters and hyphens before a space.
    rf"{_W}++(?=[\s;)\]!?\"”]|,(?![\d-])|:(?![\d/])|\Z)"
    r"|[;:)\]\"”“„]|,(?!,)|\.(?!\.)"
    r"|[^\s\w\u0300-\u036f\u00ad+\-@#'’(<>≤≥°,`‚.…?!]|-(?=\s|\Z)"
    rf"|(?={_L}{{2,}}+\.(?:\s|\Z))(?!(?:<ABBREVIATIONS>)|(?:<CAPITALISED>)(?!{_LINE_END})){_L}++"
    r"|\d++(?=\.(?:\s|\Z))"
    rf"|{_L}++(?:-{_L}++)++(?=\s|\Z)"
    r"|(?:https?://|ftp://|www\.)[^\s<>\"“”‘’„«»]*[^\s<>\"“”‘’„«».,;:!?'()\[\]{}]"  # URL
    r"|(?=[\w.+-]{1,64}+@)[\w+-]++(?:\.[\w+-]++)*+@[\w-]++(?:\.[\w-]++)++"  # e-mail
    rf"|[@#]{_W}++"  # handle, hashtag
    rf"|['’](?:s-?(?={_UP}){_WORD}|(?:s|t|k|n|m|r|em|ns)(?![\w'’])|\d\d(?![\w'’]))"  # 't 's
    rf"|(?<!\S)[lLdD]['’](?=[^\S\n]{_UP})"  # French elision before a space: l' Eau
    rf"|\({_L}{{1,20}}+-?\){_WORD}"  # (tbs-)behandeling, (intrekkings)beslissing
    rf"|{_FORMULA}"
    rf"|(?={_L}{{1,8}}+\.)(?:(?:<ABBREVIATIONS>)|(?:<CAPITALISED>)(?!{_LINE_END})){_COMPOUND}"
    rf"|[vn]\.(?=[^\S\n]?Chr\.)"  # voor/na Christus
    rf"|{_L}\.(?:{_L}\.)++{_COMPOUND}"  # o.a. d.w.z. F.J.G. O.L.V.-college
    rf"|{_L}{{1,4}}+\.[a-z](?![\w.'’-])"  # a party name with a dot: sp.a, SP.a
    rf"|{_UP}\.(?:{_UP}[a-z]{_L}*+(?![\w.'’-])|(?!{_LINE_END}){_COMPOUND})"  # initial; J.Ensor
    rf"|(?<!\S)-(?={_W}){_WORD}"  # -ie, -5
    rf"|(?<!\S)[<>≤≥](?=\d){_WORD}{_TAIL}"  # <1%
    rf"|°[CFK](?!\w)"  # °C
    rf"|{_WORD}{_TAIL}"  # word, number, compound
    r"|,(?=,,)|,,|''|``|‚‚|\.{2,}|…|[?!]+|-{2,}"  # multi-character punctuation
    r"|\S"  # any other character
)
_TERMINAL = re.compile(r"[.!?…]+")
_CLOSERS = frozenset(["'", "''", '"', "’", "”", "»", ")", "]"])
# A candidate sentence end: sentence punctuation ending a chunk, with its
# closing quotes (also a detached closing quote: `gegaan. ''`); or a line
# break with the whitespace after it. Every branch starts with a literal, so
# the regex engine skips quickly to the next candidate.
_CLOSE = r"[.!?…]*[\"'’”»)\]]*(?:[^\S\n]+(?:''|[’”»])(?!\S))?(?!\S)"
_CANDIDATE = re.compile(rf"\.{_CLOSE}|!{_CLOSE}|\?{_CLOSE}|…{_CLOSE}|\n\s*")
_CHUNK_REST = re.compile(r"\S*")
# What may start a sentence after the whitespace: opening quotes (perhaps
# followed by a space: `,, Ik`), then a capital, a digit or 's/'t.
_START = re.compile(rf"\s+(?:(?:[\"'‘’“„«(\[]|,,)[^\S\n]?)*(?:{_UP}|\d|['’][stk](?!\w))")
_SPACE = re.compile(r"\s*")
_LETTER = re.compile(_L)


class _Rules(NamedTuple):
    tokens: re.Pattern[str]
    final: frozenset[str]
    abbreviations: frozenset[str]


def _data_text(*parts: str) -> str:
    """The text of a file shipped in ``analysis/data/``."""
    return resources.files("analysis").joinpath("data", *parts).read_text(encoding="utf-8")


def _abbreviation_forms(entry: str) -> list[str]:
    """An abbreviation as listed, plus its capitalised form if it is lowercase."""
    forms = [entry]
    if entry[0].islower():
        forms.append(entry[0].upper() + entry[1:])
    return forms


def _alternation(forms: Iterable[str], *, by_first: bool = True) -> str:
    """A regex alternation of literal strings, longest first; `by_first` groups
    them by their first character (``e(?:nz\\.|tc\\.)|m(?:r\\.)``), which matches
    the same way (no two groups match at one place) but tries far fewer."""
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    if not by_first:
        return "|".join(map(re.escape, ordered)) or "(?!)"
    groups: dict[str, list[str]] = {}
    for form in ordered:
        groups.setdefault(form[0], []).append(re.escape(form[1:]))
    return "|".join(re.escape(first) + (rest[0] if len(rest) == 1 else f"(?:{'|'.join(rest)})")
                    for first, rest in sorted(groups.items())) or "(?!)"


@cache
def _rules(language: str, quick: bool = True) -> _Rules:
    """The compiled token pattern and the sentence-final abbreviations
    (``quick=False`` for tests: without the quick checks, which change nothing)."""
    if language == "nl":
        entries, final = [], []
        for line in _data_text("abbreviations_nl.txt").splitlines():
            fields = line.split("#", 1)[0].split()
            if fields:
                entries.append(fields[0])
                if fields[1:] == ["final"]:
                    final.append(fields[0])
    else:
        entries, final = list(_ABBREVIATIONS_EN) + list(_FINAL_EN), list(_FINAL_EN)
    forms = {form for entry in entries for form in _abbreviation_forms(entry)}
    finals = frozenset(form for entry in final for form in _abbreviation_forms(entry))
    # A capitalised abbreviation that cannot end a sentence gives its dot
    # back at the end of a line or text (330 v. Chr.); the others keep it.
    capitalised = {f for f in forms if f[0].isupper() and f not in finals}
    template = (_TOKEN_TEMPLATE.replace("<ABBREVIATIONS>", _alternation(forms - capitalised, by_first=quick))
                .replace("<CAPITALISED>", _alternation(capitalised, by_first=quick)))
    if not quick:
        template = template.replace(_FORMULA_CHECK, "")
    # Every token starts with a non-space: checking that first makes the
    # regex engine skip whitespace without trying each alternative there.
    return _Rules(re.compile(rf"(?=\S)(?:{template})"), finals, frozenset(forms))


def _check(text: object, language: object) -> _Rules:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; available: {', '.join(LANGUAGES)}")
    return _rules(language)  # type: ignore[arg-type]


def word_tokenize(text: str, language: str = "nl") -> list[str]:
    """Split a text into word and punctuation tokens.

    Parameters
    ----------
    text : str
        Any text; sentences need not be split first.
    language : {"nl", "en"}
        ``"nl"`` uses the Dutch abbreviation list, ``"en"`` a short English
        one; the other rules are shared.

    Returns
    -------
    list of str
        The tokens in order. Each is a substring of `text`; together they
        cover every non-whitespace character once.

    Examples
    --------
    >>> word_tokenize("Volgens o.a. Reuters zijn zo'n 400 Wagner-leden geland.")
    ['Volgens', 'o.a.', 'Reuters', 'zijn', "zo'n", '400', 'Wagner-leden', 'geland', '.']
    """
    return _check(text, language).tokens.findall(text)


def span_tokenize(text: str, language: str = "nl") -> list[tuple[int, int]]:
    """The tokens of `word_tokenize` as ``(start, end)`` character offsets.

    Parameters
    ----------
    text : str
        Any text.
    language : {"nl", "en"}
        As in `word_tokenize`.

    Returns
    -------
    list of tuple of int
        One ``(start, end)`` per token, so that ``text[start:end]`` is the
        token; in order and never overlapping.

    Examples
    --------
    >>> span_tokenize("Het kost 2,5 euro.")
    [(0, 3), (4, 8), (9, 12), (13, 17), (17, 18)]
    """
    return [m.span() for m in _check(text, language).tokens.finditer(text)]


def _chunk_start(text: str, pos: int) -> int:
    """Where the whitespace-separated chunk holding ``text[pos]`` starts."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _ends_in_terminal(text: str, s: int, e: int, following: re.Match[str], rules: _Rules,
                      fast: bool = True) -> bool:
    """Whether the chunk whose sentence punctuation starts at ``text[s]`` (and
    whose closing quotes end at `e`) ends in a token that may end a sentence:
    ``.``, ``?``, ``!``, ``…`` or a final abbreviation such as ``enz.``."""
    before = text[s - 1] if s else " "
    # Fast paths, where the tokens are clear from the characters alone: the
    # punctuation starts its chunk or follows a digit or a closing bracket or
    # quote, or is ? or !, or follows a word of two letters or more that is no
    # abbreviation (geleverd.).
    if fast and (before.isspace() or text[s] in "!?" or before.isdigit() or before in ")]\"”’'»"):
        return True
    if fast and before.islower():
        # The chunk from the last space or line break; any other whitespace
        # in it fails isalpha and takes the slow path.
        word = text[max(text.rfind(" ", 0, s), text.rfind("\n", 0, s)) + 1 : s]
        if len(word) > 1 and word.isalpha() and word + "." not in rules.abbreviations:
            return True
    # Otherwise tokenise the chunk with the next one in view, as
    # `word_tokenize` sees it (330 v. Chr. is not a sentence end), and drop
    # the next chunk's tokens.
    context = _CHUNK_REST.match(text, following.end()).end()  # type: ignore[union-attr]
    tokens = rules.tokens.findall(text, _chunk_start(text, s), context)
    extra = len("".join(text[e:context].split()))  # the next chunks' characters
    while extra > 0:
        extra -= len(tokens.pop())
    while tokens and tokens[-1] in _CLOSERS:
        tokens.pop()
    return bool(tokens) and (_TERMINAL.fullmatch(tokens[-1]) is not None or tokens[-1] in rules.final)


def _sentence_spans(text: str, rules: _Rules, fast: bool = True) -> list[tuple[int, int]]:
    """Sentence spans: see `sent_span_tokenize` (``fast=False`` for tests:
    tokenise at every candidate, taking no fast path)."""
    spans: list[tuple[int, int]] = []
    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    start_match = _START.match
    for m in _CANDIDATE.finditer(text):
        s, e = m.span()
        if text[s] == "\n":  # a blank line, or a next line not starting in lowercase
            if start < s and (m.group().count("\n") > 1 or not text[e : e + 1].islower()):
                while text[s - 1].isspace():
                    s -= 1
                spans.append((start, s))
                start = e
            continue
        following = start_match(text, e)
        if not following or not _ends_in_terminal(text, s, e, following, rules, fast):
            continue
        if start >= e or not _LETTER.search(text, start, e):  # "1." heading a paragraph
            continue
        spans.append((start, e))
        start = _SPACE.match(text, e).end()  # type: ignore[union-attr]
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


# -- the same rules on whole arrays of tokens ---------------------------------
#
# `_sentence_spans` walks the candidate ends one by one in Python, which is
# fast for the spans of one text. For a corpus, `coded_sentences` tokenises
# each text once and decides every sentence end at once with numpy, from a few
# facts about each token *type* (a closing quote? may it end a sentence?) and
# about the whitespace between tokens (how many line breaks). Tests hold both
# to `_sentence_spans(fast=False)`, which tokenises at every candidate.


class _TypeFacts(NamedTuple):
    """What the sentence rules need to know of each token type, as bool arrays."""

    closer: np.ndarray  # a closing quote or bracket: '' ” ) ...
    terminal: np.ndarray  # . ? ! … (or a run of them), or a final abbreviation (enz.)
    letter: np.ndarray  # holds a letter
    lower: np.ndarray  # starts with a lowercase letter: a wrapped line goes on
    capital: np.ndarray  # starts with a capital or a digit: a sentence may start here
    opener: np.ndarray  # starts with an opening quote, bracket or comma: ask _START
    apart: np.ndarray  # a closing quote that may stand apart after a sentence: '' ’ ” »


_OPENING = frozenset("\"'‘’“„«([,")
_APART = frozenset(["''", "’", "”", "»"])
_CAPITAL_OR_DIGIT = re.compile(rf"{_UP}|\d")


@cache
def _punctuated(final: frozenset[str]) -> frozenset[str]:
    """The final abbreviations that end in sentence punctuation (all of the
    shipped ones): only a chunk ending in it is a candidate end."""
    return frozenset(f for f in final if f[-1] in ".!?…")


# What the first character of a type says (`_TypeFacts` lower, capital, opener).
_FIRST_LOWER, _FIRST_CAPITAL, _FIRST_OPENER = 1, 2, 4


def _first_flags(ch: str) -> int:
    return ((_FIRST_LOWER if ch.islower() else 0) | (_FIRST_CAPITAL if _CAPITAL_OR_DIGIT.match(ch) else 0)
            | (_FIRST_OPENER if ch in _OPENING else 0))


@cache
def _first_table() -> np.ndarray:
    """`_first_flags` of every code point below U+2100 (the Latin, Greek and
    Cyrillic letters and the quotation marks)."""
    table = np.array([_first_flags(chr(i)) for i in range(0x2100)], dtype=np.uint8)
    table.flags.writeable = False
    return table


def _type_facts(types: list[str], rules: _Rules) -> _TypeFacts:
    """`_TypeFacts` of each type (types are never empty strings). A type of
    letters only (most of them) is no punctuation and holds a letter, so the
    rules about punctuation are asked only of the others."""

    def mask(values: Iterable[object], count: int = len(types)) -> np.ndarray:
        return np.fromiter(values, dtype=bool, count=count)

    table = _first_table()
    points = np.frombuffer("".join([t[0] for t in types]).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first = table[np.minimum(points, len(table) - 1)]
    for k in np.flatnonzero(points >= len(table)).tolist():
        first[k] = _first_flags(types[k][0])
    letter = mask(map(str.isalpha, types))  # isalpha: every character is a letter, [^\W\d_]
    others = np.flatnonzero(~letter)
    rest = [types[k] for k in others.tolist()]
    final = _punctuated(rules.final)

    def scatter(values: Iterable[object]) -> np.ndarray:
        out = np.zeros(len(types), dtype=bool)
        out[others] = mask(values, len(rest))
        return out

    letter[others] = mask(map(bool, map(_LETTER.search, rest)), len(rest))
    return _TypeFacts(
        closer=scatter(map(_CLOSERS.__contains__, rest)),
        terminal=scatter(map(bool, map(_TERMINAL.fullmatch, rest))) | scatter(map(final.__contains__, rest)),
        letter=letter,
        lower=(first & _FIRST_LOWER).astype(bool),
        capital=(first & _FIRST_CAPITAL).astype(bool),
        opener=(first & _FIRST_OPENER).astype(bool),
        apart=scatter(map(_APART.__contains__, rest)),
    )


@cache
def _space_table() -> np.ndarray:
    """``str.isspace`` of every code point up to U+3001: all whitespace is below
    it, and U+3001 itself (what a higher code point is clipped to) is no space."""
    table = np.array([chr(i).isspace() for i in range(0x3002)])
    table.flags.writeable = False
    return table


class _Layout(NamedTuple):
    """Where the tokens lie, told by the whitespace between them."""

    ends: np.ndarray  # non-space characters up to the end of each token (int64)
    spaces: np.ndarray  # non-space characters before each whitespace character, in order (int64)
    spaced: np.ndarray  # whether whitespace follows the token (bool)
    breaks: np.ndarray  # line breaks between it and the next token (int32)


def _layout(text: str, lengths: np.ndarray) -> _Layout:
    """Where the tokens of `text`, of these lengths, lie: they cover every
    non-space character once, in order, so the whitespace that follows the
    n-th non-space character lies after the token that ends with it. Only the
    whitespace is listed (a sixth of the characters or so), never every
    non-space character."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    white = np.flatnonzero(np.take(_space_table(), points, mode="clip"))
    spaces = white - np.arange(len(white))
    ends = np.cumsum(lengths)
    followed = np.zeros(len(points) - len(white) + 1, dtype=bool)
    followed[spaces] = True
    spaced = followed[ends]
    # Each line break lies after the token that ends where it stands (none
    # before the first token, and the last token has none after it).
    newline = spaces[points[white] == 10]
    after = np.searchsorted(ends, newline)  # the first token ending there or later
    inside = after < len(ends) - 1
    after, newline = after[inside], newline[inside]
    after = after[ends[after] == newline]
    breaks = np.bincount(after, minlength=len(ends)).astype(np.int32)
    return _Layout(ends, spaces, spaced, breaks)


def _char_ends(layout: _Layout, tokens: np.ndarray) -> np.ndarray:
    """Where in the text these tokens end: their non-space characters plus the
    whitespace before their end."""
    ends = layout.ends[tokens]
    return ends + np.searchsorted(layout.spaces, ends)


_CODED_BATCH = 4096  # tokens coded at once: still in the processor's cache after the regex found them


class _Codes(dict):
    """Token type -> code, a new type numbered on first sight: looking a token
    up is one dict operation in C, a Python step only for a new type."""

    def __missing__(self, token: str) -> int:
        code = self[token] = len(self)
        return code


def _type_codes(texts: list[str], rules: _Rules) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Types in order of first appearance, each token's type (int32) and the
    tokens in each text. Each text's tokens are coded right after the regex
    found them, while they are still in the processor's cache."""
    index = _Codes()
    code = index.__getitem__

    def coded(batch: list[list[str]], size: int) -> np.ndarray:
        return np.fromiter(map(code, itertools.chain.from_iterable(batch)), dtype=np.int32, count=size)

    counts: list[int] = []
    parts: list[np.ndarray] = []
    batch: list[list[str]] = []
    size = 0
    # short texts (one sentence a document) coded a batch at a time: one numpy call per text would cost
    # more than its tokens
    for tokens in map(rules.tokens.findall, texts):
        counts.append(len(tokens))
        batch.append(tokens)
        size += len(tokens)
        if size >= _CODED_BATCH:
            parts.append(coded(batch, size))
            batch, size = [], 0
    if batch:
        parts.append(coded(batch, size))
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    return list(index), codes, np.asarray(counts, dtype=np.int64)


def _analyse(texts: list[str], rules: _Rules) -> CodedSentences:
    """Tokenise each text with one regex pass and find every sentence end."""
    types, codes, counts = _type_codes(texts, rules)
    text_ends = np.cumsum(counts)
    count = len(codes)
    lengths = np.fromiter(map(len, types), dtype=np.int64, count=len(types))[codes]
    joined = "".join(texts)
    text_last = np.zeros(count, dtype=bool)
    text_last[text_ends[text_ends > 0] - 1] = True
    char_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    ends = _sentence_ends(joined, _layout(joined, lengths), codes, _type_facts(types, rules), text_last,
                          (text_ends, char_ends))
    last = np.flatnonzero(ends)  # the last token of each sentence
    sentences_so_far = np.searchsorted(last, text_ends).astype(np.int64)
    return CodedSentences(types, codes, np.diff(last, prepend=-1).astype(np.int64),
                          np.diff(sentences_so_far, prepend=0))


def _line_ends(layout: _Layout, codes: np.ndarray, facts: _TypeFacts, text_last: np.ndarray) -> np.ndarray:
    """Sentence ends at line breaks: after a text's last token, a blank line,
    or a line break before a word that does not start in lowercase."""
    ends = text_last.copy()
    at = np.flatnonzero(layout.breaks)  # never the last token, so a next one exists
    ends[at] |= (layout.breaks[at] >= 2) | ~facts.lower[codes[at + 1]]
    return ends


def _punctuation_ends(layout: _Layout, codes: np.ndarray, facts: _TypeFacts, glued: np.ndarray,
                      text_last: np.ndarray) -> np.ndarray:
    """The last token of every chunk (whitespace-separated) whose last token
    but closing quotes and brackets is sentence punctuation, with a closing
    quote standing apart after it on the same line; not at a text's end."""
    # From each sentence punctuation token, over the closing quotes and
    # brackets glued to it, to the end of its chunk; any other token glued
    # after them means the punctuation does not end the chunk. A few steps
    # at most, each on the tokens still on their way.
    last = np.flatnonzero(facts.terminal[codes])
    kept = np.ones(len(last), dtype=bool)
    going = np.flatnonzero(glued[last])  # glued is never true of the last token
    while len(going):
        following = last[going] + 1
        closing = facts.closer[codes[following]]
        kept[going[~closing]] = False
        going = going[closing]
        last[going] = following[closing]
        going = going[glued[last[going]]]
    last = last[kept & ~text_last[last]]
    apart = last + 1
    apart_ok = (layout.breaks[last] == 0) & facts.apart[codes[apart]] & ~glued[apart]
    last = np.where(apart_ok, apart, last)
    return last[~text_last[last]]


def _sentence_ends(text: str, layout: _Layout, codes: np.ndarray, facts: _TypeFacts, text_last: np.ndarray,
                   bounds: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Whether a sentence ends after each token, by the rules of `_sentence_spans`."""
    glued = np.zeros(len(codes), dtype=bool)  # the next token follows without a space
    glued[:-1] = ~layout.spaced[:-1]
    glued &= ~text_last
    ends = _line_ends(layout, codes, facts, text_last)
    if not len(codes):
        return ends
    candidates = _punctuation_ends(layout, codes, facts, glued, text_last)
    # The next sentence starts with a capital or a digit, perhaps after opening
    # quotes (asked of the regex for the few that start with one).
    following = codes[candidates + 1]
    starts = facts.capital[following]
    text_ends, char_ends = bounds
    ask = np.flatnonzero(~starts & facts.opener[following])
    text_end = char_ends[np.searchsorted(text_ends, candidates[ask], side="right")]
    for k, at, end in zip(ask.tolist(), _char_ends(layout, candidates[ask]).tolist(), text_end.tolist(), strict=True):
        starts[k] = _START.match(text, at, end) is not None
    candidates = candidates[starts]
    # A candidate ends a sentence when the sentence holds a letter ("1." heading
    # a paragraph does not). That is a letter since the previous *possible* end,
    # taken or not: one not taken had no letter since the end before it either.
    possible = np.sort(np.concatenate([np.flatnonzero(ends), candidates]), kind="stable")  # two sorted runs
    previous = np.searchsorted(possible, candidates) - 1  # before its first copy: a smaller one
    before = np.where(previous >= 0, possible[np.maximum(previous, 0)], -1)
    letters = np.flatnonzero(facts.letter[codes])
    latest = np.concatenate([[-1], letters])[np.searchsorted(letters, candidates, side="right")]  # up to each
    ends[candidates[latest > before]] = True
    return ends


def sent_span_tokenize(text: str, language: str = "nl") -> list[tuple[int, int]]:
    """Split a text into sentences, as ``(start, end)`` character offsets.

    A sentence ends after a token of ``.``, ``?``, ``!`` or ``…`` (or an
    abbreviation marked as possibly final, such as ``enz.``), plus any
    closing quotes or brackets, when the next word starts with a capital or
    a digit, possibly after opening quotes. A dot that belongs to an
    abbreviation or an initial (``mr.``, ``o.a.``, ``J.``) ends nothing. A
    blank line always ends a sentence, and so does a line break unless the
    next line starts with a lowercase letter (a line wrapped mid-sentence).
    Boundaries always fall on whitespace, so no token is ever cut.

    Parameters
    ----------
    text : str
        Any text.
    language : {"nl", "en"}
        As in `word_tokenize`.

    Returns
    -------
    list of tuple of int
        One ``(start, end)`` per sentence, without surrounding whitespace.

    Examples
    --------
    >>> sent_span_tokenize("Dat zei mr. J. de Vries. Hij kwam om 14.30 uur.")
    [(0, 24), (25, 47)]
    """
    return _sentence_spans(text, _check(text, language))


def sent_tokenize(text: str, language: str = "nl") -> list[str]:
    """Split a text into sentences (the strings of `sent_span_tokenize`).

    Parameters
    ----------
    text : str
        Any text.
    language : {"nl", "en"}
        As in `word_tokenize`.

    Returns
    -------
    list of str
        The sentences in order, stripped of surrounding whitespace.

    Examples
    --------
    >>> sent_tokenize('Hij zei: "Ik kom o.a. morgen." Toen ging hij weg.')
    ['Hij zei: "Ik kom o.a. morgen."', 'Toen ging hij weg.']
    """
    return [text[s:e] for s, e in _sentence_spans(text, _check(text, language))]


def sentence_tokens(text: str, language: str = "nl") -> list[list[str]]:
    """The word tokens of a text, grouped by sentence.

    Concatenated, the lists equal ``word_tokenize(text)``; list ``i`` holds
    the tokens of sentence ``i`` of `sent_tokenize`. This is the fast path
    for tokenising whole corpora.

    Parameters
    ----------
    text : str
        Any text.
    language : {"nl", "en"}
        As in `word_tokenize`.

    Returns
    -------
    list of list of str
        One list of tokens per sentence.

    Examples
    --------
    >>> sentence_tokens("Het waren er 17. Daarna niet meer.")
    [['Het', 'waren', 'er', '17', '.'], ['Daarna', 'niet', 'meer', '.']]
    """
    rules = _check(text, language)
    findall = rules.tokens.findall
    return [findall(text, s, e) for s, e in _sentence_spans(text, rules)]


class CodedSentences(NamedTuple):
    """Texts as token codes, sentence by sentence: what `coded_sentences` returns."""

    types: list[str]
    """The token types, in order of first appearance."""
    codes: np.ndarray
    """The type of every token of every text, in order (int32)."""
    sentence_lengths: np.ndarray
    """Tokens in each sentence, in order (int64); a sentence never spans two texts."""
    text_sentences: np.ndarray
    """Sentences in each text (int64)."""


def coded_sentences(texts: Iterable[str], language: str = "nl") -> CodedSentences:
    """The tokens of many texts as integer codes, grouped by sentence.

    The same tokens and sentences as `sentence_tokens` gives for each text,
    but as arrays: each token's type is a code into one list of types, so
    that no Python list is made per sentence. This is the fast path for
    tokenising whole corpora (`analysis.tokenize` uses it).

    Parameters
    ----------
    texts : iterable of str
        The texts; each is tokenised on its own.
    language : {"nl", "en"}
        As in `word_tokenize`.

    Returns
    -------
    CodedSentences
        ``types`` (list of str), ``codes`` (int32 array, one per token),
        ``sentence_lengths`` and ``text_sentences`` (int64 arrays).

    Examples
    --------
    >>> coded = coded_sentences(["Het waren er 17. Daarna niet.", "Niet meer."])
    >>> [coded.types[c] for c in coded.codes[:5]]
    ['Het', 'waren', 'er', '17', '.']
    >>> coded.sentence_lengths.tolist(), coded.text_sentences.tolist()
    ([5, 3, 3], [2, 1])
    """
    texts = list(texts)
    rules = _check("", language)
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{k}] must be a str, got {type(text).__name__}")
    return _analyse(texts, rules)


@cache
def _stopword_list(name: str) -> frozenset[str]:
    words = []
    for line in _data_text("stopwords", f"{name}.txt").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.append(word)
    return frozenset(words)


def _read_word_file(path: str | os.PathLike[str]) -> frozenset[str]:
    text = Path(path).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.strip().lower()))


def stopwords(name: str | os.PathLike[str] | Iterable[str]) -> frozenset[str]:
    """A stopword list, lowercased.

    Parameters
    ----------
    name : str, path or iterable of str
        A shipped list: ``"nl"`` (Dutch function words: the Snowball list
        plus what it misses, such as *we*, *jij*, *wel*), ``"nl-news"``
        (reporting verbs and wire boilerplate: *zegt*, *volgens*, *aldus*,
        *anp*) or ``"en"`` (Snowball English); several joined with ``+``
        (``"nl+nl-news"``). Or the path of a UTF-8 file with one word a
        line, or an iterable of words.

    Returns
    -------
    frozenset of str

    Raises
    ------
    ValueError
        For an unknown list name.

    Examples
    --------
    >>> sorted(stopwords("nl") & {"de", "wij", "wel", "Wagner"})
    ['de', 'wel', 'wij']
    >>> "zei" in stopwords("nl+nl-news"), "zei" in stopwords("nl")
    (True, False)
    """
    if isinstance(name, os.PathLike):
        return _read_word_file(name)
    if isinstance(name, str):
        parts = name.split("+")
        if all(p in STOPWORD_LISTS for p in parts):
            if len(parts) == 1:
                return _stopword_list(name)
            return frozenset().union(*(_stopword_list(p) for p in parts))
        if os.sep in name or "/" in name or Path(name).is_file():
            return _read_word_file(name)
        raise ValueError(
            f"unknown stopword list {name!r}; available: {', '.join(STOPWORD_LISTS)} "
            "(or join them with '+', or give a file path or an iterable of words)"
        )
    if isinstance(name, bytes) or not isinstance(name, Iterable):
        raise TypeError(f"stopwords needs a list name, path or words, got {type(name).__name__}")
    words = list(name)
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise TypeError(f"stopwords must be strings, got {bad[0]!r}")
    return frozenset(w.lower() for w in words)


def _variant_pair(variant: object, canonical: object, where: str) -> tuple[str, str]:
    if not isinstance(variant, str) or not isinstance(canonical, str):
        raise ValueError(f"{where}: variant and canonical must be strings, got "
                         f"{variant!r} -> {canonical!r}")
    variant, canonical = variant.strip(), canonical.strip()
    if not variant or not canonical:
        raise ValueError(f"{where}: empty variant or canonical form in {variant!r} -> "
                         f"{canonical!r}")
    return variant, canonical


def load_variants(variants: Mapping[str, str] | str | os.PathLike[str]) -> dict[str, str]:
    """Spelling variants mapped to one canonical form.

    Parameters
    ----------
    variants : mapping or path
        A dict ``{variant: canonical}``, or the path of a UTF-8 CSV file
        with two columns ``variant,canonical`` (a header row with exactly
        those names is optional; blank lines are skipped).

    Returns
    -------
    dict of str to str
        A new dict, whitespace stripped, in file order.

    Raises
    ------
    ValueError
        Naming the file and line of a row without exactly two non-empty
        fields, or of a variant given two different canonical forms.

    Examples
    --------
    >>> load_variants({"Poetin": "Putin", "Poutine": "Putin"})
    {'Poetin': 'Putin', 'Poutine': 'Putin'}
    """
    if isinstance(variants, Mapping):
        out: dict[str, str] = {}
        for variant, canonical in variants.items():
            v, c = _variant_pair(variant, canonical, "variants")
            out[v] = c
        return out
    if not isinstance(variants, (str, os.PathLike)):
        raise TypeError(f"variants must be a dict or a CSV path, got {type(variants).__name__}")
    path = Path(variants)
    if not path.is_file():
        raise ValueError(f"no variants file at {str(path)!r}")
    out = {}
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, row in enumerate(csv.reader(f), start=1):
            if not row or all(not field.strip() for field in row):
                continue
            where = f"{str(path)!r} line {lineno}"
            if len(row) != 2:
                raise ValueError(f"{where}: expected 2 fields 'variant,canonical', got {row!r}")
            if lineno == 1 and [x.strip().lower() for x in row] == ["variant", "canonical"]:
                continue
            v, c = _variant_pair(row[0], row[1], where)
            if out.get(v, c) != c:
                raise ValueError(f"{where}: {v!r} maps to {c!r} but earlier to {out[v]!r}")
            out[v] = c
    return out


# Initials and abbreviations as the tokeniser keeps them (j., enz., o.a.) and
# Roman numerals of i, v and x (ii, iii, xiv: chapter and article numbers).
_ABBREVIATION = re.compile(r"(?:[^\W\d_]+\.)+|(?=[ivx]{2})x{0,3}(?:ix|iv|v?i{0,3})", re.IGNORECASE)


def is_abbreviation(term: str) -> bool:
    """True for an initial, an abbreviation or a Roman numeral (of an n-gram: any word).

    Such tokens stay in the tokens and in concordances, but the ranked lists
    (`analysis.frequencies`, `analysis.collocates`, keyness, tf-idf,
    `analysis.find_phrases`, word clouds) leave them out unless asked
    (``keep_abbreviations=True``): ``j.`` and ``iii`` say nothing about a
    topic. A name kept as one term is not one (see `abbreviation_mask`).

    Examples
    --------
    >>> [t for t in ["j.", "enz.", "o.a.", "ii", "iii", "xiv", "wet", "vi", "v", "mix", "hoge raad"]
    ...  if is_abbreviation(t)]
    ['j.', 'enz.', 'o.a.', 'ii', 'iii', 'xiv', 'vi']
    >>> is_abbreviation("art. wet")
    True
    """
    return any(_ABBREVIATION.fullmatch(word) is not None for word in term.split())


def abbreviation_mask(terms: Iterable[str], *, names: Iterable[str] = ()) -> np.ndarray:
    """`is_abbreviation` of every term, as a boolean array.

    Parameters
    ----------
    terms : iterable of str
        Terms, n-grams joined by a space.
    names : iterable of str, optional
        Names kept as one term (`Tokens.name_terms`). A name is never an
        abbreviation, even with initials in it (``J.W. Weck``), and neither
        is an n-gram for the name's words: only its other words are looked at.

    Examples
    --------
    >>> abbreviation_mask(["mr.", "rechter", "ii"]).tolist()
    [True, False, True]
    >>> abbreviation_mask(["J.W. Weck", "J.W. Weck zegt", "mr. J.W. Weck"], names=["J.W. Weck"]).tolist()
    [False, False, True]
    """
    terms = list(terms)
    # only names that the rule would catch need taking out of the terms first
    dotted = sorted((name for name in names if is_abbreviation(name)), key=lambda name: (-len(name), name))
    if dotted:
        inside = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, dotted)) + r")(?!\S)")
        terms = [inside.sub("", str(t)) for t in terms]
    return np.fromiter((is_abbreviation(str(t)) for t in terms), dtype=bool, count=len(terms))
