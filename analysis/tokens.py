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
even at the end of a sentence (``groep B. Daarna``).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = [
    "abbreviation_mask",
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
_FORMULA = (
    rf"(?=[\w()+\-=^*/]*?(?:[\w)][+=^][\w(-]|{_L}\([+-]?\d))"
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
    # word followed by a space or by punctuation that cannot continue it, and
    # a punctuation mark that cannot start a longer token.
    rf"{_W}++(?=[\s;)\]!?\"”]|,(?![\d-])|\Z)"
    r"|[;:)\]\"”“„]|,(?!,)|\.(?!\.)"
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


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation of literal strings, longest first."""
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) or "(?!)"


@cache
def _rules(language: str) -> _Rules:
    """The compiled token pattern and the sentence-final abbreviations."""
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
    template = (_TOKEN_TEMPLATE.replace("<ABBREVIATIONS>", _alternation(forms - capitalised))
                .replace("<CAPITALISED>", _alternation(capitalised)))
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
    (`analysis.frequencies`, `analysis.collocates`, keyness, word clouds)
    leave them out unless asked (``keep_abbreviations=True``): ``j.`` and
    ``iii`` say nothing about a topic.

    Examples
    --------
    >>> [t for t in ["j.", "enz.", "o.a.", "ii", "iii", "xiv", "wet", "vi", "v", "mix", "hoge raad"]
    ...  if is_abbreviation(t)]
    ['j.', 'enz.', 'o.a.', 'ii', 'iii', 'xiv', 'vi']
    >>> is_abbreviation("art. wet")
    True
    """
    return any(_ABBREVIATION.fullmatch(word) is not None for word in term.split(" "))


def abbreviation_mask(terms: Iterable[str]) -> np.ndarray:
    """`is_abbreviation` of every term, as a boolean array.

    Examples
    --------
    >>> abbreviation_mask(["mr.", "rechter", "ii"]).tolist()
    [True, False, True]
    """
    terms = list(terms)
    return np.fromiter((is_abbreviation(str(t)) for t in terms), dtype=bool, count=len(terms))
