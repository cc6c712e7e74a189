"""Proper names as terms: `name_mentions`, `names` and `name_network`.

A name is a run of capitalised tokens inside a sentence, with Dutch
particles inside it (*Ursula von der Leyen*, *Van der Laan*,
*'s-Hertogenbosch*, *Oost-Oekraïne*). The rules, in order:

- a capitalised token inside a sentence is part of a name, unless it is an
  adjective of place or nationality standing before a common word or before
  a name (*Russische president*, *Thaise Tanasugarn*, *Franstalige*; but
  *Russische Federatie*, and after initials a surname: *N.P. Muusse*; and
  one in *-s* after *het* or a preposition of place, before no word, is the
  place or the language: *in Parijs*, *het Engels*), a compound whose last
  part is a common word (*Wagner-leden*, *Poetin-getrouwe*), an abbreviation
  of a common noun (``data/capital_nouns_nl.txt``: *het EK*, *de WK*), or a
  title or office (``data/titles_nl.txt``) that opens the run (*Minister
  Brinkhorst*, *Tante Sidonie*: the name is *Brinkhorst*; one by one, as in
  *Plaatsvervangend Procureur-Generaal Van Soest*) or stands alone after an
  article, a capitalised one or *Onze* included (*de Minister*, *De
  Staatssecretaris* in a heading, *Onze Minister* in a law; but *Jan
  Koning*, *zei Koning*), or a body or a document (``data/bodies_nl.txt``)
  alone after an article (these too) and not before *van* or *voor* (*de
  Kamer*, *het Besluit*, *Uw Raad*; but *de Tweede Kamer*, *het Verdrag van
  Versailles*), or a common noun in the genitive after the old article *'s*
  (*'s Hofs uitspraak*; but *'s Gravenhage*), or a function word other than
  a particle or an article that the corpus writes in lowercase more than ten
  times as often (a heading run into its sentence: *geding voor het Hof Aan
  belanghebbende*), or a capitalised article before no name (*M.J. Kuiper De
  rechtbank ...*, a heading run in);
- a capitalised token at the start of a sentence, or after an opening quote,
  a colon, a dash or a section number (*3.1*), is a name only when the
  corpus shows that word capitalised inside a sentence (after a word, a
  comma or an initial: *J.W. Weck*) more often than written in lowercase
  (case evidence from the whole corpus, not a guess per sentence); a word
  seen nowhere else is a name unless Dutch knows it as a common word:
  simplemma's dictionary, the function words, the shipped adverbs
  (``data/adverbs_nl.txt``: *Helaas*, *Voorts*) or a compound of those
  (*Graanplanten*, *Partijbestuurslid*, *Hierna*); a word the dictionary
  itself lists as a name (*Limburg*, *Robert*) is a name (*Sjabajev* but not
  *Volgens*);
- lowercase particles (*van der*, *von der*, *ter*, *de*, ...) join a name
  when a capitalised name token stands on both sides; a lone *van* or *van
  de* only after a given name the dictionary does not know or initials
  (*Louis van Gaal*, *Theo de Rooij*, *G. van Gelderen*) or after a body
  (``data/bodies_nl.txt``: *Raad van State*, *Partij van de Arbeid*,
  *Universiteit van Amsterdam*; but *het Kursaal van Oostende* is two
  names), and a lone *de* before a byname (*Karel de Grote*, *Pieter
  Brueghel de Oude*); *voor* (and *de* or *het* after it) joins a name after
  a capitalised Dutch noun, as in the names of institutions (*Museum voor
  Schone Kunsten*, *Centraal Bureau voor de Statistiek*; not *Copa voor
  Colombia*), and so do *of* and *for* (and *the* after them) after an
  English noun that heads such names (``data/english_heads.txt``:
  *University of London*, *Church of England*; not *Jan of Piet*, where
  Dutch *of* is *or*); a capitalised *Van*/*Von*/*Ter* opening a sentence
  joins the name after it when the corpus shows that name after a surname
  particle (*Louis van Gaal*) or never alone inside a sentence (not in *Van
  Peacock kreeg hij*, when *Peacock* stands alone elsewhere), and *De*,
  *La*, *Het* do when the corpus shows them capitalised before that name
  inside a sentence more often than in lowercase (*De Morgan*, not *Het
  Kremlin*);
- a run made only of common words written with a capital, which the corpus
  also writes in lowercase (*Integraal Dossier*), is a title, not a name: a
  word the dictionary knows in lowercase (and not as a name), a compound of
  such words (*Wiskunde*), or any word the corpus writes in lowercase at
  least as often as with a capital inside a sentence; so is a run of
  function words, one initial or a roman numeral alone (*Van de
  grootste...*, *En*, *B.*, *II*); but a run of two such words or more, each
  two neighbours of which the corpus writes together with capitals twice or
  more, is a fixed name (*de Tweede Kamer*, *de Hoge Raad*, *het Witte
  Huis*, though *tweede*, *kamer*, *hoge* and *raad* are common words),
  unless it is all in capitals (a repeated heading: *OFFICIER VAN
  JUSTITIE*);
- days and months are names, as in the UD Dutch treebanks (and in English
  spelling), though Dutch writes them in lowercase; in lowercase each is a
  name on its own (*zondag* | *januari*).

Each mention is then merged into a name: a genitive *-s* or *'s* comes off
when the corpus has the bare name (*Prigozjins* -> *Prigozjin*; but *het
Nederlands*, a language, is not *Nederland*), so does a capitalised article
opening it (*De Hoge Raad* -> *Hoge Raad*, after a sentence start or a
heading), a spelling variant maps to its canonical form (``variants=``,
*Poetin* -> *Putin*), and a one-word name that is the last word of exactly
one longer name in the corpus links to it (*Prigozjin* -> *Jevgeni
Prigozjin*), unless it is an abbreviation with two capitals or more (*BMW*
is not *X5 BMW*) or the longer name is a body of that place
(``data/bodies_nl.txt``: *Utrecht* is not *Gemeente Utrecht*), and so does
one that is the first word of exactly one name made of it and a designator
(*Wagner* -> *Wagner Group*, *ING* -> *ING Groep*). A name is shown as it is
most often written in full.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import tokens as _tokens
from analysis.documents import Document
from analysis.lemmas import lexicon
from analysis.periods import parse_date, period_label

__all__ = ["CaseEvidence", "calendar_words", "canonical_names", "case_evidence", "combine_evidence", "name_mentions",
           "name_network", "name_runs", "names", "sentence_starts", "stream_evidence"]

# First letters of a capitalised and of a lowercase word (Latin, Greek, Cyrillic).
_UPPER = frozenset(chr(i) for i in range(0x41, 0x530) if chr(i).isupper())
_LOWER = frozenset(chr(i) for i in range(0x61, 0x530) if chr(i).islower())
# After a word, a comma, a semicolon or an initial (J.W. Weck) a capital is evidence of a name; after an
# opener or a section number (3.1 In de zaak) it is not.
_COMMAS = frozenset({",", ";"})
_INITIALS = re.compile(r"(?:[A-Z]\.)+$")
_ROMAN = re.compile(r"(?=[IVX]+$)X{0,2}(?:IX|IV|V?I{0,3})$")
# A section number before a heading or a paragraph: 3.1, 2., 6.3.2
_ENUMERATOR = re.compile(r"\d+(?:\.\d+)*\.$|\d+(?:\.\d+)+$")
# Tokens after which a capital says nothing: a sentence start, a quote, a colon, a dash, a bracket.
_OPENERS = frozenset({'"', "'", ",,", "“", "„", "‘", "«", "»", ":", "(", "[", "-", "–", "—", ".", "!", "?", "...",
                      "…", "*", "•", "/"})
_PARTICLES = frozenset({"van", "der", "den", "de", "des", "von", "ter", "ten", "'t", "’t", "la", "le",
                        "du", "da", "di", "del", "della", "dos", "al", "el", "bin", "ibn", "zu", "y"})
# 'van' and 'van de' between two capitalised words are mostly a preposition (Kursaal van Oostende,
# Hervorming van de Instellingen); 'van der', 'van den', 'van 't' are surnames.
_WEAK_RUNS = frozenset({("van",), ("van", "de"), ("de",)})
# Bynames after 'de' that make one name with the name before (Karel de Grote, Pieter Brueghel de Oude)
_EPITHETS = frozenset({"Grote", "Oude", "Jonge", "Stoute", "Goede", "Vrome", "Zwijger", "Dappere", "Wijze",
                       "Heilige", "Kale", "Schone", "Verschrikkelijke", "Veroveraar"})
# Words that make a company or a group of a name (Wagner Group, ING Groep, Shell plc): the name alone is short
# for it
_DESIGNATORS = frozenset({"Group", "Groep", "Groupe", "Gruppe", "Holding", "Holdings", "NV", "N.V.", "BV", "B.V.",
                          "Inc", "Inc.", "Ltd", "Ltd.", "Corporation", "Corp.", "Company", "AG", "SA", "S.A.",
                          "GmbH", "PLC", "Plc", "plc", "Concern", "Bank"})
_DETERMINERS = frozenset(w for d in ("de", "het", "een", "'t", "’t", "deze", "die", "dit", "dat")
                         for w in (d, d.capitalize()))
_OPENING_PARTICLES = frozenset({"Van", "Von", "Ter", "Ten", "Vanden", "Vander", "Den", "Der"})
_SURNAME_PARTICLES = frozenset(c for p in _OPENING_PARTICLES for c in (p, p.lower(), p.upper()))
# Capitalised articles that open a name only when the corpus shows them with that name inside a sentence
# (De Morgan, De Standaard; not: De Kamer stemde).
_ARTICLES = frozenset({"De", "La", "Le", "Het"})
_LOWER_ARTICLES = frozenset(a.lower() for a in _ARTICLES)
# Adjectives of place and nationality, and -talig(e): Russische, Franse, Haagse, Franstalige, Vlaams.
_ADJECTIVE = re.compile(r"(?:se|sche|isch|talige?n?)$")
# Before a place or a language name in -s, not before an adjective: in Parijs, het Engels (but: is Vlaams)
_PLACE_WORDS = frozenset({"het", "'t", "in", "te", "van", "uit", "bij", "naar"})
# A member or follower of what an abbreviation names: PvdA'er, AZ&PC'ers, BN'er (a common noun).
_MEMBER = re.compile(r"['’]ers?$")
_ADJECTIVE_S = re.compile(r"(?:[^aeiou]s|ees)$")


@dataclass(frozen=True)
class CaseEvidence:
    """How often the corpus shows each word capitalised inside a sentence and in lowercase.

    Attributes
    ----------
    inner : Mapping[str, int]
        Capitalised word -> times seen after a word or a comma inside a sentence.
    lower : Mapping[str, int]
        Lowercase word -> times seen.
    after_article : Mapping[str, int]
        Capitalised word -> times seen after a capitalised article inside a
        sentence (*Morgan* in *van De Morgan*).
    after_lower_article : Mapping[str, int]
        Capitalised word -> times seen after a lowercase article that follows
        no capitalised word (*College* in *door het College*, not *Rooij* in
        *Theo de Rooij*).
    after_particle : Mapping[str, int]
        Capitalised word -> times seen inside a sentence after a surname
        particle that belongs to a name: a capitalised one inside the
        sentence (*zei Van Gaal*) or a lowercase one after a capitalised word
        or another particle (*Louis van Gaal*, *Thomas van der Noot*).
    alone : Mapping[str, int]
        Capitalised word -> times seen inside a sentence with no surname
        particle before it (*Peacock* in *schreef Peacock*).
    pairs : Mapping[str, int]
        Two capitalised words, joined by a space -> times seen one right
        after the other in a sentence (*Tweede Kamer*).
    """

    inner: Mapping[str, int]
    lower: Mapping[str, int]
    after_article: Mapping[str, int] = field(default_factory=dict)
    after_lower_article: Mapping[str, int] = field(default_factory=dict)
    after_particle: Mapping[str, int] = field(default_factory=dict)
    alone: Mapping[str, int] = field(default_factory=dict)
    pairs: Mapping[str, int] = field(default_factory=dict)

    def particle_name(self, word: str) -> bool:
        """Whether a capitalised particle opening a sentence belongs to the name after it (Van Gaal; not
        the preposition in *Van Peacock kreeg hij*): the corpus shows `word` after a surname particle, or
        never alone inside a sentence."""
        return self.after_particle.get(word, 0) > 0 or self.alone.get(word, 0) == 0

    def article_name(self, word: str) -> bool:
        """Whether a capitalised article before `word` belongs to the name (De Morgan, not Het College):
        the corpus writes the article with a capital before it more often than in lowercase."""
        return self.after_article.get(word, 0) > self.after_lower_article.get(word, 0)

    def says_name(self, word: str) -> bool:
        """Whether a capitalised word at a sentence start is a name by this evidence."""
        inner = self.inner.get(word, 0)
        lower = self.lower.get(word.lower(), 0)
        if inner or lower:
            return inner > lower
        # seen nowhere else: a name unless Dutch knows it as a common word (Volgens, Helaas, Graanplanten);
        # the dictionary's own names (Limburg, Robert) are names
        lower_word = word.lower()
        return (not (_known_word(lower_word) or _compound_word(lower_word))
                or _dictionary_table().get(word, "")[:1].isupper())


def case_evidence(texts: Iterable[str], language: str = "nl") -> CaseEvidence:
    """Count capitalised words inside sentences and lowercase words over texts.

    The texts are split into sentences and tokens by `analysis.tokens.sentence_tokens`
    and counted by `stream_evidence`.

    Parameters
    ----------
    texts : iterable of str
    language : {"nl", "en"}
        Tokeniser rules.

    Returns
    -------
    CaseEvidence

    Examples
    --------
    >>> e = case_evidence(["Volgens Reuters is Wagner actief.", "Wagner landde, zei Reuters."])
    >>> dict(e.inner), e.says_name("Wagner"), e.says_name("Volgens")
    ({'Reuters': 2, 'Wagner': 1}, True, False)
    """
    words: list[str] = []
    lengths: list[int] = []
    for text in texts:
        for sentence in _tokens.sentence_tokens(text, language):
            words.extend(sentence)
            lengths.append(len(sentence))
    codes, types = pd.factorize(pd.Series(words, dtype=object), sort=False)
    return stream_evidence(list(types), codes, sentence_starts(np.asarray(lengths, dtype=np.int64)))


def sentence_starts(sentence_lengths: np.ndarray) -> np.ndarray:
    """True at the first token of every sentence, from the sentences' lengths.

    Examples
    --------
    >>> sentence_starts(np.array([2, 0, 3])).tolist()
    [True, False, True, False, False]
    """
    lengths = np.asarray(sentence_lengths, dtype=np.int64)
    starts = np.zeros(int(lengths.sum()), dtype=bool)
    starts[(np.cumsum(lengths) - lengths)[lengths > 0]] = True
    return starts


def stream_evidence(types: Sequence[str], codes: np.ndarray, sentence_starts: np.ndarray) -> CaseEvidence:
    """Case evidence from a token stream: how often each word is capitalised inside a sentence and in lowercase.

    A capitalised token counts as inside a sentence when the token before it,
    in the same sentence, ends in a letter or digit or is a comma or a
    semicolon (not a quote, a colon, a dash or a bracket, after which a
    capital says nothing). Evidence from several streams is summed with
    `combine_evidence`.

    Parameters
    ----------
    types : sequence of str
        The distinct surface tokens.
    codes : numpy.ndarray of int
        The token stream as indices into `types`.
    sentence_starts : numpy.ndarray of bool
        True where a sentence begins.

    Returns
    -------
    CaseEvidence

    Examples
    --------
    >>> words = "Zo zei Reuters het , zei Reuters .".split()
    >>> types = sorted(set(words))
    >>> starts = np.zeros(len(words), dtype=bool); starts[0] = True
    >>> e = stream_evidence(types, np.array([types.index(w) for w in words]), starts)
    >>> dict(e.inner), e.lower["zei"]
    ({'Reuters': 2}, 2)
    """
    codes = np.asarray(codes, dtype=np.int64)
    starts = np.asarray(sentence_starts, dtype=bool)
    first = _first_characters(types)
    upper, lower, number = first["upper"], first["lower"], first["digit"]
    last = [t[-1:] for t in types]
    ending = _by_character(last, {"alnum": str.isalnum, "dot": ".".__eq__})
    words = _groups(types, {"comma": _COMMAS, "article": _ARTICLES, "lower_article": _LOWER_ARTICLES,
                            "particle": _SURNAME_PARTICLES})
    leads = ending["alnum"] | words["comma"]
    for k in np.flatnonzero(ending["dot"] | number).tolist():
        leads[k] = _leads(types[k])
    article, lower_article = words["article"], words["lower_article"]
    inner = np.zeros(len(codes), dtype=bool)
    inner[1:] = leads[codes[:-1]] & ~starts[1:]
    inner &= upper[codes]
    after = np.zeros(len(codes), dtype=bool)
    after[1:] = inner[:-1] & article[codes[:-1]] & inner[1:]
    # 'door het College', not 'Theo de Rooij' (there the lowercase particle belongs to the name)
    after_lower = np.zeros(len(codes), dtype=bool)
    after_lower[1:] = lower_article[codes[:-1]] & upper[codes[1:]] & ~starts[1:]
    after_lower[2:] &= ~(upper[codes[:-2]] & ~starts[1:-1])
    # Louis van Gaal, Thomas van der Noot, zei Van Gaal: the word after a particle that belongs to a name
    particle = words["particle"]
    before = np.zeros(len(codes), dtype=bool)
    before[1:] = particle[codes[:-1]] & ~starts[1:]
    named = np.zeros(len(codes), dtype=bool)  # the particle belongs to a name
    named[1:] = (inner[1:] | (lower[codes[1:]] & (upper[codes[:-1]] | particle[codes[:-1]]))) & ~starts[1:]
    after_particle = np.zeros(len(codes), dtype=bool)
    after_particle[1:] = inner[1:] & before[1:] & named[:-1] & particle[codes[:-1]]
    return CaseEvidence(_type_counts(types, codes[inner]), _type_counts(types, codes[lower[codes]]),
                        _type_counts(types, codes[after]), _type_counts(types, codes[after_lower]),
                        _type_counts(types, codes[after_particle]), _type_counts(types, codes[inner & ~before]),
                        _capital_pairs(types, codes, upper, starts))


def _capital_pairs(types: Sequence[str], codes: np.ndarray, upper: np.ndarray, starts: np.ndarray
                   ) -> dict[str, int]:
    """How often each two capitalised words stand one right after the other in a sentence."""
    at = np.flatnonzero(upper[codes[:-1]] & upper[codes[1:]] & ~starts[1:])
    pairs, counts = np.unique(codes[at] * len(types) + codes[at + 1], return_counts=True)
    first, second = np.divmod(pairs, len(types))
    return {f"{types[a]} {types[b]}": c for a, b, c in zip(first.tolist(), second.tolist(), counts.tolist(),
                                                         strict=True)}


def _groups(words: Sequence[str], groups: Mapping[str, Iterable[str]]) -> dict[str, np.ndarray]:
    """Whether each word is in each group, as boolean arrays: one dictionary lookup per word (a bit per group),
    not one pass over the words per group."""
    table, bit = _bit_table(groups)
    bits = _looked_up(words, table)
    return {group: (bits & flag) != 0 for group, flag in bit.items()}


def _bit_table(groups: Mapping[str, Iterable[str]], first_bit: int = 0) -> tuple[dict[str, int], dict[str, int]]:
    """Each word of the groups -> a bit per group it is in; and the bit of each group (from `first_bit` on)."""
    bit = {group: 1 << k for k, group in enumerate(groups, start=first_bit)}
    table: dict[str, int] = {}
    for group, members in groups.items():
        for word in members:
            table[word] = table.get(word, 0) | bit[group]
    return table, bit


def _looked_up(words: Sequence[str], table: Mapping[str, int]) -> np.ndarray:
    """The bits of each word in a `_bit_table` (0 for a word in no group)."""
    return np.fromiter(map(table.get, words, itertools.repeat(0)), dtype=np.int64, count=len(words))


def _by_character(characters: Sequence[str], tests: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Each test of each character (a type's first or last), as boolean arrays: the tests are asked once per
    distinct character (a few hundred), then looked up per type."""
    bit = {name: 1 << k for k, name in enumerate(tests)}
    known = {ch: sum(flag for name, flag in bit.items() if tests[name](ch)) for ch in set(characters)}
    bits = np.fromiter(map(known.__getitem__, characters), dtype=np.int64, count=len(characters))
    return {name: (bits & flag) != 0 for name, flag in bit.items()}


