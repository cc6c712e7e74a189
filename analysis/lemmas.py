"""Dutch lemmas: `lemmatize` a tokenised sentence, one lemma per word.

The base is simplemma (its Dutch form -> lemma table ships inside the
package and is read offline). On its own it gives one lemma per form,
whatever the context, and it leans towards verbs: *kaart* -> *kaarten*,
*leden* -> *lijden*, *stonden* -> *stond*. Rules of Dutch on top, each
taking a candidate only when the dictionary knows it as a lemma:

- the word before decides between a noun and a verb reading: after a
  determiner, a number or an inflected adjective (*de leden*, *twee
  werken*, *natte rijst*) a form reads as a noun, its singular by the
  plural rules (*-en* with Dutch spelling undone: *tractaten* ->
  *tractaat*, *brieven* -> *brief*; *-s*, *-'s*, *-eren*, and the few
  irregular plurals such as *leden* -> *lid*); after *te*, a subject
  pronoun or a modal (*te tekenen*, *we werken*) an *-en* form is the
  infinitive, and after *het* too, as no plural follows *het* (*het
  tekenen*, *het spelen*; but *de spelen* -> *spel*);
- a past plural is followed to its verb (*stonden* -> *stond* -> *staan*);
  an inflected participle to its verb (*gemengde* -> *mengen*); an
  inflected adjective to its base (*zuivere* -> *zuiver*, not *zuiveren*);
  a participle in *ge-* to a verb without a separable particle
  (*gesneden* -> *snijden*, where simplemma gives *afsnijden*);
  a diminutive to its noun (*mannetjes* -> *man*); a bare noun that is
  also a verb stem stays a noun (*stap*, *vertrek*, not *stappen*);
- a capitalised word inside a sentence is a name or part of one: it is its
  own lemma (*Polen*, *Tweede Kamer*), a genitive ``'s`` comes off
  (*Rabo's* -> *Rabo*), an adjective of place or nationality loses its
  ending (*Belgische* -> *Belgisch*, *Libanese* -> *Libanees*) and a plural
  of inhabitants its plural (*Italianen* -> *Italiaan*); *der*, *den*,
  *'t* inside a name stay (*Van der Laan*);
- a word the dictionary does not know goes through the inflection,
  diminutive and plural rules, then its last compound part
  (*buxustakken* -> *buxustak*, *A-elementen* -> *A-element*), then
  simplemma's own guess;
- ordinals give their number (*19e* -> *19*, *vierde* -> *vier*, *voor het
  eerst* -> *één*), and *een* before *van* is the numeral (*een van de
  ...* -> *één*, one of the ...), as in the Alpino treebank.

Lemmas are lowercase, except names, which keep their case. Measured on the
UD Dutch gold lemmas in ``tests/test_lemmas.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

import numpy as np
import pandas as pd

__all__ = ["LANGUAGES", "lemmatize", "lemmatize_codes", "lexicon"]

LANGUAGES = ("nl", "en")

# Words after which a Dutch word reads as a noun (or as an adjective before one).
_DETERMINERS = frozenset(
    "de een der des den deze dit mijn jouw onze hun uw elk elke ieder iedere alle beide geen welk welke "
    "vele enkele sommige zulke twee drie vier vijf zes zeven acht negen tien elf twaalf honderd duizend".split()
)
# Words in -e that are not inflected adjectives.
_NOT_ATTRIBUTIVE = frozenset("deze mee twee drie ze die hierbij wie zo".split())
# Words after which a form in -en is an infinitive or a plural verb (te werken, we werken, kunnen werken).
_BEFORE_VERB = frozenset(
    "te we wij ze zij jullie kan kunnen kon konden wil willen wilde wilden moet moeten moest moesten "
    "zal zullen zou zouden mag mogen mocht mochten gaan ging gingen laten liet lieten".split()
)
# Tokens after which a capital is no evidence of a name: a sentence start, a quote, a colon, a dash.
_OPENERS = frozenset({'"', "'", ",,", "“", "„", "‘", "«", "»", ":", "(", "-", "–", "—", ".", "!", "?", "...",
                      "…", "*"})
# Lowercase words that stay as written inside a name (Van der Laan, Huis ten Bosch).
_PARTICLES = frozenset({"der", "den", "des", "'t", "’t", "van", "de", "het", "ter", "ten"})
# Verbs whose forms are never read as nouns (ik kan, ik wil).
_AUXILIARIES = frozenset("zijn hebben worden kunnen willen zullen moeten mogen gaan komen doen laten".split())
# Separable particles of Dutch verbs (afsnijden: snijdt af, afgesneden), longest first.
_SEPARABLE = tuple(sorted("aan af op uit in mee toe terug over door onder voor weg bij na om tegen achter neer "
                          "samen".split(), key=len, reverse=True))
# Irregular plurals: the vowel of the singular changes (lid -> leden).
_IRREGULAR_PLURALS = {"leden": "lid", "schepen": "schip", "steden": "stad", "smeden": "smid",
                      "gelederen": "gelid", "koeien": "koe", "eieren": "ei"}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:e|ste|de)$")
_ORDINALS = {"tweede": "twee", "derde": "drie", "vierde": "vier", "vijfde": "vijf", "zesde": "zes",
             "zevende": "zeven", "achtste": "acht", "negende": "negen", "tiende": "tien",
             "elfde": "elf", "twaalfde": "twaalf", "honderdste": "honderd", "duizendste": "duizend"}
_VOWELS = "aeiouy"
_LETTER = re.compile(r"[^\W\d_]")

# The readings a word gets from its place in the sentence (see `_readings`).
PLAIN, INITIAL, NOUN, VERB, NAME, NAME_ALONE, PARTICLE, ORDINAL, AFTER_HET, ONE = _READINGS = range(10)
# What a word tells the word after it.
_AFTER_OTHER, _AFTER_OPENER, _AFTER_DETERMINER, _AFTER_VERB_CUE, _AFTER_HET = range(5)

# The cue of the words that always give the same one: an opener (punctuation, the same in any case) before
# "het", before a determiner, before a verb cue (later entries win). No verb cue is a number or an
# inflected adjective, which would read as a determiner.
_FIXED_CUES = {**{w: _AFTER_VERB_CUE for w in _BEFORE_VERB}, **{w: _AFTER_DETERMINER for w in _DETERMINERS},
               "het": _AFTER_HET, **{w: _AFTER_OPENER for w in _OPENERS}}

# The lowercase words `_readings` looks for, each with a bit per group it is in.
_PARTICLE_BIT, _EERST_BIT, _EEN_BIT, _VAN_BIT, _CUE_BIT = 1, 2, 4, 8, 16
_NAMED_WORDS = {word: (_PARTICLE_BIT * (word in _PARTICLES) | _EERST_BIT * (word == "eerst")
                       | _EEN_BIT * (word == "een") | _VAN_BIT * (word == "van") | _CUE_BIT * (word in _FIXED_CUES))
                for word in (*_PARTICLES, "eerst", "een", "van", *_FIXED_CUES)}


@cache
def lexicon(language: str) -> tuple[Mapping[str, str], frozenset[str]]:
    """simplemma's form -> lemma table for a language (read once, offline), and its set of lemmas.

    Examples
    --------
    >>> table, lemmas = lexicon("nl")
    >>> table["leden"], "lid" in lemmas
    ('lijden', True)
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    # a plain dict: simplemma's compressed mapping is slow to query one word at a time
    table = dict(DefaultDictionaryFactory().get_dictionary(language).items())
    return table, frozenset(table.values())


