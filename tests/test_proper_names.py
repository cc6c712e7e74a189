"""Proper names: hand-checked Dutch cases, merging, the network, and the PROPN score on UD gold."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from analysis.documents import Document
from analysis.measures import association_scores
from analysis.periods import parse_date
from analysis.proper_names import calendar_words, canonical_names, case_evidence, name_mentions, name_network, names
from analysis.tokenized import tokenize

matplotlib.use("Agg")
UD = Path(__file__).parent / "data" / "ud_nl"


def propn_scores(name: str) -> tuple[float, float, float]:
    """The issue's measure: one corpus per file, one document per sentence; a gold
    token inside a mention counts as predicted PROPN. Token-level P, R, F1."""
    with (UD / f"{name}.jsonl").open(encoding="utf-8") as f:
        sentences = [json.loads(line) for line in f]
    mentions = name_mentions([Document(str(i), None, s["text"]) for i, s in enumerate(sentences)])
    spans: dict[int, list[tuple[int, int]]] = {}
    for doc_id, start, end in zip(mentions["doc_id"], mentions["start"], mentions["end"], strict=True):
        spans.setdefault(int(doc_id), []).append((start, end))
    tp = fp = fn = 0
    for i, s in enumerate(sentences):
        position = 0
        for token, space, upos in zip(s["tokens"], s["space_after"], s["upos"], strict=True):
            start, end = position, position + len(token)
            position = end + space
            predicted = any(a <= start and end <= b for a, b in spans.get(i, []))
            gold = upos == "PROPN"
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


@pytest.mark.slow
def test_propn_f1_meets_the_bar_on_lassysmall_dev():
    # Capitalised-and-not-sentence-initial alone: 0.84. The bar is 0.90.
    _, _, f1 = propn_scores("lassysmall-dev")
    assert f1 >= 0.90, f"lassysmall-dev PROPN F1 {f1:.4f}"


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="alpino-test PROPN F1 is 0.842 (P 0.782, R 0.912) after the third round of "
                                       "dev tuning (0.841 after the second; 0.848 before the fixed-phrase rule, kept "
                                       "for Tweede Kamer and Hoge Raad; 0.828 after the first round); precision is the "
                                       "gap")
def test_propn_f1_meets_the_bar_on_alpino_test():
    _, _, f1 = propn_scores("alpino-test")
    assert f1 >= 0.90, f"alpino-test PROPN F1 {f1:.4f}"


def _mentions(*texts: str) -> list[str]:
    return name_mentions([Document(str(i), None, t) for i, t in enumerate(texts)])["mention"].tolist()


def test_runs_with_dutch_particles_and_hyphens():
    assert _mentions("Dat zei Ursula von der Leyen in 's-Hertogenbosch over Oost-Oekraïne.") == [
        "Ursula von der Leyen", "'s-Hertogenbosch", "Oost-Oekraïne"]
    assert _mentions("Hij sprak met Thomas van der Noot.") == ["Thomas van der Noot"]
    # a lone 'van' between two capitals is a preposition: two names; after a body it joins one
    assert _mentions("Hij exposeerde in het Kursaal van Oostende.") == ["Kursaal", "Oostende"]
    assert _mentions("Hij werkt aan de Universiteit van Amsterdam.") == ["Universiteit van Amsterdam"]


def test_nationality_adjectives_and_common_compounds_are_not_names():
    assert _mentions("De Russische president en de Franstalige pers lazen over Wagner-leden.") == []
    # after initials a word in -se is a surname
    assert _mentions("Het is opgemaakt door mr. N.P. Muusse, griffier.") == ["N.P. Muusse"]
    assert _mentions("Het ligt in de Russische Federatie.") == ["Russische Federatie"]


def test_sentence_start_needs_case_evidence_from_the_whole_corpus():
    # 'Maduro' is capitalised inside a sentence elsewhere: a name at the start too
    assert _mentions("Maduro zweeg.", "Volgens de krant zweeg Maduro.") == ["Maduro", "Maduro"]
    # 'Volgens' is written 'volgens' elsewhere, and after a colon a capital says nothing
    assert _mentions("Volgens hem: Huurlingen zijn er.", "Dat is volgens hem zo.") == []
    # a word seen nowhere else is a name when the dictionary does not know it
    assert _mentions("Sjabajev zweeg.") == ["Sjabajev"]


def test_given_names_take_a_lone_van_or_de():
    # Louis, Theo: given names the dictionary does not know
    assert _mentions("Bondscoach Louis van Gaal en Theo de Rooij spraken.") == ["Louis van Gaal", "Theo de Rooij"]
    # after an article the capital is a thing, not a given name: two names
    assert _mentions("Hij exposeerde in het Kursaal van Oostende.") == ["Kursaal", "Oostende"]
    # initials take a lone 'van' or 'de' too
    assert _mentions("Namens hem verscheen G. van Gelderen.", "Dat zei J. de Vries.") == ["G. van Gelderen",
                                                                                            "J. de Vries"]
    # and a body (data/bodies_nl.txt) takes 'van' and 'van de' into its name
    assert _mentions("Zo oordeelde de Raad van State.", "Hij stemde op de Partij van de Arbeid.",
                     "Hij tekende het Verdrag van Versailles.") == [
        "Raad van State", "Partij van de Arbeid", "Verdrag van Versailles"]


def test_a_title_opens_no_name_and_an_abbreviated_common_noun_is_none():
    # policy texts capitalise titles and offices: the name is what follows; after an article one is no name
    assert _mentions("Het plan van Minister Brinkhorst kwam.", "Toen zweeg de Minister.",
                     "Zo sprak Tante Sidonie.") == ["Brinkhorst", "Sidonie"]
    # a surname spelled like a title stays a name
    assert _mentions("Toen zei Koning het.", "Het boek van Jan Koning.") == ["Koning", "Jan Koning"]
    # EK and WK abbreviate common nouns (Europees kampioenschap, wereldkampioenschap)
    assert _mentions("Hij won het EK in Parijs.", "Na de WK zweeg hij.") == ["Parijs"]


def test_an_adjective_in_s_before_no_word_is_the_place_or_the_language():
    # after 'het' or a preposition of place and before no word: Parijs, het Engels; before a noun or
    # after a verb: an adjective
    assert _mentions("Het boek verscheen in het Engels.", "Het Nederlands team won.",
                     "Dat is Vlaams, zei hij.") == ["Engels"]
    assert _mentions("Hij reisde naar Parijs en Londen.") == ["Parijs", "Londen"]


def test_a_capitalised_word_the_corpus_writes_in_lowercase_as_often_is_a_common_word():
    # 'Algebra': unknown to the dictionary, once capitalised and once in lowercase inside a sentence;
    # 'Wiskunde': a compound of Dutch words (wis|kunde), also written in lowercase
    assert _mentions("Zij doceert Algebra en algebra is moeilijk.",
                     "Hij doceert Wiskunde, want wiskunde is mooi.") == []


def test_a_body_or_a_document_alone_after_an_article_is_a_common_noun():
    # though the corpus never writes them in lowercase; with other capitals, or before 'van', a name
    assert _mentions("Toen stemde de Kamer in.", "Zo besloot de Tweede Kamer.",
                     "Hij tekende het Verdrag van Versailles.", "Dat staat in het Besluit.") == [
        "Tweede Kamer", "Verdrag van Versailles"]
    # the old genitive article: 's Hofs (of the court) is a common noun, 's Gravenhage a name
    assert _mentions("Hij ging tegen 's Hofs uitspraak in.", "Het ligt in 's Gravenhage, zei hij.") == ["Gravenhage"]


def test_abstract_nouns_and_members_of_an_abbreviation_are_common_words():
    # -isme, -schap, -heid and long -ing words the dictionary knows are no names, even when the
    # corpus never writes them in lowercase; a surname in -ing stays (Harding: seven letters)
    assert _mentions("Dat kwam door het Zionisme en de Drooglegging.",
                     "Hij sprak over Broederschap en Regering.") == []
    assert _mentions("Toen zei Harding het.") == ["Harding"]
    # PvdA'ers, CDA'ers: members of what the abbreviation names, common nouns
    assert _mentions("De PvdA'ers stemden met de CDA'ers tegen.") == []


def test_a_sentence_opening_van_joins_a_name_the_corpus_shows_with_a_particle():
    # Peacock stands alone inside a sentence and never after a surname particle: 'Van' is the preposition
    assert _mentions("Van Peacock kreeg hij een brief.", "Toen schreef Peacock terug.") == ["Peacock", "Peacock"]
    # Gaal comes after a particle (Louis van Gaal); a name seen nowhere else keeps its Van
    assert _mentions("Van Gaal zweeg.", "Toen sprak Louis van Gaal.") == ["Van Gaal", "Louis van Gaal"]
    assert _mentions("Van Gaal zweeg.") == ["Van Gaal"]


def test_voor_after_a_dutch_noun_joins_an_institution_name():
    assert _mentions("Het hangt in het Museum voor Schone Kunsten te Gent.",
                     "Dat meldt het Centraal Bureau voor de Statistiek.") == [
        "Museum voor Schone Kunsten", "Gent", "Centraal Bureau voor de Statistiek"]
    # after a word Dutch does not know, 'voor' is the preposition; a title with 'voor' is no name at all
    assert _mentions("Hij won de Copa voor Colombia.", "Toen sprak de Minister voor Ontwikkelingssamenwerking.") == [
        "Copa", "Colombia"]


def test_an_adjective_before_a_name_is_no_name():
    assert _mentions("Zij won van de Thaise Tanasugarn.") == ["Tanasugarn"]
    assert _mentions("Het ligt in de Russische Federatie.") == ["Russische Federatie"]


def test_sentence_start_without_evidence_needs_an_unknown_word():
    # adverbs and compounds of Dutch words open sentences; the dictionary's own names are names
    assert _mentions("Helaas kwam hij niet.", "Hierna zweeg hij.", "Graanplanten groeien hier.") == []
    assert _mentions("Limburg stemde.") == ["Limburg"]
    # a capital after an initial is case evidence; after a section number it says nothing
    assert _mentions("Dat zei mr. J.W. Weck.", "Weck zweeg.") == ["J.W. Weck", "Weck"]
    assert _mentions("3.1 Ondertussen zweeg de rechter.") == []


def test_a_run_of_function_words_an_initial_or_a_roman_numeral_is_no_name():
    assert _mentions("Van de grootste zaken was dit er een.") == []
    assert _mentions("Zie paragraaf II en bijlage B. hierna.", "Hij woont in de V.S. nu.") == ["V.S."]


def test_an_article_opens_a_name_when_the_corpus_capitalises_it_more_often():
    texts = ["De Morgan schreef.", "Het boek van De Morgan.", "Het Kremlin besliste.", "Zo oordeelde het Kremlin.",
             "Toen sprak het Kremlin weer."]
    # 'De Morgan' once inside a sentence, 'de Morgan' never; 'Het Kremlin' never inside, 'het Kremlin' twice
    # ('het College' would be no name at all: a body alone after an article)
    assert _mentions(*texts) == ["De Morgan", "De Morgan", "Kremlin", "Kremlin", "Kremlin"]


def test_days_and_months_in_lowercase_stand_alone():
    assert _mentions("Het rooster: zondag\njanuari 1997.") == ["zondag", "januari"]


def test_offsets_give_the_mention():
    docs = [Document("a", None, "Vrijdag meldde Reuters dat Wagner Group\nnaar Caracas ging.")]
    frame = name_mentions(docs)
    for start, end, mention in zip(frame["start"], frame["end"], frame["mention"], strict=True):
        assert docs[0].text[start:end] == mention


def test_a_repeated_phrase_of_common_words_is_a_name_and_a_stray_function_word_is_none():
    text = ("Volgens de Tweede Kamer is het goed. Een tweede poging mislukte. De kamer was leeg. "
            "Het oordeel van de Tweede Kamer is hard. Dit stond in het Integraal Dossier. Het dossier is integraal. "
            + "Hij gaat aan de slag. " * 11 + "Geding voor het Hof Aan belanghebbende is een aanslag opgelegd.")
    # Tweede Kamer twice as one capitalised phrase: a name, though tweede and kamer are common words;
    # Integraal Dossier once: a title; Aan (aan 11 times in lowercase, once capitalised) is no name, and
    # het Hof alone is the body rule's common noun
    assert _mentions(text) == ["Tweede Kamer", "Tweede Kamer"]
    assert _mentions(text.replace("gaat aan", "gaat op")) == ["Tweede Kamer", "Tweede Kamer", "Hof Aan"]
    # the pairs are counted over the whole corpus (summed over chunks), by hand:
    evidence = case_evidence(["De Tweede Kamer stemde. Zei de Tweede Kamer, De Hoge Raad en Hof Aan?"])
    assert evidence.pairs == {"De Tweede": 1, "Tweede Kamer": 2, "De Hoge": 1, "Hoge Raad": 1, "Hof Aan": 1}


def test_genitive_short_form_and_variants_merge():
    merged = canonical_names({"Jevgeni Prigozjin": 1, "Prigozjin": 2, "Prigozjins": 1, "Rabo's": 1,
                              "Poetin": 1, "Putin": 1, "Jan de Vries": 1, "Piet de Vries": 1, "Vries": 1},
                             variants={"Poetin": "Putin"})
    assert merged["Prigozjin"] == merged["Prigozjins"] == "Jevgeni Prigozjin"
    assert merged["Rabo's"] == "Rabo"
    # a language is no genitive of its country: het Nederlands stays apart from Nederland
    assert canonical_names({"Nederland": 2, "Nederlands": 1, "Ruslands": 1, "Rusland": 1}) == {
        "Nederland": "Nederland", "Nederlands": "Nederlands", "Ruslands": "Rusland", "Rusland": "Rusland"}
    assert merged["Poetin"] == merged["Putin"] == "Putin"
    assert merged["Vries"] == "Vries"  # two longer names end in it: no link
    # a lowercase day or month is not the short form of a surname
    assert canonical_names({"zondag": 2, "M.C. Zondag": 1})["zondag"] == "zondag"
    # an abbreviation names a thing of its own: BMW is not the short form of X5 BMW, nor PvdA of Jonge PvdA
    merged = canonical_names({"X5 BMW": 1, "BMW": 3, "Jonge PvdA": 1, "PvdA": 2, "Wagner": 1, "Erik Wagner": 1})
    assert merged["BMW"] == "BMW" and merged["X5 BMW"] == "X5 BMW" and merged["PvdA"] == "PvdA"
    assert merged["Wagner"] == "Erik Wagner"  # a surname still links
    # an opening article comes off when the name is also written without it
    merged = canonical_names({"De Hoge Raad": 5, "Hoge Raad": 2, "De Telegraaf": 3, "Het Parool": 1})
    assert merged["De Hoge Raad"] == merged["Hoge Raad"] == "Hoge Raad"
    assert merged["De Telegraaf"] == "De Telegraaf" and merged["Het Parool"] == "Het Parool"


def test_a_name_alone_links_to_it_with_a_designator():
    # Wagner is short for Wagner Group when the corpus shows both and no other longer name in Wagner
    merged = canonical_names({"Wagner": 2, "Wagner Group": 2, "ING": 3, "ING Groep": 1, "X5 BMW": 1, "BMW": 2})
    assert merged["Wagner"] == merged["Wagner Group"] == "Wagner Group"
    # an abbreviation before a designator is its short form (ING Groep), not one a longer name ends in (BMW)
    assert merged["ING"] == "ING Groep" and merged["BMW"] == "BMW"
    # the body of a place is not the place: Utrecht stays apart from Gemeente Utrecht
    merged = canonical_names({"Utrecht": 3, "Gemeente Utrecht": 2, "Arnhem": 1, "GERECHTSHOF TE ARNHEM": 1})
    assert merged["Utrecht"] == "Utrecht" and merged["Arnhem"] == "Arnhem"
    # two longer names to choose from: no link
    merged = canonical_names({"Wagner": 2, "Wagner Group": 2, "Richard Wagner": 1})
    assert merged["Wagner"] == "Wagner" and merged["Richard Wagner"] == "Richard Wagner"


def test_english_names_take_of_and_for_after_their_head():
    assert _mentions("Hij studeerde aan de University of London en bleef lid van de Church of England.",
                     "Hij sprak voor de Society for the Diffusion of Useful Knowledge.") == [
        "University of London", "Church of England", "Society for the Diffusion", "Useful Knowledge"]
    # in Dutch 'of' is 'or': between two names it joins nothing
    assert _mentions("Zo kozen Jan of Piet het.", "Kies Facebook of Twitter.") == ["Jan", "Piet", "Facebook", "Twitter"]


def test_a_byname_after_de_joins_the_name():
    # Karel, Alexander: given names the dictionary knows, so only the byname joins 'de'
    assert _mentions("Onder Karel de Grote en Pieter Brueghel de Oude groeide het.") == [
        "Karel de Grote", "Pieter Brueghel de Oude"]
    assert _mentions("Toen zweeg Alexander de Grote.") == ["Alexander de Grote"]


def test_a_capitalised_article_before_a_title_is_no_name():
    # a heading run into its sentence, and 'Onze Minister', 'Uw Raad' in a law: the title or the body is a
    # common noun after them
    assert _mentions("Geding in cassatie De Staatssecretaris heeft beroep ingesteld.",
                     "Dat bepaalt Onze Minister.", "Zo zei De Minister van Financiën het.",
                     "Dat weet Uw Raad.") == ["Financiën"]


def test_titles_in_a_row_and_a_heading_run_into_its_text_are_no_name():
    # each title opening the run comes off, a word before a title included (plaatsvervangend)
    assert _mentions("Dat concludeerde Plaatsvervangend Procureur-Generaal Van Soest.",
                     "Zo zei A-G Van den Berge het.") == ["Van Soest", "Van den Berge"]
    # a capitalised article after a name opens the next sentence of a heading; before a name it is part of it
    assert _mentions("Vonnis van mr. M.J. Kuiper De rechtbank wijst af.", "Hij las het in De Standaard.") == [
        "M.J. Kuiper", "De Standaard"]
    # a heading in capitals repeated from text to text is no fixed name (the two lowercase words make
    # OFFICIER and JUSTITIE common words); one in capitals and lowercase is (Hoge Raad)
    text = "Zo zei de OFFICIER VAN JUSTITIE het. De officier van justitie zweeg. "
    assert _mentions(text, text, "Zo sprak de Hoge Raad.", "Zo sprak de Hoge Raad.", "De hoge raad.") == [
        "Hoge Raad", "Hoge Raad"]


def test_names_table_counted_by_hand():
    docs = [Document("a", parse_date("2019-01-05"), "Jevgeni Prigozjin leidt Wagner Group. Prigozjin zwijgt."),
            Document("b", parse_date("2019-02-01"), "Volgens Prigozjins firma is Wagner Group klein."),
            Document("c", parse_date("2019-04-09"), "Het Kremlin zwijgt over Wagner Group.")]
    table = names(docs).set_index("term")
    assert table.loc["Jevgeni Prigozjin", ["count", "doc_count", "first", "last"]].tolist() == [3, 2, "2019-01",
                                                                                               "2019-02"]
    assert table.loc["Jevgeni Prigozjin", "variants"] == ["Jevgeni Prigozjin", "Prigozjin", "Prigozjins"]
    assert table.loc["Wagner Group", ["count", "doc_count", "last"]].tolist() == [3, 3, "2019-04"]
    assert list(table.index[:2]) == ["Jevgeni Prigozjin", "Wagner Group"]  # count desc, then term
    assert names(docs, by="year")["first"].tolist()[0] == "2019"


CALENDAR = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari",
            "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}


def test_the_shipped_calendar_words_are_the_dutch_days_and_months():
    assert calendar_words() == CALENDAR


def test_names_leave_days_and_months_out_unless_asked():
    docs = [Document("a", parse_date("2019-01-07"), "Op maandag 7 januari sprak Rutte. Maandag zweeg Rutte."),
            Document("b", parse_date("2019-05-01"), "In Mei zweeg Wilders op zondag.")]
    # the detector still finds them (UD PROPN): maandag, januari, Maandag, Mei, zondag beside Rutte x2, Wilders;
    # maandag and Maandag are one name, shown as Maandag (each spelled once: the tie goes by spelling)
    assert name_mentions(docs)["name"].tolist() == ["Maandag", "januari", "Rutte", "Maandag", "Rutte", "Mei",
                                                    "Wilders", "zondag"]
    every = names(docs, keep_calendar=True)
    assert every[["term", "count", "doc_count"]].values.tolist() == [
        ["Maandag", 2, 1], ["Rutte", 2, 1], ["Mei", 1, 1], ["Wilders", 1, 1], ["januari", 1, 1], ["zondag", 1, 1]]
    table = names(docs)
    assert table[["term", "count", "doc_count", "first", "last"]].values.tolist() == [
        ["Rutte", 2, 1, "2019-01", "2019-01"], ["Wilders", 1, 1, "2019-05", "2019-05"]]
    assert names(docs, top=1)["term"].tolist() == ["Rutte"]  # top counts the rows listed
    tokens = tokenize(docs, names=True)
    assert names(tokens).to_dict("records") == table.to_dict("records")
    assert names(tokens, keep_calendar=True).to_dict("records") == every.to_dict("records")
    # with lemmas, 'zondagen' has the lemma 'zondag', spelled like the name: still one mention of zondag
    docs[1] = Document("b", parse_date("2019-05-01"), "In Mei zweeg Wilders op zondag, als op alle zondagen.")
    tokens = tokenize(docs, names=True, lemmatize=True)
    assert tokens.vocabulary.count("zondag") == 1 and int(tokens.counts()[tokens.index["zondag"]]) == 2
    assert names(tokens, keep_calendar=True).to_dict("records") == every.to_dict("records")
    network = name_network(tokens, min_count=1, keep_calendar=True)
    assert network.nodes["zondag"]["frequency"] == 1


@pytest.mark.slow
def test_no_day_or_month_tops_the_names_of_the_shipped_court_decisions():
    from analysis.corpus import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parents[1] / "corpus")
    every = names(corpus, keep_calendar=True)
    table = names(corpus)
    calendar = every["term"].str.lower().isin(CALENDAR)
    # on dated court decisions ten months are among the 12 most mentioned names (with Awb and Hoge Raad)
    assert calendar.head(12).sum() == 10
    assert set(every["term"].head(12)[~calendar.head(12)]) == {"Awb", "Hoge Raad"}
    assert table.to_dict("records") == every[~calendar].reset_index(drop=True).to_dict("records")
    assert not table["term"].str.lower().isin(CALENDAR).any() and table["term"].iloc[0] == "Awb"


def test_tokenize_keeps_names_as_terms_and_counts_lemmas():
    docs = [Document("a", None, "Jevgeni Prigozjin leidt Wagner Group. De leden van Wagner Group landden."),
            Document("b", None, "Prigozjins huurlingen landden in Caracas.")]
    tokens = tokenize(docs, names=True, lemmatize=True, padding=False)
    assert tokens.doc("a") == ["Jevgeni Prigozjin", "leiden", "Wagner Group", "lid", "Wagner Group", "landen"]
    assert tokens.doc("b") == ["Jevgeni Prigozjin", "huurling", "landen", "Caracas"]
    counts = dict(zip(tokens.vocabulary, tokens.counts().tolist(), strict=True))
    assert counts["Wagner Group"] == 2 and counts["landen"] == 2
    assert tokenize(docs, names=True).doc("a")[:2] == ["Jevgeni Prigozjin", "leidt"]
    assert tokenize(docs).doc("a")[:2] == ["jevgeni", "prigozjin"]


def _brute_force_pairs(tokens, unit_of) -> Counter:
    """For each context, the set of names in it; every pair counted once per context."""
    units: dict[int, set[str]] = {}
    for position, term_id in enumerate(tokens.ids.tolist()):
        term = tokens.vocabulary[term_id]
        if term[:1].isupper():
            units.setdefault(int(unit_of[position]), set()).add(term)
    return Counter(pair for members in units.values() for pair in itertools.combinations(sorted(members), 2))


@pytest.mark.parametrize("context", ["document", "sentence"])
def test_name_network_against_brute_force(context):
    docs = [Document("a", None, "Maduro belde Poetin. Poetin belde Sjabajev en Maduro."),
            Document("b", None, "Maduro sprak Poetin in Caracas."),
            Document("c", None, "In Caracas sprak Sjabajev.")]
    tokens = tokenize(docs, names=True)
    unit_of = tokens.doc_index if context == "document" else tokens.sentence_index
    expected = _brute_force_pairs(tokens, unit_of)
    graph = name_network(tokens, context=context, min_count=1, measure="pmi")
    assert {tuple(sorted(e[:2])): e[2] for e in graph.edges(data="count")} == dict(expected)
    n = len(tokens) if context == "document" else len(tokens.sent_offsets) - 1
    holding = Counter(t for members in _units(tokens, unit_of) for t in members)
    a, b = "Maduro", "Poetin"
    want = association_scores([expected[(a, b)]], [holding[a]], [holding[b]], n)["pmi"][0]
    assert graph.edges[a, b]["weight"] == pytest.approx(want)
    assert graph.nodes["Maduro"]["frequency"] == 3


def _units(tokens, unit_of) -> list[set[str]]:
    units: dict[int, set[str]] = {}
    for position, term_id in enumerate(tokens.ids.tolist()):
        term = tokens.vocabulary[term_id]
        if term[:1].isupper():
            units.setdefault(int(unit_of[position]), set()).add(term)
    return list(units.values())


def test_name_network_window_agrees_with_cooccurrence():
    from analysis.collocation import cooccurrence

    # Maduro twice near one Poetin: two pairs, more than Poetin's one occurrence (O11 > frequency, which the
    # table of frequencies could not hold)
    docs = [Document("a", None, "Maduro belde Poetin en Maduro. Poetin sprak lang met Sjabajev over Caracas."),
            Document("b", None, "Sjabajev zat in Caracas.")]
    tokens = tokenize(docs, names=True)
    graph = name_network(tokens, context="window", window=3, min_count=1, measure="pmi")
    oracle = cooccurrence(tokens, window=3, sentence_bounded=True)
    assert graph.edges["Maduro", "Poetin"]["count"] == oracle.count("Maduro", "Poetin") == 2
    for a, b, data in graph.edges(data=True):
        i, j = oracle.index[a], oracle.index[b]
        want = association_scores([oracle.count(a, b)], [oracle.row_sums[i]], [oracle.col_sums[j]],
                                  oracle.n)["pmi"][0]
        assert data["count"] == oracle.count(a, b) and data["weight"] == pytest.approx(want)


def test_name_network_window_and_min_count():
    docs = [Document("a", None, "Maduro en Poetin spraken lang en breed over alles met Sjabajev.")]
    tokens = tokenize(docs, names=True, stopwords=None)
    near = name_network(tokens, context="window", window=2, min_count=1)
    assert sorted(tuple(sorted(e)) for e in near.edges()) == [("Maduro", "Poetin")]
    assert name_network(tokens, context="document", min_count=2).number_of_edges() == 0


def test_name_network_reads_the_recorded_names_whatever_the_case():
    docs = [Document("a", None, "Maduro belde Poetin op maandag. Poetin belde Sjabajev en Maduro."),
            Document("b", None, "Maduro sprak Poetin op maandag in Caracas.")]
    lower = name_network(tokenize(docs, names=True), min_count=1)
    kept = name_network(tokenize(docs, names=True, lowercase=False), min_count=1)
    # with case kept, 'Poetin' and 'Maduro' are still the only names (not 'belde' nor 'op'): same network
    assert sorted(map(sorted, kept.edges())) == sorted(map(sorted, lower.edges()))
    assert sorted(kept.nodes) == ["Caracas", "Maduro", "Poetin", "Sjabajev"]
    # days and months, names by the UD convention, only when asked (as in `names`): maandag shares both
    # documents with Maduro and Poetin, and b with Caracas
    calendar = name_network(tokenize(docs, names=True), min_count=1, keep_calendar=True)
    assert sorted(n for n in calendar.neighbors("maandag")) == ["Caracas", "Maduro", "Poetin", "Sjabajev"]
    assert calendar.edges["maandag", "Maduro"]["count"] == 2


def test_name_network_draws_with_names_as_labels():
    from analysis.plotting import plot_network

    docs = [Document(str(i), None, "Maduro sprak Poetin in Caracas.") for i in range(3)]
    ax = plot_network(name_network(tokenize(docs, names=True)))
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "node") == ["Caracas", "Maduro", "Poetin"]
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_tokens_with_every_token_removed_have_no_names():
    tokens = tokenize([Document("a", None, "De en het.")], names=True)
    assert len(tokens.vocabulary) == 0 and len(tokens.ids) > 0  # gaps only
    assert names(tokens).empty and name_network(tokens, min_count=1).number_of_nodes() == 0


def test_bad_arguments_are_named():
    tokens = tokenize([Document("a", None, "Maduro sprak Poetin.")])
    with pytest.raises(ValueError, match="names=True"):
        name_network(tokens)
    named = tokenize([Document("a", None, "Maduro sprak Poetin.")], names=True)
    with pytest.raises(ValueError, match="'paragraph'"):
        name_network(named, context="paragraph")
    with pytest.raises(ValueError, match="'nope'"):
        name_network(named, measure="nope")
    with pytest.raises(TypeError, match="Documents"):
        name_mentions(["Maduro"])


def test_case_evidence_counts():
    evidence = case_evidence(["Zo zei Reuters het, zei Reuters.", "Het Kremlin, Reuters en het kremlin."])
    assert evidence.inner["Reuters"] == 3 and evidence.lower["kremlin"] == 1
    assert np.isclose(evidence.inner.get("Het", 0), 0)


def test_case_evidence_counts_surname_particles():
    # after a particle that belongs to a name (after a capital, or capitalised inside a sentence) vs alone;
    # 'van Peacock' after a lowercase word is neither
    evidence = case_evidence(["Toen sprak Louis van Gaal.", "Zo zei Van Gaal het.", "Toen schreef Peacock terug.",
                              "Dat boek van Peacock.", "Thomas van der Noot zweeg."])
    assert evidence.after_particle == {"Gaal": 2, "Noot": 1}
    assert evidence.alone == {"Louis": 1, "Van": 1, "Peacock": 1}  # Thomas opens its sentence
    assert not evidence.particle_name("Peacock") and evidence.particle_name("Gaal")


def test_stream_evidence_counts_capitals_after_words_and_commas_only():
    # inside a sentence after a word or a comma: evidence; after a colon, a quote or at the start: none
    evidence = case_evidence(["Reuters meldt: Wagner is er, Wagner zegt \"Kremlin\" en zei Kremlin."])
    assert evidence.inner == {"Wagner": 1, "Kremlin": 1}
    assert evidence.lower["er"] == 1 and "Reuters" not in evidence.inner


def test_tokenize_names_are_those_of_name_mentions():
    docs = [Document("a", None, "Jevgeni Prigozjin leidt Wagner Group. Volgens Prigozjin landde Wagner Group."),
            Document("b", None, "Maduro zweeg. In Caracas zweeg Maduro, zei Reuters.")]
    mentions = name_mentions(docs)
    tokens = tokenize(docs, names=True, stopwords=None)
    named = [term for doc in tokens for term in doc if term[:1].isupper()]
    assert named == mentions["name"].tolist()


def test_names_from_tokens_give_the_table_of_the_corpus():
    docs = [Document("a", parse_date("2019-01-05"), "Jevgeni Prigozjin leidt Wagner Group. Prigozjin zwijgt."),
            Document("b", parse_date("2019-02-01"), "Volgens Prigozjins firma is Wagner  Group klein."),
            Document("c", None, "Het Kremlin zwijgt over Wagner Group.")]
    by_hand = [
        {"term": "Jevgeni Prigozjin", "count": 3, "doc_count": 2, "first": "2019-01", "last": "2019-02",
         "variants": ["Jevgeni Prigozjin", "Prigozjin", "Prigozjins"]},
        {"term": "Wagner Group", "count": 3, "doc_count": 3, "first": "2019-01", "last": "2019-02",
         "variants": ["Wagner Group"]},  # 'Wagner  Group' written with two spaces in b
        {"term": "Kremlin", "count": 1, "doc_count": 1, "first": None, "last": None, "variants": ["Kremlin"]},
    ]
    assert names(docs).to_dict("records") == by_hand
    for tokens in (tokenize(docs, names=True), tokenize(docs, names=True, lemmatize=True, padding=True)):
        assert tokens.name_terms == ("Jevgeni Prigozjin", "Kremlin", "Wagner Group")
        assert names(tokens).to_dict("records") == by_hand
    assert names(tokenize(docs, names=True), by="year", top=1).to_dict("records") == [
        {**by_hand[0], "first": "2019", "last": "2019"}]
    with pytest.raises(ValueError, match="names=True"):
        names(tokenize(docs, lemmatize=True))


def test_name_terms_are_never_shared_with_a_lemma_or_a_word():
    # 'Visser' opening a sentence is no name here (the corpus writes it in lowercase more often than
    # capitalised inside a sentence): that token stays a word, lowercased, though the same spelling is a
    # name inside the next sentence (the dictionary knows Visser as a name, so inside a sentence the
    # lowercase 'visser' does not make it a common word)
    docs = [Document("a", None, "Visser zweeg."), Document("b", None, "Toen sprak Visser."),
            Document("c", None, "Een visser en een visser.")]
    assert name_mentions(docs)["doc_id"].tolist() == ["b"]
    for tokens in (tokenize(docs, names=True, stopwords=None, padding=False),
                   tokenize(docs, names=True, lemmatize=True, stopwords=None, padding=False)):
        assert tokens.doc("a")[0] == "visser" and tokens.doc("b")[-1] == "Visser"
        assert names(tokens).to_dict("records") == names(docs).to_dict("records")