def _first_characters(types: Sequence[str]) -> dict[str, np.ndarray]:
    """Whether each type starts with a capital, a lowercase letter (Latin, Greek, Cyrillic) or a digit."""
    return _by_character([t[:1] for t in types], {"upper": _UPPER.__contains__, "lower": _LOWER.__contains__,
                                                  "digit": str.isdigit})


def _leads(token: str) -> bool:
    """Whether a capital after this token is evidence of a name: a word, a comma, an initial; not a section number."""
    if token[-1:].isalnum():
        return not (token[:1].isdigit() and _ENUMERATOR.match(token))
    return token in _COMMAS or (token[-1:] == "." and token[:1].isupper() and bool(_INITIALS.match(token)))


def _type_counts(types: Sequence[str], codes: np.ndarray) -> dict[str, int]:
    counts = np.bincount(codes, minlength=len(types))
    present = np.flatnonzero(counts)
    return dict(zip([types[k] for k in present.tolist()], counts[present].tolist(), strict=True))


def combine_evidence(parts: Iterable[CaseEvidence]) -> CaseEvidence:
    """The evidence of several streams together (the counts summed).

    Examples
    --------
    >>> a, b = CaseEvidence({"Wagner": 1}, {"wagner": 1}), CaseEvidence({"Wagner": 2}, {})
    >>> combine_evidence([a, b]).inner
    {'Wagner': 3}
    """
    totals: dict[str, Counter[str]] = {f.name: Counter() for f in fields(CaseEvidence)}
    for part in parts:
        for name, total in totals.items():
            total.update(getattr(part, name))
    return CaseEvidence(**{name: dict(total) for name, total in totals.items()})