def lemmatize(words: Sequence[str], language: str = "nl") -> list[str]:
    """One lemma per word of a tokenised sentence.

    Parameters
    ----------
    words : sequence of str
        The tokens of one sentence, in order (as `analysis.word_tokenize`
        gives them): the word before and after and the place in the
        sentence are used.
    language : {"nl", "en"}
        ``"nl"``: simplemma's Dutch dictionary with the rules of this
        module; ``"en"``: simplemma's English dictionary as it is.

    Returns
    -------
    list of str
        One lemma per word, in order; lowercase, except names (a capitalised
        word inside the sentence), which keep their case. Punctuation and
        numbers come back as they are.

    Raises
    ------
    ValueError
        For an unknown language.

    Examples
    --------
    >>> lemmatize("De leden stonden voor het eerst bij Van der Laan .".split())
    ['de', 'lid', 'staan', 'voor', 'het', 'één', 'bij', 'Van', 'der', 'Laan', '.']
    >>> lemmatize(["Zo'n", "vierhonderd", "Russische", "huurlingen", "landden", "in", "Caracas"])
    ["zo'n", 'vierhonderd', 'Russisch', 'huurling', 'landen', 'in', 'Caracas']
    """
    if isinstance(words, str):
        raise TypeError(f"lemmatize takes a list of words, got the str {words!r}")
    words = list(words)
    if not words:
        _check_language(language)
        return []
    codes, types = pd.factorize(pd.Series(words, dtype=object), sort=False)
    starts = np.zeros(len(words), dtype=bool)
    starts[0] = True
    lemma_types, lemma_codes = lemmatize_codes(list(types), codes, starts, language=language)
    return [lemma_types[c] for c in lemma_codes.tolist()]


