"""The readers of news databases and the web, on fixtures in tests/data/formats (invented Dutch text).

Every expected value is read off the fixture by hand: outlets, dates, titles,
fields, bodies, and the errors that name file, record and value.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import CorpusError, load_corpus, stated_lengths
from analysis.readers import READERS, FileJob, reader_for

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


def one(name: str, **options):
    return load_corpus(FORMATS / name, **options)


# --------------------------------------------------------------------------
# LexisNexis classic text


def test_lexisnexis_fields_of_every_document():
    corpus = one("lexisnexis.TXT")
    assert corpus.ids == ["lexisnexis.TXT#1", "lexisnexis.TXT#2", "lexisnexis.TXT#3"]
    first, second, third = corpus
    assert (first.source, first.date_label, first.title) == (
        "NRC Handelsblad", "2010-01-11", "Kabinet wil strengere regels voor banken")
    assert first.metadata["byline"] == "Jan de Vries en Marieke Jansen"  # a wrapped field value
    assert first.metadata["section"] == "ECONOMIE; Blz. 12"
    assert first.metadata["length"] == 31
    assert first.metadata["language"] == "DUTCH"
    assert first.metadata["edition"] == "Editie Vandaag"
    assert first.metadata["load_date"] == "January 12, 2010"
    assert first.metadata["publication_type"] == "Krant"
    assert first.metadata["journal_code"] == "NRC"
    assert first.metadata["document"] == "1 of 2"
    assert first.text == (
        "DEN HAAG - Het kabinet wil banken strengere regels opleggen. Dat zei de minister van "
        "Financiën maandag na afloop van de ministerraad.\n\n"
        "ROTTERDAM: ook in de haven wordt het nieuws met belangstelling gevolgd door de bankiers.")
    assert first.line == 1 and first.path.endswith("lexisnexis.TXT")
    # Dutch date line and a HEADLINE field; a wrapped footer field.
    assert (second.source, second.date_label, second.title) == (
        "de Volkskrant", "2010-01-12", "Boeren protesteren opnieuw in Den Haag")
    assert second.metadata["length"] == 18
    assert second.metadata["subject"] == "LANDBOUW (90%); PROTESTEN (88%); STIKSTOF (75%)"
    assert "edition" not in second.metadata
    assert second.text.startswith("Honderden boeren") and second.text.endswith("stikstofbeleid.")
    # A second export concatenated (1 of 1), a monthly dated by month.
    assert (third.source, third.date_label, third.title, third.metadata["document"]) == (
        "Trouw", "2011-03", "De stille kracht van de polder", "1 of 1")
    assert third.text == "Een maandblad over het water, de dijken en de mensen die er wonen."
    assert all("Copyright" not in doc.text and "LOAD-DATE" not in doc.text for doc in corpus)


def test_stated_length_against_the_body():
    table = stated_lengths(one("lexisnexis.TXT"))
    assert table[["id", "stated", "words"]].values.tolist() == [
        ["lexisnexis.TXT#1", 31, 36], ["lexisnexis.TXT#2", 18, 16], ["lexisnexis.TXT#3", 12, 13]]
    # counted by hand: 22 + 14 words in the two paragraphs of the first body, 16 and 13 in the others
    assert table["difference"].tolist() == [5, -2, 1]
    assert table["ratio"].iloc[1] == pytest.approx(16 / 18)


def test_lexisnexis_missing_documents_and_impossible_dates_are_named():
    with pytest.raises(CorpusError) as error:
        one("lexisnexis-missing.txt")
    assert str(error.value).endswith("lexisnexis-missing.txt, line 15: document(s) missing: "
                                     "1 of 3 is followed by: '3 of 3'")
    with pytest.warns(UserWarning, match="2 record"):
        corpus = one("lexisnexis-missing.txt", on_error="skip")
    assert corpus.ids == ["lexisnexis-missing.txt#1"]
    assert [(s.line, s.reason, s.value) for s in corpus.skipped] == [
        (15, "document(s) missing: 1 of 3 is followed by", "3 of 3"),
        (19, "impossible date (day is out of range for month): 'February 30, 2012 Thursday'", None),
    ]


def test_lexisnexis_is_known_by_content_not_only_by_ending(tmp_path):
    renamed = tmp_path / "export.dat"
    shutil.copy(FORMATS / "lexisnexis.TXT", renamed)
    assert len(load_corpus(renamed)) == 3
    lower = tmp_path / "export.txt"
    shutil.copy(FORMATS / "lexisnexis.TXT", lower)
    assert reader_for(FileJob(lower, "export.txt", "auto")).name == "lexisnexis"
    news = tmp_path / "news.txt"
    news.write_text("date 2019-01 Wagner in Caracas.\n", encoding="utf-8")
    assert reader_for(FileJob(news, "news.txt", "auto")).name == "news"


def test_text_before_the_first_separator_is_an_error(tmp_path):
    path = tmp_path / "ln.txt"
    path.write_text("Zoekopdracht: stikstof\n" + (FORMATS / "lexisnexis.TXT").read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(CorpusError, match=r"ln.txt, line 1: text before the first 'N of M DOCUMENTS' line: "
                                          r"'Zoekopdracht: stikstof'"):
        load_corpus(path, format="lexisnexis")


# --------------------------------------------------------------------------
# Nexis Uni .docx


def test_nexis_uni_documents():
    first, second = one("nexis-uni.docx")
    assert (first.id, first.source, first.date_label, first.title) == (
        "nexis-uni.docx#1", "de Volkskrant", "2023-05-02", "Stikstofplan verdeelt de coalitie")
    assert first.text == ("Het stikstofplan van het kabinet verdeelt de coalitie.\n\n"
                          "De ene partij wil sneller, de andere wil de boeren meer tijd geven om te veranderen.")
    assert {k: first.metadata[k] for k in ("byline", "section", "length", "language", "load_date")} == {
        "byline": "Sanne de Wit", "section": "Binnenland; Blz. 4", "length": 24, "language": "DUT; NLD",
        "load_date": "May 3, 2023"}
    assert first.metadata["publication_type"] == "Krant"
    assert first.line == 14  # the paragraph of the title, after the cover page and a page break
    assert (second.source, second.date_label, second.title, second.metadata["length"]) == (
        "NRC", "2023-05-03", "Boeren blokkeren snelwegen", 14)
    assert second.text == "Boeren blokkeerden woensdag snelwegen rond Utrecht en Zwolle uit protest."
    assert stated_lengths([first, second])["words"].tolist() == [24, 10]


def test_nexis_uni_cover_count_and_missing_body(tmp_path):
    import docx

    document = docx.Document()
    for text in ["Documents (3)", "1. Een", "Een", "Trouw", "1 juni 2023 donderdag", "Body",
                 "Tekst van het eerste stuk.", "End of Document", "Twee", "Trouw", "2 juni 2023 vrijdag",
                 "Zonder body.", "End of Document"]:
        document.add_paragraph(text)
    path = tmp_path / "export.docx"
    document.save(str(path))
    with pytest.warns(UserWarning, match="2 record"):
        corpus = load_corpus(path, on_error="skip")
    assert corpus.ids == ["export.docx#1"]
    assert [(s.line, s.reason, s.value) for s in corpus.skipped] == [
        (9, "no 'Body' paragraph before 'End of Document'", "Twee"),
        (1, "the cover page lists 3 documents, the file holds", "2"),
    ]


def test_a_broken_docx_is_named(tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CorpusError, match=r"kapot.docx: not a readable .docx file"):
        load_corpus(path)


# --------------------------------------------------------------------------
# Web pages, feeds, web archives


def test_web_page_main_text_and_metadata():
    (page,) = one("page.html")
    assert (page.id, page.title, page.source, page.date_label) == (
        "page.html", "Storm raast over het midden van het land", "NOS", "2015-03-09")
    assert page.metadata["author"] == "Anne Bakker"
    assert page.metadata["description"] == "Code oranje in Utrecht en Gelderland."
    assert "Bomen vielen om in Utrecht en Amersfoort." in page.text
    assert "meldt ProRail." in page.text and "rustiger" in page.text
    for boilerplate in ("Home", "Sport", "Cookie-instellingen"):
        assert boilerplate not in page.text


def test_an_undated_page_is_undated_unless_a_date_is_required():
    (page,) = one("undated.htm")
    assert page.date is None and page.title == "Over deze website"
    assert page.text.startswith("Deze website verzamelt berichten over de polder")
    with pytest.raises(CorpusError, match=r"undated.htm, line 1: no publication date on the page"):
        one("undated.htm", require_date=True)


def test_rss2_entries():
    with pytest.warns(UserWarning, match="1 record"):
        corpus = one("nu-rss2.xml", on_error="skip")
    first, second = corpus
    assert (first.id, first.title, first.source, first.date_label) == (
        "nu-rss2.xml#1", "Kabinet trekt vijftig miljoen uit voor opvang", "NU.nl - Algemeen", "2023-05-01")
    assert first.text == ("Het kabinet trekt vijftig miljoen euro uit voor de opvang van asielzoekers. "
                          "Dat meldt de staatssecretaris.")
    assert first.metadata == {"entry": 1, "url": "https://www.nu.nl/politiek/1.html", "author": "Piet de Boer"}
    # 27 April 23:45 at -02:00 is 28 April in UTC.
    assert second.date_label == "2023-04-28"
    assert [(s.reason, s.value) for s in corpus.skipped] == [
        ("entry 3: no content or summary", "Een bericht zonder tekst")]


def test_atom_and_rss091_entries():
    first, second = one("correspondent.atom")
    assert (first.title, first.source, first.date_label, first.metadata["author"]) == (
        "Waarom de dijken hoger moeten", "De Correspondent", "2023-05-03", "Lotte Visser")
    assert first.text == "De zeespiegel stijgt sneller dan gedacht. Waterschappen willen de dijken verhogen."
    assert second.date is None and second.text == "Een stuk zonder publicatiedatum."
    with pytest.raises(CorpusError, match=r"correspondent.atom: entry 2: no published or updated date: "
                                          r"'Zonder datum'"):
        one("correspondent.atom", require_date=True)
    (west,) = one("west-rss091.rss")
    assert west.source == "Omroep West" and west.date is None
    assert west.text.endswith("Cafés op de boulevard zijn blij.")


def test_a_feed_is_known_by_content(tmp_path):
    path = tmp_path / "feed.txt"
    shutil.copy(FORMATS / "correspondent.atom", path)
    assert reader_for(FileJob(path, "feed.txt", "auto")).name == "text"  # .txt is never a feed
    xml = tmp_path / "page.xml"
    shutil.copy(FORMATS / "page.html", xml)
    with pytest.raises(CorpusError, match="page.xml: not a readable feed"):
        load_corpus(xml)
    # an XML file that is no feed is no feed, though feedparser would make an entry of its <item>
    (tmp_path / "settings.xml").write_text('<?xml version="1.0"?>\n<config><item name="x">Een tekst.</item></config>\n',
                                           encoding="utf-8")
    with pytest.raises(CorpusError, match=r"settings.xml: not a readable feed \(no <rss>"):
        load_corpus(tmp_path / "settings.xml")


def test_warc_html_responses():
    with pytest.warns(UserWarning, match="1 record"):
        corpus = one("archive.warc.gz", on_error="skip")
    storm, polder = corpus
    assert (storm.id, storm.title, storm.source, storm.date_label) == (
        "archive.warc.gz#1", "Storm raast over het midden van het land", "NOS", "2015-03-09")
    assert storm.metadata["url"] == "https://nos.nl/artikel/storm"
    assert storm.metadata["captured"] == "2015-03-10" and storm.metadata["date_from"] == "page"
    assert "Bomen vielen om" in storm.text
    # No date on the page: dated by its capture.
    assert (polder.date_label, polder.metadata["date_from"], polder.metadata["url"]) == (
        "2016-07-01", "capture", "https://polder.nl/over")
    (skipped,) = corpus.skipped
    assert skipped.reason.endswith("HTTP status 404") and skipped.value == "https://nos.nl/weg"
    assert storm.metadata["warc_offset"] < polder.metadata["warc_offset"]


# --------------------------------------------------------------------------
# Tables from Dutch Excel


def test_semicolon_csv_with_dutch_columns_and_dates():
    corpus = one("excel-nl.csv")
    assert corpus.ids == ["excel-nl.csv#1", "excel-nl.csv#2", "excel-nl.csv#3"]
    assert [d.date_label for d in corpus] == ["2023-07-07", "2023-06-15", "2023-03-01"]
    assert [d.title for d in corpus] == ["Kabinet valt", "Hittegolf", "Nieuwe brug"]
    assert [d.source for d in corpus] == ["NOS", "AD", "de Stentor"]
    assert corpus[0].text == "Het kabinet is gevallen; de premier biedt zijn ontslag aan."
    assert corpus[0].metadata == {"rubriek": "Politiek"}


def test_every_new_format_is_in_the_registry():
    names = [reader.name for reader in READERS]
    for name in ("lexisnexis", "nexis_uni", "web", "feed", "warc"):
        assert name in names
    assert names.index("lexisnexis") < names.index("news")  # tried before the .txt fallbacks


def test_nothing_is_written_next_to_the_fixtures(tmp_path):
    copy = tmp_path / "formats"
    shutil.copytree(FORMATS, copy)
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(copy, on_error="skip")
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == before
    per_file = pd.Series([Path(d.path).name for d in corpus]).value_counts().to_dict()
    assert per_file == {"lexisnexis.TXT": 3, "nexis-uni.docx": 2, "nu-rss2.xml": 2, "correspondent.atom": 2,
                        "archive.warc.gz": 2, "excel-nl.csv": 3, "page.html": 1, "undated.htm": 1,
                        "west-rss091.rss": 1, "lexisnexis-missing.txt": 1}