def _dictionary_table() -> Mapping[str, str]:
    return lexicon("nl")[0]


@cache
def _dictionary() -> frozenset[str]:
    return frozenset(key for key, lemma in _dictionary_table().items() if key[:1].islower() and lemma[:1].islower())


@cache
def _function_words() -> frozenset[str]:
    return _tokens.stopwords("nl")


@cache
def _word_list(name: str) -> frozenset[str]:
    """The words of a shipped list in ``analysis/data`` (one a line, ``#`` starts a comment)."""
    text = resources.files("analysis").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


def _known_word(lower: str) -> bool:
    """A common Dutch word: simplemma's dictionary (lowercase lemmas), a function word or an adverb."""
    return lower in _dictionary() or lower in _function_words() or lower in _word_list("adverbs_nl.txt")


# Parts a Dutch compound joins: a known word, or a derivational ending (eenzaam|heid).
_ENDINGS = frozenset({"heid", "heden", "schap", "schappen", "iteit", "iteiten", "isme", "ismen"})
# Endings of abstract nouns, which names seldom take (not -iteit: Universiteit, Autoriteit name bodies).
_ABSTRACT = ("heid", "heden", "schap", "schappen", "isme", "ismen")
# Linking letters (partij|bestuur|s|lid); not -e- or -en-, common in old place names (Heerenveen, Hoogeveen).
_LINKS = ("", "s")


@lru_cache(maxsize=65536)
def _compound_word(lower: str, depth: int = 0) -> bool:
    """A compound of known Dutch words (graan|planten, partij|bestuur|s|lid, hier|na): a common word
    the dictionary lacks."""
    if depth and len(lower) >= 3 and _known_word(lower):
        return True
    if depth > 2 or len(lower) < 6 or not lower.isalpha():
        return False
    function = _function_words()
    for cut in range(3, len(lower) - 1):
        head, tail = lower[:cut], lower[cut:]
        if head in function and tail in function:
            return True  # hier|na, boven|aan, rond|uit
        if not (tail in _ENDINGS or (len(tail) >= 4 and _known_word(tail))):
            continue
        if any(head.endswith(link) and _compound_word(head[: len(head) - len(link)], depth + 1) for link in _LINKS):
            return True
    return False


@lru_cache(maxsize=1 << 16)  # a fact of the word alone, asked again in every chunk and call
def _no_name_alone(token: str) -> bool:
    """A capitalised function word, one initial or a roman numeral: no name on its own (Van, En, B., II; but
    V.S.)."""
    return ((token.lower() in _function_words() and not token.isupper()) or bool(_ROMAN.match(token))
            or (len(token) == 2 and token[1] == "."))


def _stray_function_word(token: str, evidence: CaseEvidence) -> bool:
    """A capitalised function word that is not a surname particle or an article (Aan, Bij, Hij; not De, Van,
    Het) and that the corpus writes in lowercase ten times as often as capitalised inside a sentence, and
    more than ten times (a rare one may be a name: Bela Kun)."""
    lower = token.lower()
    return (lower in _function_words() and lower not in _PARTICLES and lower not in _LOWER_ARTICLES
            and not token.isupper() and evidence.lower.get(lower, 0) > 10 * max(evidence.inner.get(token, 0), 1))