def lemmatize_codes(types: Sequence[str], codes: np.ndarray, sentence_starts: np.ndarray, *,
                    language: str = "nl") -> tuple[list[str], np.ndarray]:
    """Lemmas of a whole token stream at once, as `lemmatize` gives them sentence by sentence.

    Each distinct (word, reading) pair is lemmatised once, so the cost grows
    with the vocabulary, not with the text.

    Parameters
    ----------
    types : sequence of str
        The distinct surface tokens.
    codes : numpy.ndarray of int
        The token stream as indices into `types`.
    sentence_starts : numpy.ndarray of bool
        True where a sentence begins (one value per token).
    language : {"nl", "en"}

    Returns
    -------
    (list of str, numpy.ndarray of int32)
        The distinct lemmas and, per token, its lemma's index.

    Examples
    --------
    >>> types = ["De", "leden", "landden", "."]
    >>> lemmas, codes = lemmatize_codes(types, np.array([0, 1, 2, 3, 0, 1]),
    ...                                 np.array([True, False, False, False, True, False]))
    >>> [lemmas[c] for c in codes]
    ['de', 'lid', 'landen', '.', 'de', 'lid']
    """
    _check_language(language)
    codes = np.asarray(codes, dtype=np.int64)
    if language == "en":
        lemmas = [_english(t) for t in types]
        uniques, inverse = np.unique(np.array(lemmas, dtype=object), return_inverse=True)
        return list(uniques), inverse[codes].astype(np.int32)
    readings = _readings(types, codes, np.asarray(sentence_starts, dtype=bool))
    # The distinct (type, reading) pairs in order, found through a table of every possible pair (no sort).
    n_readings = len(_READINGS)
    keys = codes * n_readings + readings
    seen = np.zeros(len(types) * n_readings, dtype=bool)
    seen[keys] = True
    pairs = np.flatnonzero(seen)
    pair_of_key = np.zeros(len(seen), dtype=np.int64)
    pair_of_key[pairs] = np.arange(len(pairs))
    pair_lemmas = list(map(_lemma, [types[k] for k in (pairs // n_readings).tolist()],
                           (pairs % n_readings).tolist()))
    lemma_codes, lemma_types = pd.factorize(pd.Series(pair_lemmas, dtype=object), sort=False)
    return list(lemma_types), lemma_codes[pair_of_key[keys]].astype(np.int32)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, got {language!r}")


def _readings(types: Sequence[str], codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The reading of every token, from what the word before and after it are."""
    n = len(codes)
    n_types = len(types)
    lowered = [t.lower() for t in types]
    # an upper-case first character that is a letter (not Ⅻ), and a digit: asked once per distinct first character
    first = [t[:1] for t in types]
    first_kind = {ch: int(ch.isupper() and _LETTER.match(ch) is not None) | (int(ch.isdigit()) << 1)
                  for ch in set(first)}
    kind = np.fromiter(map(first_kind.__getitem__, first), dtype=np.int8, count=n_types)
    capital = (kind & 1) != 0
    number = np.flatnonzero(kind & 2)  # a number starts with a digit
    numeric = np.zeros(n_types, dtype=bool)
    numeric[number] = [lowered[k].isdigit() for k in number.tolist()]
    # the words the rules name, one dictionary lookup per type
    named = np.fromiter(map(_NAMED_WORDS.get, lowered, itertools.repeat(0)), dtype=np.int8, count=n_types)
    particle, eerst = (named & _PARTICLE_BIT) != 0, (named & _EERST_BIT) != 0
    een, van = (named & _EEN_BIT) != 0, (named & _VAN_BIT) != 0
    # most words say nothing of the next one: the rules asked only of cue words, numbers and words in -e
    cue = np.full(n_types, _AFTER_OTHER, dtype=np.int8)
    asked = np.flatnonzero(np.fromiter(map(str.endswith, lowered, itertools.repeat("e")), dtype=bool, count=n_types)
                           | ((named & _CUE_BIT) != 0) | numeric).tolist()
    cue[asked] = [_cue(lowered[k]) for k in asked]
    before = np.full(n, _AFTER_OPENER, dtype=np.int8)
    before[1:] = cue[codes[:-1]]
    before[starts] = _AFTER_OPENER
    next_capital = np.zeros(n, dtype=bool)
    next_capital[:-1] = capital[codes[1:]]
    next_capital[np.flatnonzero(starts) - 1] = False  # the next token is in another sentence
    # 'een van de ...' is 'one of the ...': the numeral
    one = np.zeros(n, dtype=bool)
    one[:-1] = een[codes[:-1]] & van[codes[1:]] & ~starts[1:]
    initial = before == _AFTER_OPENER
    conditions = [
        one,
        ~initial & capital[codes] & next_capital,
        ~initial & capital[codes],
        ~initial & particle[codes] & next_capital,
        (before == _AFTER_HET) & eerst[codes],
        before == _AFTER_HET,
        before == _AFTER_DETERMINER,
        before == _AFTER_VERB_CUE,
        initial,
    ]
    choices = [ONE, NAME, NAME_ALONE, PARTICLE, ORDINAL, AFTER_HET, NOUN, VERB, INITIAL]
    return np.select(conditions, choices, default=PLAIN).astype(np.int64)


@lru_cache(maxsize=1 << 16)  # a fact of the word alone, asked again in every chunk and call
def _cue(lower: str) -> int:
    """What a word (lowercased) says about the next one."""
    found = _FIXED_CUES.get(lower)
    if found is not None:
        return found
    return _AFTER_DETERMINER if lower.isdigit() or _attributive(lower) else _AFTER_OTHER


def _attributive(word: str) -> bool:
    """An inflected adjective (grote, natte, andere), which a noun follows; not a past tense in -de/-te."""
    return (len(word) > 3 and word.endswith("e") and not word.endswith(("de", "te", "ie"))
            and word.isalpha() and word not in _NOT_ATTRIBUTIVE)


@lru_cache(maxsize=1 << 18)
def _lemma(word: str, reading: int) -> str:
    """The Dutch lemma of one word in one reading."""
    if not _LETTER.search(word):
        return word
    lower = word.lower()
    digits = _ORDINAL_DIGITS.match(lower)
    if digits:
        return digits.group(1)
    if reading in (NAME, NAME_ALONE):
        return _name(word)
    if reading == PARTICLE:
        return word
    if reading == ONE:
        return "één"
    if reading == ORDINAL:
        return lexicon("nl")[0].get(lower + "e", lower)
    if lower in _ORDINALS or lower in _IRREGULAR_PLURALS:
        return _ORDINALS.get(lower) or _IRREGULAR_PLURALS[lower]
    return _common(word, lower, reading).replace("_", "")  # simplemma marks some compound parts (pers_bureau)


def _common(word: str, lower: str, reading: int) -> str:
    """The lemma of a word that is not part of a name."""
    base = _base(word)
    if reading == NOUN and base == lower and lower.endswith("en") and _verb_lemma(lower):
        return _noun(lower) or base  # de werken -> werk
    if base == lower:
        return base
    if reading == NOUN and _verbal(base) and base not in _AUXILIARIES and not _participle(lower):
        found = _noun(lower)
        if found is not None:
            return found
    return _refine(lower, base, reading)


def _verb_lemma(word: str) -> bool:
    """Whether the dictionary knows a past tense of this infinitive (werken: werkte)."""
    table, _ = lexicon("nl")
    return any(table.get(stem + ending) == word for stem in _undo_en(word[:-2]) for ending in ("te", "de"))


def _participle(word: str) -> bool:
    return word.startswith("ge") and word.endswith(("d", "t", "de", "te"))


def _refine(lower: str, base: str, reading: int) -> str:
    """Where simplemma's one lemma per form is the less likely reading."""
    found = _by_context(lower, base, reading)
    if found is None:
        found = _by_form(lower, base)
    return base if found is None else found


def _by_context(lower: str, base: str, reading: int) -> str | None:
    """A noun or verb reading the word before asks for."""
    _, lemmas = lexicon("nl")
    if base in _AUXILIARIES or lower not in lemmas:
        return None
    if (reading != INITIAL and _verbal(base) and not lower.endswith(("en", "t", "d"))
            and lower in _undo_en(base[:-2])):
        return lower  # a noun that is also a verb stem: stap, vertrek, dank (a stem in -t/-d is also 3sg)
    if reading == NOUN and lower.endswith("en") and base == lower[:-1]:
        return lower  # de reden (not: rede)
    if reading == VERB and lower.endswith("en"):
        return lower  # te werken, we tekenen
    if reading == AFTER_HET and lower.endswith("en") and base in _singulars(lower):
        return lower  # no plural follows 'het': het tekenen, het spelen (an infinitive; not teken, spel)
    return None


def _by_form(lower: str, base: str) -> str | None:
    """Inflected adjectives, plurals, diminutives and participles simplemma leaves half done."""
    table, lemmas = lexicon("nl")
    verb = _without_particle(lower, base)
    if verb is not None:
        return verb  # gesneden -> afsnijden -> snijden
    if lower.endswith("e") and not lower.endswith(("de", "te")) and _verbal(base) and base not in _AUXILIARIES:
        for candidate in _undo_e(lower):
            if candidate in lemmas and candidate != lower and len(candidate) > 2:
                return candidate  # an inflected adjective: zuivere, heilige, rappe
    if lower.endswith("en") and base == lower[:-1]:
        for candidate in _undo_en(lower[:-2]):
            if candidate in lemmas and candidate != base:
                return candidate  # a plural read as a feminine or -e form: filosofen -> filosoof
    root = _diminutive_root(base)
    if root is not None:
        return root  # mannetjes -> mannetje -> man
    onward = table.get(base)
    if _participle(base) and onward is not None and _verbal(onward):
        return onward  # gemengde -> gemengd -> mengen
    return None


def _without_particle(lower: str, base: str) -> str | None:
    """The verb of a participle in ge-, which has no separable particle (that would be afgesneden), when
    simplemma gives it one: gesneden -> afsnijden -> snijden; not geopperd -> (op)peren."""
    if not lower.startswith("ge") or not base.startswith(_SEPARABLE) or lower.startswith(_SEPARABLE):
        return None
    verb = next(base[len(p):] for p in _SEPARABLE if base.startswith(p))
    return verb if verb in lexicon("nl")[1] and _verbal(verb) and lower[2:4] == verb[:2] else None


def _base(word: str) -> str:
    """simplemma's lemma, with a past plural followed to its verb and unknown words parsed."""
    import simplemma

    table, lemmas = lexicon("nl")
    lower = word.lower()
    base = table.get(word)
    if base is None:  # simplemma's own lookup order: the word, then with its first letter's case flipped
        base = table.get(lower if word[:1].isupper() else word.capitalize())
    if base is None:
        base = simplemma.lemmatize(word, lang="nl")
    if base == word and lower not in table and word not in table:
        if word[:1].isupper():
            return word  # an unknown capitalised word: a name
        return _unknown(lower)
    onward = table.get(base)
    if lower == base + "en" and onward is not None and onward != lower and table.get(onward) == onward:
        return onward  # stonden -> stond -> staan
    return base if base[:1].isupper() and word[:1].isupper() else base.lower()


def _verbal(lemma: str) -> bool:
    """Whether a lemma has the shape of a Dutch infinitive (werken, gaan, doen, zien)."""
    return lemma.endswith(("en", "aan", "oen", "ien")) and lemma[:1].islower()


def _english(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en") if _LETTER.search(word) else word


def _name(word: str) -> str:
    """The lemma of a capitalised word inside a sentence."""
    table, lemmas = lexicon("nl")
    if word.endswith(("'s", "’s")) and len(word) > 3:
        return word[:-2]
    found = table.get(word)
    if word.endswith(("ische", "se")) and not word.isupper():
        return _adjective_stem(word)  # Russische -> Russisch, Libanese -> Libanees
    if found is not None and found[:1].isupper() and found != word and word.endswith(("en", "s")):
        return found  # Italianen -> Italiaan
    if found is None and word.endswith("en") and not word.isupper():
        for candidate in _undo_en(word[:-2]):
            if candidate in lemmas and len(candidate) > 3:
                return candidate  # Kroaten -> Kroaat
    return word


def _adjective_stem(word: str) -> str:
    """An adjective without its -e, with Dutch spelling: Libanese -> Libanees."""
    stem = word[:-1]
    if (len(stem) >= 4 and stem.endswith("s") and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
            and stem[-2] != "i"):
        return stem[:-1] + stem[-2] + "s"
    return stem


def _noun(word: str) -> str | None:
    """The noun reading: the word when it is a lemma, else a singular the dictionary knows."""
    table, lemmas = lexicon("nl")
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(("en", "s")):
        for candidate in _singulars(word):
            if candidate in lemmas:
                return candidate
    return word if word in lemmas else None


def _singulars(word: str) -> list[str]:
    out = []
    if word.endswith(("'s", "’s")):
        out.append(word[:-2])
    if word.endswith("eren"):
        out.append(word[:-4])
    if word.endswith("en") and len(word) > 4:
        out.extend(_undo_en(word[:-2]))
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


def _undo_en(stem: str) -> list[str]:
    """Singulars for a stem left by taking off -en: Dutch spelling undone."""
    out = []
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        out.append(stem[:-1])  # kat-ten
    if stem.endswith("v"):
        stem_f = stem[:-1] + "f"
    elif stem.endswith("z"):
        stem_f = stem[:-1] + "s"
    else:
        stem_f = stem
    if (len(stem_f) >= 3 and stem_f[-1] not in _VOWELS and stem_f[-2] in _VOWELS
            and stem_f[-3] not in _VOWELS and stem_f[-2] != "i"):
        out.append(stem_f[:-1] + stem_f[-2] + stem_f[-1])  # ta-ken -> taak
    out.append(stem_f)
    out.append(stem)
    return out


_DIMINUTIVE = re.compile(r"^(.{3,}?)(?:etje|tje|pje|kje|je)s?$")


def _diminutive_root(word: str) -> str | None:
    """The noun a diminutive is made from, when the dictionary knows it: zaakje -> zaak."""
    _, lemmas = lexicon("nl")
    match = _DIMINUTIVE.match(word)
    if match is None:
        return None
    stem = match.group(1)
    for candidate in (stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
        if candidate and candidate in lemmas:
            return candidate
    return None


def _undo_e(word: str) -> list[str]:
    """Adjectives for a form taking -e, Dutch spelling undone: rappe -> rap, dove -> doof."""
    return _undo_en(word[:-1])


def _unknown(word: str) -> str:
    table, lemmas = lexicon("nl")
    for candidate in _candidates(word):
        found = table.get(candidate)
        if found is not None:
            return found
    if word.endswith("s") and len(word) > 5:
        stem = word[:-2] if word.endswith(("'s", "’s")) else word[:-1]
        if stem in lemmas and table.get(stem + "e") != stem and not _verbal(stem):
            return stem  # a plural in -s of a known noun (not an adjective: slechts)
    compound = _compound(word)
    if compound is not None:
        return compound
    import simplemma

    return simplemma.lemmatize(word, lang="nl")


def _compound(word: str) -> str | None:
    """A compound's lemma from its last part: labjournaals -> labjournaal, A-elementen -> A-element."""
    if "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        found = _lemma(tail, PLAIN)
        return f"{head}-{found}"
    table, _ = lexicon("nl")
    for i in range(3, len(word) - 3):
        tail = word[i:]
        found = table.get(tail)
        if found is not None:
            # only a plural of a noun: buxustakken -> buxustak (not: waaronder, dusverre)
            return word[:i] + found if found != tail and found in _singulars(tail) else None
    return None


def _candidates(word: str) -> list[str]:
    out: list[str] = []
    if word.endswith("e") and len(word) > 4:
        out.append(word[:-1])  # inflected participle or adjective: gemengde -> gemengd
        if word.endswith("ve"):
            out.append(word[:-2] + "f")
        if word.endswith("ze"):
            out.append(word[:-2] + "s")
    for suffix in ("tjes", "etjes", "pjes", "kjes", "jes", "tje", "etje", "pje", "kje", "je"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)])
    if word.endswith("en") and not word.startswith("ge") and len(word) > 6:
        out.extend(_undo_en(word[:-2]))
    return out
