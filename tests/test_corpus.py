"""Tests for analysis.corpus: every format, every bad input, round trips, the shipped corpus."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import doctest
import hashlib
import json
import re
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import corpus_dir
from analysis.corpus import (
    Corpus,
    CorpusError,
    Document,
    Ignored,
    Skipped,
    iter_documents,
    load_corpus,
    parse_date,
    period_label,
    period_range,
    period_start,
)

CORPUS = corpus_dir()
ARTICLE = CORPUS / "news" / "2019-01-wagner-caracas.txt"
RECHTSPRAAK = CORPUS / "rechtspraak"


def write(path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode(encoding))
    return path


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


def loader_normalised(text: str) -> str:
    """What the loader promises to do to a text, written independently."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def quietly(*args, **kwargs) -> tuple[Corpus, list[str]]:
    """load_corpus, returning the corpus and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(*args, **kwargs)
    return corpus, [str(w.message) for w in caught]


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return load_corpus(CORPUS)


# -- the shipped corpus -------------------------------------------------------


def test_article_is_one_document_dated_january_2019():
    corpus = load_corpus(ARTICLE)
    assert len(corpus) == 1
    doc = corpus[0]
    assert doc.id == "2019-01-wagner-caracas.txt"
    assert doc.date == pd.Period("2019-01", freq="M")
    assert doc.precision == "month" and doc.date_label == "2019-01"
    assert doc.text.startswith("Vrijdag meldde Reuters")
    assert doc.text.endswith("snakken")
    assert (doc.path, doc.line, doc.collection) == (str(ARTICLE), 1, "news")
    assert "\n\n" in doc.text  # paragraphs stay separated by a blank line


def test_demo_corpus_dates_equal_its_metadata_csv():
    with (RECHTSPRAAK / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        expected = {row["doc_id"]: row["date"] for row in csv.DictReader(handle)}
    corpus = load_corpus(RECHTSPRAAK)
    assert len(corpus) == len(expected) == 191
    assert {doc.id: doc.date_label for doc in corpus} == expected
    assert {doc.precision for doc in corpus} == {"day"}
    assert {doc.collection for doc in corpus} == {"rechtspraak"}
    doc = corpus["ECLI:NL:HR:1984:AC8252"]
    assert doc.source == "Hoge Raad"
    assert doc.title.startswith("ECLI:NL:HR:1984:AC8252 Hoge Raad")
    assert doc.metadata["procedure"] == "Cassatie"
    assert doc.path.endswith("texts/ECLI_NL_HR_1984_AC8252.txt")


def test_corpus_folder_loads_both_collections(shipped):
    assert len(shipped) == 192
    assert Counter(doc.collection for doc in shipped) == {"news": 1, "rechtspraak": 191}
    assert shipped["news/2019-01-wagner-caracas.txt"].date_label == "2019-01"
    assert sorted(Path(p.path).relative_to(CORPUS).as_posix() for p in shipped.ignored) == [
        "README.md", "news/README.md", "rechtspraak/README.md"]
    assert {p.reason for p in shipped.ignored} == {"no reader for its ending"}
    assert shipped.skipped == ()


def test_loading_never_modifies_files_under_corpus():
    before = tree_hashes(CORPUS)
    load_corpus(CORPUS)
    list(iter_documents(CORPUS / "rechtspraak"))
    load_corpus([ARTICLE, RECHTSPRAAK / "texts"], on_error="skip")
    load_corpus(CORPUS, format="text", require_date=False)
    assert tree_hashes(CORPUS) == before


def test_corpus_readme_examples_run(monkeypatch):
    monkeypatch.chdir(CORPUS.parent)
    result = doctest.testfile(str(CORPUS / "README.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3 and result.failed == 0


def test_iter_documents_streams_the_same_documents(shipped):
    streamed = iter_documents(CORPUS)
    assert not isinstance(streamed, (list, tuple))
    assert list(streamed) == list(shipped)


# -- news format --------------------------------------------------------------


def test_news_date_forms_and_layout(tmp_path):
    write(tmp_path / "a.txt", "\n  \t date 2019-01-15 Eerste alinea.\n\nTweede alinea.\n")
    write(tmp_path / "b.txt", "date 2019\nTekst op de volgende regel.")
    write(tmp_path / "c.txt", "date 2019-03\t\tTab na de datum.")
    corpus = load_corpus(tmp_path)
    assert [(d.id, d.date_label, d.precision) for d in corpus] == [
        ("a.txt", "2019-01-15", "day"), ("b.txt", "2019", "year"), ("c.txt", "2019-03", "month")]
    assert corpus["a.txt"].text == "Eerste alinea.\n\nTweede alinea."
    assert corpus["a.txt"].line == 2
    assert corpus["b.txt"].text == "Tekst op de volgende regel."
    assert corpus["c.txt"].text == "Tab na de datum."
    assert {d.collection for d in corpus} == {tmp_path.name}


def test_multi_record_news_file_ids_and_lines(tmp_path):
    write(tmp_path / "nieuws.txt",
          "date 2019-01 Eerste bericht.\n\nMeer tekst.\ndate 2019-02-03 Tweede bericht.\n"
          "\n   date 2020\nDerde bericht.\n")
    with pytest.warns(UserWarning, match=r"nieuws.txt: line\(s\) 4 start a new record"):  # right below text
        corpus = load_corpus(tmp_path / "nieuws.txt")
    assert [(d.id, d.line, d.date_label) for d in corpus] == [
        ("nieuws.txt#1", 1, "2019-01"), ("nieuws.txt#2", 4, "2019-02-03"),
        ("nieuws.txt#3", 6, "2020")]
    assert corpus["nieuws.txt#1"].text == "Eerste bericht.\n\nMeer tekst."
    assert corpus["nieuws.txt#3"].text == "Derde bericht."


def test_news_round_trip_written_by_hand(tmp_path):
    records = [("2019-01", "Wagner in Caracas.\n\n“Huurlingen” – zegt Reuters."),
               ("2019-01-25", "Maduro — gesteund door het Kremlin."),
               ("2018", "Een jaar eerder.")]
    write(tmp_path / "n.txt", "".join(f"date {d} {t}\n\n" for d, t in records))
    corpus = load_corpus(tmp_path / "n.txt")
    assert [(d.id, d.date_label, d.text) for d in corpus] == [
        (f"n.txt#{k}", d, t) for k, (d, t) in enumerate(records, start=1)]


def test_format_override_text_keeps_a_date_line_as_text(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Geen header hier.")
    doc = load_corpus(tmp_path / "a.txt", format="text")[0]
    assert doc.date is None and doc.text == "date 2019-01 Geen header hier."


def test_format_override_news_on_folder_reads_only_corpus_files(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Tekst.")
    write(tmp_path / "README.md", "# notes")
    corpus = load_corpus(tmp_path, format="news")
    assert corpus.ids == ["a.txt"]
    assert corpus.ignored == (Ignored(str(tmp_path / "README.md"), "no reader for its ending"),)


def test_format_override_csv_for_an_unknown_suffix(tmp_path):
    write_csv(tmp_path / "export.dat", [["text", "date"], ["Hallo", "2019-01"]])
    assert load_corpus(tmp_path / "export.dat", format="csv")[0].date_label == "2019-01"


# -- folders of text files with metadata.csv ----------------------------------


def test_text_folder_with_metadata_csv_is_searched_recursively(tmp_path):
    write(tmp_path / "texts" / "a.txt", "Tekst a.")
    write(tmp_path / "texts" / "sub" / "b.txt", "Tekst b.")
    write(tmp_path / "c.txt", "Tekst c.")
    write(tmp_path / ".hidden" / "d.txt", "verborgen")
    write_csv(tmp_path / "metadata.csv", [
        ["file", "date", "title", "source", "court"],
        ["texts/a.txt", "2019-01-15", "Titel A", "NRC", "HR"],
        ["texts/sub/b.txt", "2019-02", "Titel B", "NOS", ""],
        ["c.txt", "2019", "Titel C", "", "RvS"],
    ])
    corpus = load_corpus(tmp_path)
    assert corpus.ids == ["c.txt", "texts/a.txt", "texts/sub/b.txt"]
    a = corpus["texts/a.txt"]
    assert (a.date_label, a.title, a.source, dict(a.metadata)) == (
        "2019-01-15", "Titel A", "NRC", {"court": "HR"})
    assert corpus["texts/sub/b.txt"].metadata["court"] is None
    assert corpus["c.txt"].source is None
    assert {d.collection for d in corpus} == {tmp_path.name}  # the folder holds metadata.csv


def test_metadata_csv_keyed_by_doc_id(tmp_path):
    write(tmp_path / "X_1.txt", "Een.")
    write(tmp_path / "X_2.txt", "Twee.")
    write_csv(tmp_path / "metadata.csv", [["id", "date"], ["X_1", "2001-05-06"], ["X_2", "2002"]])
    corpus = load_corpus(tmp_path)
    assert [(d.id, d.date_label) for d in corpus] == [("X_1", "2001-05-06"), ("X_2", "2002")]


def test_text_folder_without_metadata_is_undated(tmp_path):
    write(tmp_path / "a.txt", "Geen datum.")
    assert load_corpus(tmp_path)[0].date is None


def test_metadata_csv_row_naming_a_missing_file(tmp_path):
    write(tmp_path / "a.txt", "Tekst.")
    write_csv(tmp_path / "metadata.csv", [["file", "date"], ["a.txt", "2019-01"],
                                          ["weg.txt", "2019-02"]])
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 3: .*does not exist: 'weg\.txt'"):
        load_corpus(tmp_path)
    corpus, _ = quietly(tmp_path, on_error="skip")
    assert corpus.ids == ["a.txt"]
    assert corpus.skipped == (Skipped(str(tmp_path / "metadata.csv"), 3,
                                      "metadata.csv names a file that does not exist", "weg.txt"),)


def test_text_file_without_a_row_where_metadata_has_dates(tmp_path):
    write(tmp_path / "a.txt", "Tekst.")
    write(tmp_path / "b.txt", "Geen rij.")
    write_csv(tmp_path / "metadata.csv", [["file", "date"], ["a.txt", "2019-01"]])
    with pytest.raises(CorpusError, match=r"b\.txt: no row for this file") as info:
        load_corpus(tmp_path)
    assert info.value.path == str(tmp_path / "b.txt")
    assert info.value.value == str(tmp_path / "metadata.csv")
    # without a date column, the metadata is optional
    write_csv(tmp_path / "metadata.csv", [["file", "title"], ["a.txt", "A"]])
    corpus = load_corpus(tmp_path)
    assert [(d.id, d.title) for d in corpus] == [("a.txt", "A"), ("b.txt", None)]
    # and require_date=False makes the dates optional too
    write_csv(tmp_path / "metadata.csv", [["file", "date"], ["a.txt", "2019-01"]])
    assert load_corpus(tmp_path, require_date=False)["b.txt"].date is None


def test_metadata_csv_bad_date_skips_only_its_file(tmp_path):
    write(tmp_path / "a.txt", "Tekst a.")
    write(tmp_path / "b.txt", "Tekst b.")
    write_csv(tmp_path / "metadata.csv", [["file", "date"], ["a.txt", "2019-13"],
                                          ["b.txt", "2019-12"]])
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 2: impossible date.*: '2019-13'"):
        load_corpus(tmp_path)
    corpus, messages = quietly(tmp_path, on_error="skip")
    assert corpus.ids == ["b.txt"] and len(messages) == 1
    assert [(s.line, s.value) for s in corpus.skipped] == [(2, "2019-13")]


def test_news_date_must_agree_with_metadata(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Tekst.")
    write_csv(tmp_path / "metadata.csv", [["file", "date", "source"], ["a.txt", "2019-02", "NOS"]])
    with pytest.raises(CorpusError, match=r"a\.txt, line 1: date differs .*: '2019-01'"):
        load_corpus(tmp_path)
    write_csv(tmp_path / "metadata.csv", [["file", "date", "source"], ["a.txt", "2019-01", "NOS"]])
    assert load_corpus(tmp_path)[0].source == "NOS"


# -- tables ---------------------------------------------------------------------


def test_csv_with_guessed_columns(tmp_path):
    write_csv(tmp_path / "t.csv", [
        ["id", "date", "title", "source", "text", "section"],
        ["n1", "2019-01-15", "Kop", "NRC", "Tekst een.", "binnenland"],
        ["n2", "2019-02", "", "NOS", "Tekst\ntwee.", ""],
    ])
    corpus = load_corpus(tmp_path / "t.csv")
    assert corpus.ids == ["n1", "n2"]
    n1, n2 = corpus
    assert (n1.date_label, n1.title, n1.source, dict(n1.metadata)) == (
        "2019-01-15", "Kop", "NRC", {"section": "binnenland"})
    assert (n2.date_label, n2.title, n2.text, n2.line) == ("2019-02", None, "Tekst\ntwee.", 3)
    assert n2.metadata == {"section": None}


def test_csv_with_named_columns_and_no_id(tmp_path):
    write_csv(tmp_path / "t.csv", [["body", "published", "krant"],
                                   ["Een.", "2019", "NRC"], ["Twee\nregels.", "2020", "AD"],
                                   ["Drie.", "2021", "AD"]])
    corpus = load_corpus(tmp_path / "t.csv", text="body", date="published", source="krant")
    assert [(d.id, d.line, d.date_label, d.source) for d in corpus] == [
        ("t.csv#1", 2, "2019", "NRC"), ("t.csv#2", 3, "2020", "AD"), ("t.csv#3", 5, "2021", "AD")]


def test_csv_id_option(tmp_path):
    write_csv(tmp_path / "t.csv", [["nummer", "date", "text"], ["7", "2019-01", "Zeven."]])
    assert load_corpus(tmp_path / "t.csv", id="nummer").ids == ["7"]


def test_tsv_round_trip_with_pandas(tmp_path):
    frame = pd.DataFrame({"doc": ["a", "b"], "datum": ["2019-01-02", "2019-03"],
                          "tekst": ["Eén “twee”", "drie – vier"]})
    frame.to_csv(tmp_path / "t.tsv", sep="\t", index=False)
    corpus = load_corpus(tmp_path / "t.tsv", text="tekst", date="datum", id="doc")
    assert [(d.id, d.date_label, d.text) for d in corpus] == list(
        zip(frame["doc"], frame["datum"], frame["tekst"], strict=True))


def test_csv_round_trip_with_the_csv_module(tmp_path):
    rows = [["id", "date", "text"], ["x", "1999-12-31", "Oud\r\nnieuws"], ["y", "2000", "Y2K"]]
    write_csv(tmp_path / "t.csv", rows)
    corpus = load_corpus(tmp_path / "t.csv")
    assert [(d.id, d.date_label, d.text) for d in corpus] == [
        ("x", "1999-12-31", "Oud\nnieuws"), ("y", "2000", "Y2K")]


def test_csv_field_longer_than_the_csv_module_default(tmp_path):
    long_text = "woord " * 40_000
    write_csv(tmp_path / "t.csv", [["date", "text"], ["2019", long_text]])
    assert load_corpus(tmp_path / "t.csv")[0].text == long_text.strip()
    assert csv.field_size_limit() == 131072  # restored afterwards


def test_jsonl_round_trip(tmp_path):
    records = [{"id": "a", "date": "2019-01-15", "text": "Café “Wagner” — Caracas", "n": 3},
               {"id": "b", "date": 2019, "text": "Jaar als getal", "tags": ["x", "y"]}]
    write_jsonl(tmp_path / "t.jsonl", records)
    corpus = load_corpus(tmp_path / "t.jsonl")
    assert [(d.id, d.date_label, d.text, d.line) for d in corpus] == [
        ("a", "2019-01-15", "Café “Wagner” — Caracas", 1), ("b", "2019", "Jaar als getal", 2)]
    assert dict(corpus["a"].metadata) == {"n": 3}
    assert dict(corpus["b"].metadata) == {"tags": ["x", "y"]}  # per record, not per file


def test_parquet_round_trip_with_pandas(tmp_path):
    frame = pd.DataFrame({
        "article_id": [10, 11],
        "published": [pd.Timestamp("2019-01-15 10:30"), pd.Timestamp("2019-02-01")],
        "content": ["Een “citaat”.", "Twee – streepjes."],
        "medium": ["NRC", "NOS"],
    })
    frame.to_parquet(tmp_path / "t.parquet", index=False)
    corpus = load_corpus(tmp_path / "t.parquet")
    assert [(d.id, d.date_label, d.text, d.source, d.line) for d in corpus] == [
        ("10", "2019-01-15", "Een “citaat”.", "NRC", 1), ("11", "2019-02-01", "Twee – streepjes.",
                                                       "NOS", 2)]
    named = load_corpus(tmp_path / "t.parquet", text="content", date="published", id="medium")
    assert named.ids == ["NRC", "NOS"]


def test_jsonl_with_named_columns(tmp_path):
    write_jsonl(tmp_path / "t.jsonl", [{"nr": "k1", "dag": "2019-01-15", "tekst": "Een."},
                                       {"nr": "k2", "dag": "2019-02", "tekst": "Twee."}])
    corpus = load_corpus(tmp_path / "t.jsonl", text="tekst", date="dag", id="nr")
    assert [(d.id, d.date_label, d.text) for d in corpus] == [
        ("k1", "2019-01-15", "Een."), ("k2", "2019-02", "Twee.")]
    assert all(d.metadata == {} for d in corpus)


def test_parquet_round_trip_with_pyarrow(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {"id": ["a", "b", "c"], "date": ["2019", "2019-02", "2019-02-03"],
            "text": ["Jaar.", "Maand “x”.", "Dag –\nregel twee."]}
    pq.write_table(pa.table(rows), tmp_path / "t.parquet")
    corpus = load_corpus(tmp_path / "t.parquet")
    assert [(d.id, d.date_label, d.text) for d in corpus] == list(
        zip(rows["id"], rows["date"], rows["text"], strict=True))
    assert [d.precision for d in corpus] == ["year", "month", "day"]


def test_list_of_paths_and_mixed_folder(tmp_path):
    write(tmp_path / "mix" / "news" / "a.txt", "date 2019-01 Nieuws.")
    write_csv(tmp_path / "mix" / "tabel" / "t.csv", [["date", "text"], ["2019-02", "Tabel."]])
    write_jsonl(tmp_path / "mix" / "tabel" / "t.jsonl", [{"date": "2019-03", "text": "JSON."}])
    pd.DataFrame({"date": ["2019-04"], "text": ["Parquet."]}).to_parquet(
        tmp_path / "mix" / "p.parquet")
    corpus = load_corpus(tmp_path / "mix")
    assert [(d.id, d.collection, d.date_label) for d in corpus] == [
        ("news/a.txt", "news", "2019-01"), ("p.parquet#1", "mix", "2019-04"),
        ("tabel/t.csv#1", "tabel", "2019-02"), ("tabel/t.jsonl#1", "tabel", "2019-03")]
    # a list is read in order, with ids relative to the common folder
    listed = load_corpus([tmp_path / "mix" / "tabel", tmp_path / "mix" / "news" / "a.txt"])
    assert listed.ids == ["tabel/t.csv#1", "tabel/t.jsonl#1", "news/a.txt"]
    assert [d.collection for d in listed] == ["tabel", "tabel", "news"]


def test_same_file_name_in_two_listed_folders_gets_two_ids(tmp_path):
    write(tmp_path / "2019" / "a.txt", "date 2019 Een.")
    write(tmp_path / "2020" / "a.txt", "date 2020 Twee.")
    assert load_corpus([tmp_path / "2019", tmp_path / "2020"]).ids == ["2019/a.txt", "2020/a.txt"]


def test_named_text_column_does_not_break_a_metadata_csv(tmp_path):
    write_csv(tmp_path / "tabel" / "t.csv", [["body", "date"], ["Tabel.", "2019"]])
    write(tmp_path / "teksten" / "a.txt", "Tekst.")
    write_csv(tmp_path / "teksten" / "metadata.csv", [["file", "date"], ["a.txt", "2018"]])
    corpus = load_corpus(tmp_path, text="body")
    assert [(d.id, d.date_label) for d in corpus] == [("tabel/t.csv#1", "2019"),
                                                      ("teksten/a.txt", "2018")]


def test_collection_option_overrides(tmp_path):
    write(tmp_path / "x" / "a.txt", "date 2019 Een.")
    assert load_corpus(tmp_path, collection="eigen")[0].collection == "eigen"


# -- text handling ----------------------------------------------------------------


def test_cp1252_file_warns_and_decodes(tmp_path):
    path = write(tmp_path / "win.txt", "date 2019-05 Het contract werd beëindigd – “zo”.",
                 encoding="cp1252")
    with pytest.warns(UserWarning, match=re.escape(str(path)) + r".*cp1252"):
        doc = load_corpus(path)[0]
    assert doc.text == "Het contract werd beëindigd – “zo”."


def test_explicit_encoding_refuses_a_file_that_does_not_decode(tmp_path):
    path = write(tmp_path / "win.txt", "date 2019-05\nRegel twee.\nbeëindigd", encoding="cp1252")
    with pytest.raises(CorpusError, match=re.escape(f"{path}, line 3: not valid utf-8")) as info:
        load_corpus(path, encoding="utf-8")
    assert info.value.path == str(path) and info.value.line == 3
    assert info.value.value == "ë".encode("cp1252")
    assert load_corpus(path, encoding="cp1252")[0].text == "Regel twee.\nbeëindigd"


def test_unknown_encoding_is_refused_early(tmp_path):
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        load_corpus(tmp_path, encoding="klingon")


def test_bom_crlf_nfd_and_typography(tmp_path):
    nfd = unicodedata.normalize("NFD", "beëindigd café")
    assert nfd != unicodedata.normalize("NFC", nfd)
    body = f"date 2019-01 “Aanhalingstekens” ‘enkel’ – en — {nfd}\r\n\r\nTweede\ralinea."
    path = write(tmp_path / "a.txt", "\ufeff" + body)
    doc = load_corpus(path)[0]
    assert doc.text == ("“Aanhalingstekens” ‘enkel’ – en — beëindigd café\n\nTweede\nalinea.")
    assert unicodedata.is_normalized("NFC", doc.text)
    assert "\ufeff" not in doc.text and "\r" not in doc.text


def test_bom_in_csv_header(tmp_path):
    write(tmp_path / "t.csv", "\ufeffid,date,text\r\na,2019,Tekst\r\n")
    assert load_corpus(tmp_path / "t.csv").ids == ["a"]


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1)
    .filter(lambda t: t.strip()), min_size=1, max_size=4),
    dates=st.lists(st.dates(min_value=dt.date(1000, 1, 1)), min_size=4, max_size=4))
def test_csv_round_trip_of_any_text(tmp_path_factory, texts, dates):
    folder = tmp_path_factory.mktemp("csv")
    rows = [["id", "date", "text"]]
    rows += [[f"d{k}", dates[k].isoformat(), t] for k, t in enumerate(texts)]
    write_csv(folder / "t.csv", rows)
    corpus = load_corpus(folder / "t.csv")
    assert [(d.id, d.date_label, d.text) for d in corpus] == [
        (f"d{k}", dates[k].isoformat(), loader_normalised(t)) for k, t in enumerate(texts)]


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1)
    .filter(lambda t: t.strip()), min_size=1, max_size=4),
    ascii_only=st.booleans())
def test_jsonl_round_trip_of_any_text(tmp_path_factory, texts, ascii_only):
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"id": f"d{k}", "date": "2019-01", "text": t}, ensure_ascii=ascii_only)
             for k, t in enumerate(texts)]
    write(folder / "t.jsonl", "\n".join(lines))
    corpus = load_corpus(folder / "t.jsonl")
    assert [(d.id, d.date_label, d.text) for d in corpus] == [
        (f"d{k}", "2019-01", loader_normalised(t)) for k, t in enumerate(texts)]


# -- bad input ------------------------------------------------------------------


def test_missing_path():
    with pytest.raises(FileNotFoundError, match="does not exist: 'geen/map'"):
        load_corpus("geen/map")
    with pytest.raises(FileNotFoundError, match="no corpus path"):
        load_corpus([])


def test_empty_folder(tmp_path):
    write(tmp_path / "README.md", "alleen notities")
    with pytest.raises(FileNotFoundError, match=re.escape(f"no corpus files (.txt, .csv, "
                                                          f".tsv, .jsonl, .parquet, .docx, .html, .rss, "
                                                          f".warc) in "
                                                          f"{str(tmp_path)!r}")):
        load_corpus(tmp_path)


def _bad_cases():
    """(name, files to write, load options, file named, line, value, reason pattern)."""
    return [
        ("news record without a date", {"a.txt": "date 2019-01 Goed.\ndate\nGeen datum."}, {},
         "a.txt", 2, "date", "no date after 'date'"),
        ("news record with a word for a date", {"a.txt": "date Vrijdag meldde Reuters"}, {},
         "a.txt", 1, "date Vrijdag meldde Reuters", "no date after 'date'"),
        ("text before the first record", {"a.txt": "Vooraf.\n\ndate 2019-12 Tekst."},
         {"format": "news"},
         "a.txt", 1, "Vooraf.", "text before the first 'date' line"),
        ("impossible month", {"a.txt": "date 2019-13 Tekst."}, {},
         "a.txt", 1, "2019-13", r"impossible date \(month must be in 1\.\.12\)"),
        ("impossible day", {"a.txt": "date 2019-01 Een.\n\ndate 2019-02-30 Twee."}, {},
         "a.txt", 3, "2019-02-30", r"impossible date \(day is out of range for month\)"),
        ("impossible date in a table", {"t.csv": "date,text\n2019-01,a\n2019-02-30,b\n"}, {},
         "t.csv", 3, "2019-02-30", "impossible date"),
        ("not a date in jsonl", {"t.jsonl": '{"date": "gisteren", "text": "a"}\n'}, {},
         "t.jsonl", 1, "gisteren", "not a date"),
        ("record with no date in a table", {"t.csv": "date,text\n,Tekst\n"}, {},
         "t.csv", 2, "", "no date in column 'date'"),
        ("duplicate id", {"t.csv": "id,date,text\nx,2019,a\ny,2019,b\nx,2019,c\n"}, {},
         "t.csv", 4, "x", r"duplicate document id \(first at .*t\.csv:2\)"),
        ("empty text file", {"leeg.txt": " \n\n"}, {}, "leeg.txt", 1, None, "empty document"),
        ("empty news record", {"a.txt": "date 2019 Een.\ndate 2020\n\n"}, {},
         "a.txt", 2, None, "empty document"),
        ("empty text in a table", {"t.tsv": "date\ttext\n2019\t  \n"}, {},
         "t.tsv", 2, None, "empty document"),
        ("binary file", {"plaatje.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, {},
         "plaatje.txt", 3, None, r"binary file \(NUL bytes"),
        ("neither UTF-8 nor cp1252", {"a.txt": b"date 2019 \x81\x8d"}, {},
         "a.txt", 1, b"\x81", r"not valid UTF-8 nor cp1252 \(byte 10\)"),
        ("table without the named text column", {"t.csv": "tekst,date\na,2019\n"},
         {"text": "body"}, "t.csv", 1, "body", r"text= names a column the table does not have"),
        ("table without the named date column", {"t.jsonl": '{"text": "a"}\n'},
         {"date": "datum"}, "t.jsonl", 1, "datum", r"date= names a column"),
        ("table without a text column", {"t.csv": "titel,date\na,2019\n"}, {},
         "t.csv", 1, None, r"no text column"),
        ("table without a date column when required", {"t.csv": "text\na\n"},
         {"require_date": True}, "t.csv", 1, None, r"no date column and require_date=True"),
        ("row with too many fields", {"t.csv": "date,text\n2019,a,b\n"}, {},
         "t.csv", 2, None, r"3 fields where the header has 2"),
        ("invalid JSON", {"t.jsonl": '{"text": "a", "date": 2019}\n{"text": \n'}, {},
         "t.jsonl", 2, '{"text":', r"invalid JSON"),
        ("header only", {"t.csv": "date,text\n"}, {},
         "t.csv", 1, None, "CSV has a header but no rows"),
        ("column named twice", {"t.csv": "text,date,text\na,2019,b\n"}, {},
         "t.csv", 1, "text", "column named twice"),
        ("plain text without a date when required", {"a.txt": "\nTekst."},
         {"require_date": True}, "a.txt", 2, None, "no date: a plain text file"),
    ]


@pytest.mark.parametrize("case", _bad_cases(), ids=lambda c: c[0])
def test_bad_input_error_names_file_line_and_value(tmp_path, case):
    _, files, options, name, line, value, reason = case
    for file_name, content in files.items():
        write(tmp_path / file_name, content)
    path = str(tmp_path / name)
    shown = "" if value is None else re.escape(f": {value!r}") + "$"
    with pytest.raises(CorpusError, match=f"^{re.escape(path)}, line {line}: {reason}.*{shown}"
                       ) as info:
        load_corpus(tmp_path, **options)
    error = info.value
    assert (error.path, error.line, error.value) == (path, line, value)
    assert re.match(reason, error.reason)


def test_unreadable_parquet(tmp_path):
    path = write(tmp_path / "kapot.parquet", b"PAR1 dit is geen parquet")
    with pytest.raises(CorpusError, match=re.escape(f"{path}: not a readable Parquet file")):
        load_corpus(path)


def test_parquet_without_the_named_column(tmp_path):
    pd.DataFrame({"text": ["a"], "date": ["2019"]}).to_parquet(tmp_path / "t.parquet")
    with pytest.raises(CorpusError, match=r"t\.parquet: id= names a column .*: 'nummer'$"):
        load_corpus(tmp_path / "t.parquet", id="nummer")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "geheim.txt", "date 2019 Tekst.")
    original_read, original_open = Path.read_bytes, Path.open

    def refuse(original):
        def call(self, *args, **kwargs):
            if self.name == "geheim.txt":
                raise PermissionError(13, "Permission denied")
            return original(self, *args, **kwargs)
        return call

    # the news reader streams the file (open), the plain text one reads it whole
    monkeypatch.setattr(Path, "read_bytes", refuse(original_read))
    monkeypatch.setattr(Path, "open", refuse(original_open))
    with pytest.raises(CorpusError, match=re.escape(f"{path}: cannot read the file "
                                                    "(Permission denied)")):
        load_corpus(tmp_path)


def test_skip_lists_every_skipped_record_and_warns_once(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Goed.\ndate 2019-13 Slecht.\n\ndate 2019-02 Goed.")
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.bin.txt", b"\x00\x01")
    write(tmp_path / "d.csv", "id,date,text\nx,2019,a\ny,2019-02-30,b\nz,2019,\n")
    write(tmp_path / "e.csv", "id,date,text\nx,2020,dubbel\nw,2020,goed\n")
    corpus, messages = quietly(tmp_path, on_error="skip")
    assert corpus.ids == ["a.txt#1", "a.txt#3", "x", "w"]
    p = str
    assert list(corpus.skipped) == [
        Skipped(p(tmp_path / "a.txt"), 2, "impossible date (month must be in 1..12)", "2019-13"),
        Skipped(p(tmp_path / "b.txt"), 1, "empty document"),
        Skipped(p(tmp_path / "c.bin.txt"), 1,
                "binary file (NUL bytes; UTF-16 text must be saved as UTF-8)"),
        Skipped(p(tmp_path / "d.csv"), 3, "impossible date (day is out of range for month)",
                "2019-02-30"),
        Skipped(p(tmp_path / "d.csv"), 4, "empty document"),
        Skipped(p(tmp_path / "e.csv"), 2,
                f"duplicate document id (first at {tmp_path / 'd.csv'}:2)", "x"),
    ]
    assert len(messages) == 1
    assert messages[0].startswith("6 record(s) skipped; see Corpus.skipped")
    assert "6 skipped" in repr(corpus)


def test_skip_with_iter_documents_warns_once(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Goed.\ndate 2019-13 Slecht.")
    write(tmp_path / "LEESMIJ.md", "geen corpusbestand")
    stream = iter_documents(tmp_path, on_error="skip")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(stream)
    assert [d.id for d in docs] == ["a.txt#1"]
    assert [(s.line, s.value) for s in stream.skipped] == [(2, "2019-13")]
    assert stream.ignored == (Ignored(str(tmp_path / "LEESMIJ.md"), "no reader for its ending"),)
    assert len(caught) == 1


def test_nothing_is_skipped_silently_by_default(tmp_path):
    write(tmp_path / "a.txt", "date 2019-01 Goed.\ndate 2019-13 Slecht.")
    with pytest.raises(CorpusError):
        list(iter_documents(tmp_path))


def test_bad_options():
    with pytest.raises(ValueError, match="format must be one of"):
        load_corpus(CORPUS, format="docx")
    with pytest.raises(ValueError, match="on_error must be"):
        load_corpus(CORPUS, on_error="ignore")


# -- require_date ---------------------------------------------------------------


def test_require_date(tmp_path):
    write(tmp_path / "a.txt", "Platte tekst.")
    write(tmp_path / "b.txt", "date\nNieuws zonder datum.")
    write_csv(tmp_path / "t.csv", [["date", "text"], ["", "Lege datum."]])
    relaxed = load_corpus(tmp_path, require_date=False)
    assert [(d.id, d.date) for d in relaxed] == [("a.txt", None), ("b.txt", None),
                                                ("t.csv#1", None)]
    corpus, _ = quietly(tmp_path, on_error="skip")  # default: where the source has a date field
    assert corpus.ids == ["a.txt"]
    assert [(Path(s.path).name, s.line) for s in corpus.skipped] == [("b.txt", 1), ("t.csv", 2)]
    strict, _ = quietly(tmp_path, on_error="skip", require_date=True)
    assert strict.ids == []
    assert [(Path(s.path).name, s.line) for s in strict.skipped] == [
        ("a.txt", 1), ("b.txt", 1), ("t.csv", 2)]
    with pytest.raises(CorpusError, match="a.txt, line 1: no date"):
        load_corpus(tmp_path / "a.txt", require_date=True)


# -- parse_date and periods -------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2019", pd.Period("2019", freq="Y")),
    (2019, pd.Period("2019", freq="Y")),
    ("2019-01", pd.Period("2019-01", freq="M")),
    ("2019-1", pd.Period("2019-01", freq="M")),
    (" 2019-01 ", pd.Period("2019-01", freq="M")),
    ("2019-01-15", pd.Period("2019-01-15", freq="D")),
    ("2019-1-5", pd.Period("2019-01-05", freq="D")),
    ("15-01-2019", pd.Period("2019-01-15", freq="D")),
    ("2019-01-15T10:30:00Z", pd.Period("2019-01-15", freq="D")),
    ("2019-01-15 10:30+01:00", pd.Period("2019-01-15", freq="D")),
    (dt.date(2019, 1, 15), pd.Period("2019-01-15", freq="D")),
    (dt.datetime(2019, 1, 15, 23, 59), pd.Period("2019-01-15", freq="D")),
    (pd.Timestamp("2019-01-15 12:00"), pd.Period("2019-01-15", freq="D")),
    (pd.Period("2019-01", freq="M"), pd.Period("2019-01", freq="M")),
    ("2020-02-29", pd.Period("2020-02-29", freq="D")),
])
def test_parse_date_accepts(value, expected):
    parsed = parse_date(value)
    assert parsed == expected and parsed.freqstr == expected.freqstr


@pytest.mark.parametrize(("value", "message"), [
    ("2019-13", r"impossible date \(month must be in 1\.\.12\): '2019-13'"),
    ("2019-02-30", r"impossible date \(day is out of range for month\): '2019-02-30'"),
    ("2019-02-29", r"impossible date .*: '2019-02-29'"),
    ("2019-00", r"impossible date .*: '2019-00'"),
    ("2019-01-00", r"impossible date .*: '2019-01-00'"),
    ("31-04-2019", r"impossible date .*: '31-04-2019'"),
    ("19-01", r"not a date .*: '19-01'"),
    ("januari 2019", r"not a date .*: 'januari 2019'"),
    ("2019/01/15", r"not a date .*: '2019/01/15'"),
    ("", r"not a date .*: ''"),
    (None, r"not a date: None"),
    (2019.0, r"not a date: 2019.0"),
    (True, r"not a date: True"),
    (pd.NaT, r"not a date: NaT"),
    (pd.Period("2019-01-14", freq="W"), r"year, month or day"),
])
def test_parse_date_rejects(value, message):
    with pytest.raises(ValueError, match=message):
        parse_date(value)


def test_period_label():
    day = parse_date("2019-12-30")
    assert [period_label(day, by) for by in ("year", "month", "week", "day")] == [
        "2019", "2019-12", "2020-W01", "2019-12-30"]
    assert period_label(parse_date("2021-01-03"), "week") == "2020-W53"
    assert period_label(parse_date("2019-03"), "year") == "2019"
    assert period_label(None, "month") is None
    with pytest.raises(ValueError, match="month precision; it cannot be grouped by 'week'"):
        period_label(parse_date("2019-03"), "week")
    with pytest.raises(ValueError, match="year precision"):
        period_label(parse_date("2019"), "day")
    with pytest.raises(ValueError, match="by must be one of"):
        period_label(None, "quarter")


def test_period_range_and_start():
    assert period_range(["2019-W52", "2020-W02"], "week") == ["2019-W52", "2020-W01", "2020-W02"]
    assert period_range(["2021-W01", "2020-W52"], "week") == ["2020-W52", "2020-W53", "2021-W01"]
    assert period_range(["2019-11", "2020-02"], "month") == [
        "2019-11", "2019-12", "2020-01", "2020-02"]
    assert period_range(["2019", "2017"], "year") == ["2017", "2018", "2019"]
    assert period_range(["2020-02-28", "2020-03-01"], "day") == [
        "2020-02-28", "2020-02-29", "2020-03-01"]
    assert period_range([], "month") == []
    assert period_start("2020-W01", "week") == pd.Timestamp("2019-12-30")
    assert period_start("2019", "year") == pd.Timestamp("2019-01-01")
    with pytest.raises(ValueError, match="ISO week label"):
        period_range(["2019-01"], "week")


# -- Document and Corpus ----------------------------------------------------------


def toy() -> Corpus:
    return Corpus([
        Document("y", parse_date("2019"), "een jaar", source="NRC", metadata={"sectie": "a"}),
        Document("m", parse_date("2019-01"), "een maand lang", source="NOS",
                 metadata={"sectie": "b"}),
        Document("d", parse_date("2019-01-15"), "een dag", source="NRC",
                 metadata={"sectie": "a"}),
        Document("f", parse_date("2019-02-01"), "februari", metadata={"sectie": "b"}),
        Document("u", None, "zonder datum", source="AD"),
    ], skipped=[Skipped("x.txt", 1, "empty document")])


def test_document_is_frozen_and_checked():
    metadata = {"k": 1}
    doc = Document("a", parse_date("2019-01"), "tekst", metadata=metadata)
    metadata["k"] = 2
    assert doc.metadata["k"] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "anders"
    with pytest.raises(TypeError):
        doc.metadata["k"] = 3
    with pytest.raises(ValueError, match="non-empty str"):
        Document("", None, "x")
    with pytest.raises(TypeError, match="pandas Period"):
        Document("a", "2019-01", "x")
    with pytest.raises(ValueError, match="year, month or day"):
        Document("a", pd.Period("2019Q1", freq="Q"), "x")
    assert hash(doc) == hash(Document("a", parse_date("2019-01"), "tekst"))
    assert len(repr(Document("a", None, "x" * 10_000))) < 200


@pytest.mark.parametrize(("options", "expected"), [
    ({}, ["y", "m", "d", "f", "u"]),
    ({"start": "2019"}, ["y", "m", "d", "f"]),
    ({"start": "2019-01"}, ["y", "m", "d", "f"]),
    ({"start": "2019-01-02"}, ["d", "f"]),
    ({"end": "2019-01"}, ["m", "d"]),
    ({"end": "2019-01-31"}, ["m", "d"]),
    ({"end": "2019-01-30"}, ["d"]),
    ({"start": "2019", "end": "2019"}, ["y", "m", "d", "f"]),
    ({"start": "2019-01-15", "end": "2019-01-15"}, ["d"]),
    ({"start": "2019-02", "end": "2019-12"}, ["f"]),
    ({"end": "2018"}, []),
    ({"source": "NRC"}, ["y", "d"]),
    ({"source": ["NOS", "AD"]}, ["m", "u"]),
    ({"source": None}, ["f"]),
    ({"sectie": "b", "start": "2019-01"}, ["m", "f"]),
    ({"precision": "day"}, ["d", "f"]),
    ({"id": lambda i: i in "mu"}, ["m", "u"]),
    ({"date": lambda label: label is not None and label.startswith("2019-01")}, ["m", "d"]),
])
def test_filter_keeps_only_documents_whose_whole_date_is_inside(options, expected):
    assert toy().filter(**options).ids == expected


def test_filter_keeps_skipped_and_checks_its_arguments():
    assert len(toy().filter(source="NRC").skipped) == 1
    with pytest.raises(ValueError, match="no document has a field 'sectei'"):
        toy().filter(sectei="a")
    with pytest.raises(ValueError, match="start '2019-02' is after end '2019-01'"):
        toy().filter(start="2019-02", end="2019-01")
    with pytest.raises(ValueError, match="impossible date"):
        toy().filter(start="2019-13")


def test_lookup_len_iteration_and_duplicates():
    corpus = toy()
    assert len(corpus) == 5 and [d.id for d in corpus] == corpus.ids
    assert corpus["m"].date_label == "2019-01" and corpus[1] is corpus["m"]
    assert "m" in corpus and "x" not in corpus
    assert corpus[1:3].ids == ["m", "d"]
    assert corpus.date_range == ("2019-01", "2019")  # earliest start, latest end
    with pytest.raises(KeyError, match="no document with id 'x'"):
        corpus["x"]
    with pytest.raises(ValueError, match="duplicate document id 'a'"):
        Corpus([Document("a", None, "x"), Document("a", None, "y")])


def test_to_frame_columns_and_counts():
    frame = toy().to_frame()
    assert list(frame.columns) == ["id", "date", "precision", "start", "title", "source",
                                   "collection", "path", "line", "characters", "words", "sectie"]
    assert frame["words"].tolist() == [2, 3, 2, 1, 2]
    assert frame["characters"].tolist() == [8, 14, 7, 8, 12]
    assert frame["precision"].tolist()[:4] == ["year", "month", "day", "day"]
    assert pd.isna(frame.loc[4, "precision"])
    assert frame.loc[1, "start"] == pd.Timestamp("2019-01-01")
    assert pd.isna(frame.loc[4, "start"])
    assert frame["sectie"].tolist()[:4] == ["a", "b", "a", "b"]
    clash = Corpus([Document("a", None, "x", metadata={"words": "veel"})]).to_frame()
    assert clash.loc[0, "words"] == 1 and clash.loc[0, "metadata.words"] == "veel"
    assert list(Corpus().to_frame().columns)[:3] == ["id", "date", "precision"]


def test_summary_by_month_year_week_and_source():
    docs = [Document("a", parse_date("2018-12-31"), "een twee"),
            Document("b", parse_date("2019-03-02"), "drie", source="NOS"),
            Document("c", parse_date("2019-03-20"), "vier vijf zes", source="NOS"),
            Document("d", None, "zeven")]
    corpus = Corpus(docs)
    month = corpus.summary("month")
    assert month["month"].tolist() == ["2018-12", "2019-01", "2019-02", "2019-03", "undated"]
    assert month["documents"].tolist() == [1, 0, 0, 2, 1]
    assert month["words"].tolist() == [2, 0, 0, 4, 1]
    assert month["start"].tolist()[:2] == [pd.Timestamp("2018-12-01"), pd.Timestamp("2019-01-01")]
    year = corpus.summary("year")
    assert year[["year", "documents"]].values.tolist() == [
        ["2018", 1], ["2019", 2], ["undated", 1]]
    week = Corpus(docs[:2]).summary("week")
    assert week["week"].tolist()[:2] == ["2019-W01", "2019-W02"]  # 2018-12-31 is in 2019-W01
    assert week["week"].tolist()[-1] == "2019-W09" and len(week) == 9
    assert week["documents"].sum() == 2
    source = corpus.summary("source")
    assert source[["source", "documents", "words"]].values.tolist() == [
        ["NOS", 2, 4], ["(none)", 2, 3]]
    with pytest.raises(ValueError, match="document 'y': date '2019' has year precision"):
        toy().summary("week")
    with pytest.raises(ValueError, match="unknown by 'kwartaal'"):
        corpus.summary("kwartaal")
    assert Corpus().summary("month").empty


def test_summary_of_the_demo_corpus_by_year(shipped):
    rechtspraak = shipped.filter(collection="rechtspraak")
    year = rechtspraak.summary("year")
    assert year["documents"].sum() == 191
    assert year["year"].iloc[0] == "1984" and year["year"].iloc[-1] == "2015"
    assert len(year) == 2015 - 1984 + 1  # empty years are zero rows
    assert year.set_index("year").loc["1985", "documents"] == 0


def test_repr_html_shows_counts_range_and_collections(shipped):
    page = shipped._repr_html_()
    assert "192" in page and "1984-01-17 … 2019-01" in page
    assert "news: 1" in page and "rechtspraak: 191" in page
    assert repr(shipped) == "<Corpus: 192 documents, 1984-01-17 … 2019-01>"