@lru_cache(maxsize=1 << 16)  # a fact of the word alone, asked again in every chunk and call
def _given_name(token: str) -> bool:
    """A capitalised word the dictionary does not know in any case, not an acronym: Louis, Theo, Inge."""
    table = _dictionary_table()
    return not token.isupper() and token not in table and token.lower() not in table and not _known_word(token.lower())


def _title_word(token: str, evidence: CaseEvidence) -> bool:
    """A common word written with a capital (a title or a term: Dossier, Integraal, Wiskunde): one the corpus
    also writes in lowercase, and that the dictionary knows in lowercase only (or as a compound of such
    words), or that the corpus writes in lowercase at least as often as capitalised inside a sentence; or an
    abstract noun by its form (Zionisme, Regering), however the corpus writes it.

    A run of nothing but such words is no name; one among names is (Tweede Kamer, Wagner Group)."""
    lower = token.lower()
    seen = evidence.lower.get(lower, 0)
    abstract = _abstract_noun(lower)
    if not seen and not abstract:  # most names: never in lowercase, so no need to ask the dictionary
        return False
    return (lower != token and token not in _dictionary_table() and lower not in calendar_words()
            and (abstract or _known_word(lower) or _compound_word(lower) or seen >= evidence.inner.get(token, 0)))


def _abstract_noun(lower: str) -> bool:
    """A Dutch abstract noun by its form, which names seldom take: -heid, -schap, -isme (Zionisme,
    Broederschap), or -ing on a word of eight letters or more that the dictionary knows or that is a
    compound of known words (Regering, Hervorming, Drooglegging; not the surnames Harding, Lurling)."""
    if lower.endswith(_ABSTRACT):
        return any(lower.endswith(e) and len(lower) - len(e) >= 3 for e in _ABSTRACT)
    return (lower.endswith("ing") and len(lower) >= 8 and lower.isalpha()
            and (_known_word(lower) or _compound_word(lower)))


def _capitalised(token: str) -> bool:
    if token.startswith(("'s-", "’s-")):
        token = token[3:]
    return token[:1].isupper() and token[:1].isalpha()


def _common_compound(token: str) -> bool:
    """A hyphenated word whose last part is a common word: Wagner-leden, Poetin-getrouwe."""
    if "-" not in token.strip("-") or token.startswith(("'s-", "’s-")):
        return False
    last = token.rstrip("-").rsplit("-", 1)[1]
    return last[:1].islower()


@lru_cache(maxsize=1 << 16)  # a fact of the word alone, asked again in every chunk and call
def _adjective(token: str) -> bool:
    """An adjective of place or nationality: Russische, Franstalige; Vlaams, Europees when Dutch knows them."""
    if _ADJECTIVE.search(token):
        return True
    if not _ADJECTIVE_S.search(token):  # most capitals: the dictionary is asked only of the others
        return False
    lower = token.lower()
    table = _dictionary_table()
    return table.get(lower + "e") == lower or table.get(token + "e") == token


def name_runs(types: Sequence[str], codes: np.ndarray, sentence_starts: np.ndarray,
              evidence: CaseEvidence) -> np.ndarray:
    """Where the names are in a token stream.

    Parameters
    ----------
    types : sequence of str
        The distinct surface tokens.
    codes : numpy.ndarray of int
        The token stream as indices into `types`.
    sentence_starts : numpy.ndarray of bool
        True where a sentence begins.
    evidence : CaseEvidence
        From `case_evidence` or `stream_evidence` over the whole corpus.

    Returns
    -------
    numpy.ndarray of int64, shape (k, 2)
        One row per name: first token and one past the last, in order.

    Examples
    --------
    >>> words = "Volgens Reuters is Ursula von der Leyen in Oost-Oekraïne .".split()
    >>> types = sorted(set(words))
    >>> codes = np.array([types.index(w) for w in words])
    >>> starts = np.zeros(len(words), dtype=bool); starts[0] = True
    >>> runs = name_runs(types, codes, starts, case_evidence([" ".join(words)]))
    >>> [" ".join(words[a:b]) for a, b in runs]
    ['Reuters', 'Ursula von der Leyen', 'Oost-Oekraïne']
    """
    codes = np.asarray(codes, dtype=np.int64)
    starts = np.asarray(sentence_starts, dtype=bool)
    n = len(codes)
    if n == 0:
        return np.zeros((0, 2), dtype=np.int64)
    flags = _type_flags(types, evidence)
    initial = starts.copy()
    initial[1:] |= flags["opener"][codes[:-1]]
    last = np.zeros(n, dtype=bool)
    last[np.flatnonzero(starts)[1:] - 1] = True
    last[-1] = True
    capital = flags["capital"][codes]
    # a function word the corpus writes in lowercase more often is no name, even with a capital inside a
    # sentence: a heading run into its sentence (geding voor het Hof Aan belanghebbende is ...)
    name = capital & (~initial | flags["evident"][codes]) & ~flags["stray"][codes] | flags["calendar"][codes]
    particle = flags["particle"][codes]
    adjective = flags["adjective"][codes]
    # the costly tests only for the types where they matter: before a particle, after an adjective or an article
    given = _tested(types, codes, _next(particle, last) | np.concatenate([[False], adjective[:-1]]),
                    flags["capital"], _given_name)
    # Russische president and Thaise Tanasugarn (an adjective before a name), but Russische Federatie
    next_capital = _next(capital, last)
    # an adjective in -s that stands before no word is the place or the language (in Parijs haar, het Engels ,)
    bare = (flags["bare"][codes] & ~next_capital & ~_next(flags["content"][codes], last)
            & np.concatenate([[False], flags["place_word"][codes[:-1]] & ~starts[1:]]))
    # after initials a word in -se is a surname (N.P. Muusse), not an adjective
    initials = flags["initials"][codes]
    after_initials = np.concatenate([[False], initials[:-1] & ~starts[1:]])
    name &= ~(adjective & ~bare & ~after_initials & (~next_capital | (next_capital & _next(given, last))))
    next_name = _next(name, last)
    # Van Gaal, Van der Laan; not the preposition of 'Van Peacock kreeg hij' (case evidence, as for De Morgan)
    opener = flags["opening"][codes] & initial & ~last
    surname = _tested(types, codes, np.concatenate([[False], opener[:-1]]), flags["capital"], evidence.particle_name)
    name |= opener & ((next_name & _next(surname, last)) | _next(particle, last))
    opens = flags["article"][codes] & initial & next_name & ~last
    known_head = _tested(types, codes, np.concatenate([[False], opens[:-1]]), flags["capital"], evidence.article_name)
    name |= opens & _next(known_head, last)
    # a lone van/de after a given name (Louis van Gaal), not after a longer name or an article (het Kursaal van)
    after = np.zeros(n, dtype=bool)
    after[1:] = (name[:-1] | particle[:-1] | flags["determiner"][codes[:-1]]) & ~starts[1:]
    # and a lone van/van de after initials or a body: G. van Gelderen, Raad van State, Partij van de Arbeid
    head = (given & ~after) | initials | (capital & flags["body"][codes])
    name = _join_particles(name, name & capital, particle, starts, codes, types, head, flags["epithet"][codes])
    name = _drop_titles_and_bodies(name, flags, codes, starts, last)
    # 's Hofs uitspraak, 's Rijks: a common noun in the genitive after the old article 's (not 's Gravenhage)
    after_old = np.concatenate([[False], flags["old_article"][codes[:-1]] & ~starts[1:]])
    name &= ~(after_old & _tested(types, codes, after_old, flags["capital"], _genitive_noun))
    # Museum voor Schone Kunsten, Instituut voor de Statistiek: 'voor' after a Dutch noun joins a name
    noun = _tested(types, codes, _next(flags["voor"][codes], last), flags["capital"], _dutch_noun)
    joined = _join_link(flags["voor"][codes], noun, flags["determiner"][codes], name & capital, starts, last)
    # University of London, Church of England, Society for the Diffusion: English names take 'of' and 'for'
    # after a noun that heads such names (data/english_heads.txt); in Dutch 'of' is 'or' (Jan of Piet)
    joined |= _join_link(flags["english_link"][codes], flags["english_head"][codes], flags["the"][codes],
                         name & capital, starts, last)
    name |= joined
    # a capitalised article ends no name: it opens the next sentence of a heading run into its text
    # (M.J. Kuiper De rechtbank ...)
    name &= ~(flags["article"][codes] & ~_next(name, last))
    # a day or month in lowercase is a name on its own, never part of a longer one (zondag | januari)
    alone = flags["calendar"][codes] & ~capital
    runs = _runs(name, starts | alone | np.concatenate([[False], alone[:-1]]))
    if not len(runs):
        return runs
    common = _only(flags["common"][codes] | joined, runs)
    # a run of common words the corpus writes as one capitalised phrase again and again is a fixed name
    # (de Tweede Kamer, de Hoge Raad, het Witte Huis), even though tweede, kamer, hoge and raad are common
    common[common] = ~_fixed_phrase(types, codes, runs[common], evidence)
    return runs[~(common | _only(flags["function"][codes], runs))]


def _drop_titles_and_bodies(name: np.ndarray, flags: Mapping[str, np.ndarray], codes: np.ndarray,
                            starts: np.ndarray, last: np.ndarray) -> np.ndarray:
    """`name` without the titles and offices that open a run or stand alone after an article, and without
    the bodies and documents alone after an article (common nouns written with a capital)."""
    # a title or an office opens no name (Minister Brinkhorst, Tante Sidonie), nor is one after an article
    # a name on its own (de Minister); a surname spelled like one stays (Koning zei, Jan Koning)
    # with a capital, an article or 'Onze' before a title or a body is still the article of a common noun
    # (Onze Minister, Uw Raad in a law; De Staatssecretaris in a heading run into its sentence)
    title, title_article = flags["title"][codes], flags["title_article"][codes]
    name = name & ~(title_article & _next(title | flags["body"][codes], last))
    after_determiner = np.concatenate([[False], (flags["determiner"][codes[:-1]] | title_article[:-1])
                                       & ~starts[1:]])
    while True:  # titles in a row come off one by one (Plaatsvervangend Procureur-Generaal Van Soest)
        opening = name & ~np.concatenate([[False], name[:-1] & ~starts[1:]])
        dropped = title & opening & (_next(name, last) | after_determiner)
        if not dropped.any():
            break  # `opening` holds for the final `name`, as the body rule below needs
        name &= ~dropped
    # a body or a document alone after an article is a common noun (de Kamer, het Besluit; not het Verdrag van)
    name &= ~(flags["body"][codes] & opening & after_determiner & ~_next(name | flags["linking"][codes], last))
    return name


def _fixed_phrase(types: Sequence[str], codes: np.ndarray, runs: np.ndarray, evidence: CaseEvidence
                  ) -> np.ndarray:
    """Whether each run has two tokens or more, not all in capitals, every two of them seen together twice or
    more in the corpus."""
    def fixed(a: int, b: int) -> bool:
        words = [types[c] for c in codes[a:b].tolist()]
        # a heading in capitals repeats from text to text (OFFICIER VAN JUSTITIE); that makes it no name
        return (b - a > 1 and not all(w.isupper() for w in words)
                and all(evidence.pairs.get(f"{x} {y}", 0) >= 2 for x, y in itertools.pairwise(words)))
    return np.array([fixed(a, b) for a, b in runs.tolist()], dtype=bool)


def _dutch_noun(token: str) -> bool:
    """A capitalised word Dutch knows in lowercase, not a function word (Museum, Instituut; not Copa)."""
    lower = token.lower()
    return _known_word(lower) and lower not in _function_words()


def _genitive_noun(token: str) -> bool:
    """A common noun with the genitive -s (Hofs, Rijks in 's Hofs, 's Rijks)."""
    return token.endswith("s") and _known_word(token[:-1].lower())


def _join_link(link: np.ndarray, head: np.ndarray, article: np.ndarray, capital_name: np.ndarray,
               starts: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Where a `link` word (and an `article` after it) stands between a capitalised `head` and a capitalised
    name token of the same sentence: *voor* after a Dutch noun (Museum voor Schone Kunsten, Instituut voor
    de Statistiek), *of* or *for* after an English noun (University of London, Society for the Diffusion)."""
    link = link & ~starts & ~last
    before = np.concatenate([[False], (capital_name & head)[:-1]])
    direct = link & before & _next(capital_name, last)
    after_article = np.zeros(len(link), dtype=bool)
    after_article[:-2] = capital_name[2:]
    via = link & before & _next(article, last) & after_article & ~_next(last, last)
    out = direct | via
    out[1:] |= via[:-1]
    return out


def _tested(types: Sequence[str], codes: np.ndarray, at: np.ndarray, candidates: np.ndarray, test: Any
            ) -> np.ndarray:
    """``test`` of each token marked ``at`` whose type is a candidate (False elsewhere), run once per type."""
    mask = np.zeros(len(types), dtype=bool)
    mask[codes[at]] = True
    mask &= candidates
    result = np.zeros(len(types), dtype=bool)
    result[mask] = [bool(test(types[k])) for k in np.flatnonzero(mask).tolist()]
    return result[codes]


def _next(mark: np.ndarray, last: np.ndarray) -> np.ndarray:
    """``mark`` of the next token in the same sentence (False at a sentence's last token)."""
    out = np.zeros(len(mark), dtype=bool)
    out[:-1] = mark[1:]
    return out & ~last


def _only(mark: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """Whether every token of each run ``[a, b)`` is marked."""
    unmarked = np.concatenate([[0], np.cumsum(~mark)])
    return unmarked[runs[:, 1]] == unmarked[runs[:, 0]]


def _type_flags(types: Sequence[str], evidence: CaseEvidence) -> dict[str, np.ndarray]:
    """What name_runs needs to know of each type; the costly tests only for types that can be names."""
    n = len(types)
    lowered = [t.lower() for t in types]

    def where(mask: np.ndarray, test: Any) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        out[mask] = [bool(test(types[k])) for k in np.flatnonzero(mask).tolist()]
        return out

    flags = _word_flags(types, lowered)
    # a capital changes the word in lowercase; _capitalised is asked only of the types that start with the quote
    # of 's-Hertogenbosch, as a type that starts with a capital letter passes it and no other type does
    changes = flags["capital_letter"] | flags["quote"]
    changes[changes] = [types[k] != lowered[k] for k in np.flatnonzero(changes).tolist()]
    capitalised = (changes & flags["capital_letter"]) | where(changes & flags["quote"], _capitalised)
    capital = where(capitalised, _name_capital)
    adjective = where(capital | flags["calendar"], _adjective)
    # every token of a run is a capital or a lowercase word (a particle, a day or month, a joined 'voor'),
    # so what is asked of run tokens, and the evidence at a sentence start, is asked of capitals only
    return {
        **flags, "capital": capital,
        "adjective": adjective,
        "bare": where(adjective, lambda t: not _ADJECTIVE.search(t)),
        "evident": where(capital, evidence.says_name),
        "common": where(capital, lambda t: _title_word(t, evidence)),
        "opener": flags["opener"] | where(flags["digit"], lambda t: _ENUMERATOR.match(t) is not None),
        "function": where(capital, _no_name_alone),
        "stray": where(capital & flags["function_word"], lambda t: _stray_function_word(t, evidence)),
        "title": capital & flags["title"],
        "initials": where(capital, lambda t: t.endswith(".") and _INITIALS.match(t) is not None),
        "body": capital & flags["body"],
    }


@lru_cache(maxsize=1 << 16)  # a fact of the word alone, asked again in every chunk and call
def _name_capital(token: str) -> bool:
    """A capitalised token that can be part of a name: not a compound ending in a common word (Wagner-leden),
    not a member of what an abbreviation names (PvdA'ers), not an abbreviated common noun (EK), not one letter."""
    return (len(token) > 1 and not _common_compound(token) and not _MEMBER.search(token)
            and token.lower() not in _word_list("capital_nouns_nl.txt"))


# The word groups the rules name, as written or in lowercase (see _word_flags).
_WRITTEN_GROUPS = {"particle": _PARTICLES, "opening": _OPENING_PARTICLES, "article": _ARTICLES,
                   "opener": _OPENERS, "place_word": _PLACE_WORDS, "voor": {"voor"}, "linking": {"van", "voor"},
                   "old_article": {"'s", "’s"}, "english_link": {"of", "for"}, "the": {"the"},
                   "title_article": {"De", "Het", "Onze", "Uw"},
                   "epithet": _EPITHETS}
_LOWERCASE_GROUPS = {"determiner": _DETERMINERS}
# days and months are names in the Alpino treebank (and in English), written lowercase in Dutch
_LOWERCASE_LISTS = {"calendar": "calendar_nl.txt", "title": "titles_nl.txt", "body": "bodies_nl.txt",
                    "english_head": "english_heads.txt"}


@cache
def _group_bits() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Each word of a group -> a bit per group it is in (as written; in lowercase), and the bit of each group."""
    lowercase_groups = {**_LOWERCASE_GROUPS, "function_word": _function_words(),
                        **{group: _word_list(name) for group, name in _LOWERCASE_LISTS.items()}}
    written_groups = {**_WRITTEN_GROUPS, "written_function_word": _function_words()}
    written, written_bit = _bit_table(written_groups)
    lowercase, lowercase_bit = _bit_table(lowercase_groups, first_bit=len(written_groups))
    return written, lowercase, written_bit | lowercase_bit


def _word_flags(types: Sequence[str], lowered: Sequence[str]) -> dict[str, np.ndarray]:
    """Which types are one of the words the rules name (particles, articles, determiners, titles, ...)."""
    written, lowercase, bit = _group_bits()
    # one dictionary lookup per type and case, not one membership test per group
    bits = _looked_up(types, written) | _looked_up(lowered, lowercase)
    flags = {group: (bits & flag) != 0 for group, flag in bit.items()}
    first = _by_character([t[:1] for t in types], {"lower": _LOWER.__contains__, "digit": str.isdigit,
                                                   "capital_letter": lambda ch: ch.isupper() and ch.isalpha(),
                                                   "quote": frozenset("'’").__contains__})
    flags["content"] = first.pop("lower") & ~flags.pop("written_function_word")
    return flags | first


def _join_particles(name: np.ndarray, capital: np.ndarray, particle: np.ndarray, starts: np.ndarray,
                    codes: np.ndarray, types: Sequence[str], head: np.ndarray, epithet: np.ndarray) -> np.ndarray:
    """Mark particles standing between two capitalised name tokens of one sentence (von der Leyen); a lone
    *van* or *de* only after a `head`, a given name, initials or a body (Louis van Gaal, G. van Gelderen,
    Raad van State; not Kursaal van Oostende), or before an `epithet` (Karel de Grote)."""
    out = name.copy()
    runs = _runs(particle & ~name, starts)
    if not len(runs):
        return out
    first, stop = runs[:, 0], runs[:, 1]
    before = np.maximum(first - 1, 0)
    inside = (first > 0) & ~starts[first] & capital[before]
    clipped = np.minimum(stop, len(name) - 1)
    after = (stop < len(name)) & ~starts[clipped] & capital[clipped]
    for a, b in runs[inside & after].tolist():
        if head[a - 1] or epithet[b] or tuple(types[c] for c in codes[a:b].tolist()) not in _WEAK_RUNS:
            out[a:b] = True
    return out


def _runs(mark: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Maximal runs of marked tokens that do not cross a sentence start."""
    begin = mark & (starts | ~np.concatenate([[False], mark[:-1]]))
    first = np.flatnonzero(begin)
    if not len(first):
        return np.zeros((0, 2), dtype=np.int64)
    stop = ~mark | starts
    stop_at = np.flatnonzero(np.concatenate([stop[1:], [True]]))  # last token of each run
    ends = stop_at[np.searchsorted(stop_at, first)] + 1
    return np.stack([first, ends], axis=1).astype(np.int64)


def canonical_names(mentions: Mapping[str, int], *, variants: Mapping[str, str] | str | Path | None = None
                    ) -> dict[str, str]:
    """The name each mention is merged into.

    Parameters
    ----------
    mentions : Mapping[str, int]
        Each distinct mention (as written) and how often it occurs.
    variants : dict or path, optional
        Spelling variants (see `analysis.load_variants`), applied to whole
        mentions and to each word of a mention.

    Returns
    -------
    dict of str to str
        Mention -> name. Genitives come off when the bare name occurs
        (*Prigozjins* -> *Prigozjin*, *Rabo's* -> *Rabo*), and so does an
        opening article (*De Hoge Raad* -> *Hoge Raad*); a one-word name
        that is the last word of exactly one longer name (not of a body of
        that place: *Utrecht* is not *Gemeente Utrecht*), or the first word of
        one that is that word and a designator (*Wagner Group*, *ING Groep*),
        links to it, unless it is an abbreviation with two capitals or more
        and the longer name merely ends in it (*BMW* stays apart from *X5
        BMW*); a name is written as its most frequent full spelling.

    Examples
    --------
    >>> canonical_names({"Jevgeni Prigozjin": 1, "Prigozjin": 3, "Prigozjins": 1, "Poetin": 2},
    ...                 variants={"Poetin": "Putin"})
    {'Jevgeni Prigozjin': 'Jevgeni Prigozjin', 'Prigozjin': 'Jevgeni Prigozjin', \
'Prigozjins': 'Jevgeni Prigozjin', 'Poetin': 'Putin'}
    """
    variant_map = {} if variants is None else {k.lower(): v for k, v in _tokens.load_variants(variants).items()}
    key_of = ({mention: _key(mention, variant_map) for mention in mentions} if variant_map
              else {mention: " ".join(mention.split()) for mention in mentions})
    keys = set(key_of.values()) | {key.rsplit(" ", 1)[-1] for key in key_of.values()}
    key_of = {m: _drop_genitive(k, keys) for m, k in key_of.items()}
    keys = set(key_of.values())
    key_of = {m: _drop_article(k, keys) for m, k in key_of.items()}
    linked = _short_forms(set(key_of.values()))
    final = {m: linked.get(k, k) for m, k in key_of.items()}
    spelling: dict[str, dict[str, int]] = {}  # plain dicts: a Counter per name costs more than the counting
    for mention, key in final.items():
        group = spelling.setdefault(key.casefold(), {})
        group[key] = group.get(key, 0) + mentions[mention]
    # most names have one spelling: the most frequent is asked only among several
    shown = {group: next(iter(c)) if len(c) == 1 else min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
             for group, c in spelling.items()}
    return {mention: shown[key.casefold()] for mention, key in final.items()}


def _short_forms(keys: set[str]) -> dict[str, str]:
    """Each one-word name that is short for exactly one longer name: its last word (Prigozjin, Jevgeni
    Prigozjin; not a body of that place: Utrecht is not Gemeente Utrecht), or its first word before
    designators only (Wagner, Wagner Group)."""
    ending: defaultdict[str, set[str]] = defaultdict(set)  # last word -> the longer names it ends
    heading: defaultdict[str, set[str]] = defaultdict(set)  # first word -> it and designators (Wagner Group)
    for key in keys:
        words = key.split()
        if len(words) > 1:
            ending[words[-1].lower()].add(key)
            if all(w in _DESIGNATORS for w in words[1:]):
                heading[words[0].lower()].add(key)
    linked: dict[str, str] = {}
    for key in keys:
        if " " in key or not key[:1].isupper() or (key.lower() not in ending and key.lower() not in heading):
            continue  # most one-word names begin or end no longer name
        # an abbreviation names a thing of its own when a longer name ends in it (BMW, X5 BMW), not when a
        # designator follows it (ING, ING Groep)
        longer = heading.get(key.lower(), set()) | (set() if _acronym(key) else ending.get(key.lower(), set()))
        if len(longer) == 1 and not _body_of_place(next(iter(longer))):
            linked[key] = next(iter(longer))
    return linked


def _body_of_place(name: str) -> bool:
    """A body and the place it serves (Gemeente Utrecht, GERECHTSHOF TE ARNHEM): the place alone is not short
    for it."""
    *before, _ = name.lower().split()
    bodies, function = _word_list("bodies_nl.txt"), _function_words()
    return all(w in bodies or w in function for w in before) and any(w in bodies for w in before)


def _drop_article(key: str, keys: set[str]) -> str:
    """De Hoge Raad -> Hoge Raad, when `keys` hold Hoge Raad: a capitalised article opening a sentence or
    a heading (Beslissing De Hoge Raad ...) is the same name as the one after it."""
    article, _, rest = key.partition(" ")
    return rest if article in _ARTICLES and rest in keys else key


def _acronym(word: str) -> bool:
    """Two capitals or more (BMW, BNB, PvdA): an abbreviation names a thing of its own, so it is not
    the short form of a longer name that ends in it (BMW in X5 BMW, BNB in Hoge Raad BNB)."""
    return sum(map(str.isupper, word)) >= 2


def _key(mention: str, variant_map: Mapping[str, str]) -> str:
    whole = variant_map.get(mention.lower())
    if whole is not None:
        return whole
    words = [variant_map.get(w.lower(), w) for w in mention.split()]
    return " ".join(words)


def _drop_genitive(key: str, keys: set[str]) -> str:
    """Rabo's -> Rabo; Prigozjins -> Prigozjin when `keys` (names and their last words) hold Prigozjin; not
    a language, which is spelled like a genitive (het Nederlands is not Nederland)."""
    if key.endswith(("'s", "’s")):
        return key[:-2]
    if key.endswith(("'", "s")) and " " not in key:
        stem = key[:-1]
        if stem in keys and not _adjective(key):
            return stem
    return key


def name_mentions(corpus: Iterable[Document], *, language: str = "nl",
                  variants: Mapping[str, str] | str | Path | None = None) -> pd.DataFrame:
    """Every occurrence of a proper name in a corpus.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Case evidence is taken from all of it.
    language : {"nl", "en"}
        Tokeniser rules.
    variants : dict or path, optional
        Spelling variants merged into one name (*Poetin* = *Putin*).

    Returns
    -------
    pandas.DataFrame
        One row per mention, in corpus order: ``doc_id``, ``start``,
        ``end`` (character offsets, so ``text[start:end]`` is the mention),
        ``mention`` and ``name`` (the name it was merged into, its words
        joined by one space).

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> docs = [Document("a", None, "Volgens Reuters is Jevgeni Prigozjin in Caracas."),
    ...         Document("b", None, "Prigozjins firma ontkent. Prigozjin zwijgt.")]
    >>> name_mentions(docs)
      doc_id  start  end            mention               name
    0      a      8   15            Reuters            Reuters
    1      a     19   36  Jevgeni Prigozjin  Jevgeni Prigozjin
    2      a     40   47            Caracas            Caracas
    3      b      0   10         Prigozjins  Jevgeni Prigozjin
    4      b     26   35          Prigozjin  Jevgeni Prigozjin
    """
    documents = list(corpus)
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError(f"name_mentions takes Documents (or a Corpus), got {type(doc).__name__}")
    return _mentions_and_words(documents, language, variants)[0]


def _mentions_and_words(documents: list[Document], language: str, variants: Any) -> tuple[pd.DataFrame, list[str]]:
    """The mentions table of `name_mentions`, and each mention's tokens joined by one space (what
    ``tokenize(names=True)`` keeps, and what is merged into names: A.G.Jonker is A.G. Jonker)."""
    spans, lengths, doc_tokens = _corpus_spans(documents, language)
    words = [documents[d].text[a:b] for d, a, b in spans.tolist()]
    codes, types = pd.factorize(pd.Series(words, dtype=object), sort=False)
    starts = sentence_starts(lengths)
    runs = name_runs(list(types), codes, starts, stream_evidence(list(types), codes, starts))
    doc_of = np.repeat(np.arange(len(documents)), doc_tokens)
    rows = [(documents[d].id, start, end, documents[d].text[start:end]) for d, start, end in
            zip(doc_of[runs[:, 0]].tolist(), spans[runs[:, 0], 1].tolist(), spans[runs[:, 1] - 1, 2].tolist(),
                strict=True)]
    frame = pd.DataFrame(rows, columns=["doc_id", "start", "end", "mention"])
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    joined = [" ".join(words[a:b]) for a, b in runs.tolist()]
    mapping = canonical_names(Counter(joined), variants=variants)
    frame["name"] = pd.Series([mapping[w] for w in joined], dtype=object)
    return frame, joined


def _corpus_spans(documents: Sequence[Document], language: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every token of every document as (document, start, end), the sentences' lengths and tokens per document."""
    spans: list[tuple[int, int, int]] = []
    lengths: list[int] = []
    doc_tokens: list[int] = []
    for d, doc in enumerate(documents):
        before = len(spans)
        text = doc.text
        for s_start, s_end in _tokens.sent_span_tokenize(text, language):
            sentence = _tokens.span_tokenize(text[s_start:s_end], language)
            spans.extend((d, s_start + a, s_start + b) for a, b in sentence)
            lengths.append(len(sentence))
        doc_tokens.append(len(spans) - before)
    return (np.array(spans, dtype=np.int64).reshape(-1, 3), np.array(lengths, dtype=np.int64),
            np.array(doc_tokens, dtype=np.int64))


def calendar_words() -> frozenset[str]:
    """The Dutch days and months, lowercase (``data/calendar_nl.txt``).

    They are names by the UD convention `name_mentions` follows, but in a
    names table they say when, not who or where: `names` and the explorer's
    names panel leave them out unless asked (``keep_calendar=True``).

    Examples
    --------
    >>> len(calendar_words()), "maandag" in calendar_words(), "mei" in calendar_words()
    (19, True, True)
    """
    return _word_list("calendar_nl.txt")


def names(corpus_or_tokens: Any, *, by: str = "month", language: str = "nl",
          variants: Mapping[str, str] | str | Path | None = None, top: int | None = None,
          keep_calendar: bool = False) -> pd.DataFrame:
    """One row per proper name: how often, in how many documents, from when to when.

    Parameters
    ----------
    corpus_or_tokens : Corpus, iterable of Document, or Tokens
        A corpus: its names are found by `name_mentions`. A `Tokens` made
        with ``tokenize(..., names=True)``: its name terms are counted, with
        the words as written beside them as the variants; the table is the
        one the corpus gives (`language` and `variants` were applied by
        `tokenize` and are not used), except that with ``lemmatize=True``
        a word that is no name but whose lemma is spelled like a name
        counts as that name (*zondagen* -> the day name *zondag*).
    by : {"year", "month", "week", "day"}
        The period of ``first`` and ``last``.
    language : {"nl", "en"}
    variants : dict or path, optional
        Spelling variants (see `name_mentions`).
    top : int, optional
        Keep the first `top` rows.
    keep_calendar : bool
        List the days and months too (*maandag*, *Januari*, *mei*: a name
        whose term is one of `calendar_words`, in any case). They are names
        by the UD convention (`name_mentions` finds them), but on dated texts
        they top the table and say nothing of who or where, so by default
        they are left out (*M.C. Zondag* stays: only a day or month alone).

    Returns
    -------
    pandas.DataFrame
        ``term`` (the name as usually written), ``count`` (mentions),
        ``doc_count``, ``first`` and ``last`` (period labels; None for
        undated documents) and ``variants`` (the distinct mentions merged
        into it, their tokens joined by one space, most frequent first, ties
        by spelling); by count descending, then term.

    Raises
    ------
    ValueError
        For tokens made without ``names=True``.

    Examples
    --------
    >>> from analysis.corpus import Document, parse_date
    >>> docs = [Document("a", parse_date("2019-01"), "Jevgeni Prigozjin leidt Wagner Group."),
    ...         Document("b", parse_date("2019-03"), "Volgens Prigozjin is Wagner Group klein.")]
    >>> table = names(docs)
    >>> table[["term", "count", "doc_count", "first", "last"]]
                    term  count  doc_count    first     last
    0  Jevgeni Prigozjin      2          2  2019-01  2019-03
    1       Wagner Group      2          2  2019-01  2019-03
    >>> table["variants"][0]
    ['Jevgeni Prigozjin', 'Prigozjin']
    >>> docs = [Document("c", parse_date("2019-05"), "Op maandag 6 mei zweeg Prigozjin.")]
    >>> names(docs)["term"].tolist(), names(docs, keep_calendar=True)["term"].tolist()
    (['Prigozjin'], ['Prigozjin', 'maandag', 'mei'])
    """
    if hasattr(corpus_or_tokens, "name_terms"):
        mentions = _token_mentions(corpus_or_tokens, by)
    else:
        documents = list(corpus_or_tokens)
        for doc in documents:
            if not isinstance(doc, Document):
                raise TypeError(f"names takes Documents, a Corpus or Tokens, got {type(doc).__name__}")
        mentions, joined = _mentions_and_words(documents, language, variants)
        labels = {doc.id: period_label(doc.date, by) if doc.date is not None else None for doc in documents}
        mentions["period"] = mentions["doc_id"].map(labels)
        mentions["mention"] = pd.Series(joined, dtype=object)
    rows = []
    for name, group in mentions.groupby("name", sort=False):
        spelled = Counter(group["mention"])
        periods = sorted(p for p in group["period"] if pd.notna(p))  # an undated document has none
        rows.append((name, len(group), group["doc_id"].nunique(), periods[0] if periods else None,
                     periods[-1] if periods else None, [m for m, _ in sorted(spelled.items(),
                                                                            key=lambda kv: (-kv[1], kv[0]))]))
    frame = pd.DataFrame(rows, columns=["term", "count", "doc_count", "first", "last", "variants"])
    for k, column in ((3, "first"), (4, "last")):  # None, not NaN, for undated documents
        frame[column] = pd.Series([row[k] for row in rows], dtype=object)
    if not keep_calendar:
        frame = frame[~frame["term"].str.lower().isin(calendar_words())]
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort")
    if top is not None:
        frame = frame.head(top)
    return frame.reset_index(drop=True)


def _token_mentions(tokens: Any, by: str) -> pd.DataFrame:
    """One row per name token of a Tokens made with names=True: doc_id, name, mention (as written), period."""
    if not tokens.settings.get("names") or tokens.forms is None:
        raise ValueError("names needs a corpus or tokens made with tokenize(..., names=True)")
    where = _name_positions(tokens)
    ids = np.asarray(tokens.ids)
    docs = tokens.doc_index[where]
    dates = tokens.documents["date"].tolist()
    labels = np.array([None if pd.isna(date) else period_label(parse_date(date), by) for date in dates], dtype=object)
    return pd.DataFrame({"doc_id": np.asarray(tokens.doc_ids, dtype=object)[docs],
                         "name": tokens.terms[ids[where]],
                         "mention": np.asarray(tokens.forms, dtype=object)[np.asarray(tokens.form_ids)[where]],
                         "period": labels[docs]})


def _name_positions(tokens: Any, leave_out: frozenset[str] = frozenset()) -> np.ndarray:
    """The positions of the names tokenize recorded, but those whose lowercase is in `leave_out`."""
    index = tokens.index
    vocabulary = len(tokens.vocabulary)
    if not vocabulary:  # every token removed (only stopwords or punctuation): no position to index
        return np.zeros(0, dtype=np.int64)
    kept = {term: index[term] for term in tokens.name_terms if term in index and term.lower() not in leave_out}
    is_name = np.zeros(vocabulary, dtype=bool)
    is_name[list(kept.values())] = True
    ids = np.asarray(tokens.ids)
    where = np.flatnonzero((ids >= 0) & is_name[np.maximum(ids, 0)])
    if tokens.settings.get("lemmatize") and tokens.forms is not None:
        # a lemma can be spelled like a name in lowercase, a day or a month (zondagen -> zondag): a token of
        # such a term is a name only when it is written as one
        lowercase = np.zeros(vocabulary, dtype=bool)
        lowercase[[k for term, k in kept.items() if term == term.lower()]] = True
        asked = lowercase[ids[where]]
        forms, inverse = np.unique(np.asarray(tokens.form_ids)[where[asked]], return_inverse=True)
        calendar = calendar_words()
        written_as_name = np.array([tokens.forms[f].lower() in calendar for f in forms.tolist()], dtype=bool)
        keep = ~asked
        keep[asked] = written_as_name[inverse.reshape(-1)]
        where = where[keep]
    return where


CONTEXTS = ("document", "sentence", "window")


def name_network(tokens: Any, *, context: str = "document", window: int = 5, min_count: int = 2,
                 measure: str = "npmi", top: int | None = None, keep_calendar: bool = False) -> Any:
    """The co-occurrence network of the proper names in tokens made with ``names=True``.

    Parameters
    ----------
    tokens : Tokens
        From ``tokenize(corpus, names=True)``; the names are the terms it
        recorded as names (``tokens.name_terms``), whatever the case setting.
    context : {"document", "sentence", "window"}
        ``"document"``/``"sentence"``: two names co-occur once per document
        (sentence) that holds both, however often; the 2x2 table counts
        contexts (O11: with both, R1/C1: with each, N: all contexts).
        ``"window"``: every pair of name occurrences at most `window`
        positions apart in one sentence counts once (O11); R1/C1 are the
        position pairs within the window that hold each name and N all of
        them, Evert's positional model as in
        ``cooccurrence(tokens, window=window, sentence_bounded=True)``.
    window : int
        Distance for ``context="window"``.
    min_count : int
        Keep edges whose O11 is at least this.
    measure : str
        Edge weight, a key of `analysis.measures.association_scores`
        (``"npmi"``, ``"pmi"``, ``"g2"``, ``"log_dice"``, ...).
    top : int, optional
        Keep the `top` edges of highest weight (ties by names) and their nodes.
    keep_calendar : bool
        Keep days and months (as `names` does, they are left out by default:
        on dated texts they say when, not who or where).

    Returns
    -------
    networkx.Graph
        Nodes are names, with attribute ``frequency``; edges carry ``count``
        (O11) and ``weight`` (the measure), ready for
        `analysis.plotting.plot_network`.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", None, "Jevgeni Prigozjin leidt Wagner Group in Caracas."),
    ...         Document("b", None, "Wagner Group zit in Caracas."),
    ...         Document("c", None, "Maduro is in Caracas.")]
    >>> g = name_network(tokenize(docs, names=True), min_count=2)
    >>> sorted(g.edges(data="count"))
    [('Caracas', 'Wagner Group', 2)]
    """
    import networkx as nx

    from analysis.measures import association_scores

    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {list(CONTEXTS)}, got {context!r}")
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be an int >= 1, got {min_count!r}")
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be an int >= 1, got {window!r}")
    if not tokens.settings.get("names"):
        raise ValueError("name_network needs tokens made with tokenize(..., names=True)")
    where = _name_positions(tokens, frozenset() if keep_calendar else calendar_words())
    name_ids = np.asarray(tokens.ids)[where].astype(np.int64)
    frequency = np.bincount(name_ids, minlength=len(tokens.vocabulary))
    pairs, o11, r1, c1, n = _pair_counts(tokens, where, name_ids, context, window)
    graph = nx.Graph()
    keep = o11 >= min_count
    pairs, o11, r1, c1 = pairs[keep], o11[keep], r1[keep], c1[keep]
    scores = association_scores(o11.astype(float), r1.astype(float), c1.astype(float), float(n))
    if measure not in scores:
        raise ValueError(f"measure must be one of {sorted(scores)}, got {measure!r}")
    terms = tokens.vocabulary
    edges = sorted(((terms[a], terms[b], int(k), float(w)) for (a, b), k, w
                    in zip(pairs.tolist(), o11.tolist(), scores[measure].tolist(), strict=True)),
                   key=lambda e: (-e[3], e[0], e[1]))
    if top is not None:
        edges = edges[:top]
    for a, b, count, weight in edges:
        for node in (a, b):
            graph.add_node(node, frequency=int(frequency[tokens.index[node]]))
        graph.add_edge(a, b, count=count, weight=weight)
    return graph


def _pair_counts(tokens: Any, where: np.ndarray, name_ids: np.ndarray, context: str, window: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Name pairs (a < b by id) with O11, R1, C1 and N for one context."""
    if context == "window":
        from analysis.counting import context_marginals  # counting reads Tokens, which import this module

        sentence = tokens.sentence_index[where]
        found: Counter[tuple[int, int]] = Counter()
        for offset in range(1, window + 1):
            near = np.flatnonzero((where[offset:] - where[:-offset] <= window)
                                  & (sentence[offset:] == sentence[:-offset]))
            for a, b in zip(name_ids[near].tolist(), name_ids[near + offset].tolist(), strict=True):
                if a != b:
                    found[(min(a, b), max(a, b))] += 1
        pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
        o11 = np.array([found[tuple(p)] for p in pairs.tolist()], dtype=np.int64)
        # Evert's positional model, as `cooccurrence` counts it: R1, C1 = the position pairs within the
        # window that hold each name (its context slots), N = all of them; so O11 <= R1 always holds
        slots, n_pairs = context_marginals(tokens, window, window, tokens.sentence_index)
        slots = slots.astype(np.int64)
        return pairs, o11, slots[pairs[:, 0]], slots[pairs[:, 1]], int(n_pairs)
    unit = tokens.doc_index[where] if context == "document" else tokens.sentence_index[where]
    n_contexts = len(tokens) if context == "document" else len(tokens.sent_offsets) - 1
    present = sorted(set(zip(unit.tolist(), name_ids.tolist(), strict=True)))
    by_unit: dict[int, list[int]] = defaultdict(list)
    for u, t in present:
        by_unit[u].append(t)
    contexts_of = Counter(t for _, t in present)
    found = Counter()
    for members in by_unit.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                found[(a, b)] += 1
    pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
    o11 = np.array([found[tuple(p)] for p in pairs.tolist()], dtype=np.int64)
    r1 = np.array([contexts_of[a] for a in pairs[:, 0].tolist()], dtype=np.int64)
    c1 = np.array([contexts_of[b] for b in pairs[:, 1].tolist()], dtype=np.int64)
    return pairs, o11, r1, c1, int(n_contexts)
