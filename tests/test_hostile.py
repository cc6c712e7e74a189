"""Hostile inputs: the cases of issue 11, each at the place it once broke.

Corpus files crafted to lose, garble or leak records; token stores that are
stale, damaged or written by several processes at once; CSV cells that a
spreadsheet would run as formulas; a command line driven into its corners.
Cases that always held (binary files, impossible dates, duplicate ids, one
bad line in 100,000, 20,000 tiny files, HTML in the report) run here too, so
they stay fixed. The whole module runs in the normal ``make test``.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from analysis import (
    CorpusError,
    CorruptTokensError,
    Document,
    kwic,
    load_corpus,
    load_tokens,
    parse_date,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]


def doc(doc_id: str, text: str, date: str | None = "2019-01", **fields) -> Document:
    return Document(doc_id, parse_date(date) if date else None, text, **fields)


def same_tokens(a, b) -> bool:
    return (a.vocabulary == b.vocabulary and np.array_equal(a.ids, b.ids)
            and np.array_equal(a.doc_offsets, b.doc_offsets) and np.array_equal(a.sent_offsets, b.sent_offsets))


# -- 1. an unclosed quote in a CSV/TSV never swallows the records after it ---------------------------


def csv_with_open_quote(path: Path, rows: int, bad: int, *, closed_at: int | None = None) -> Path:
    """``rows`` records; record ``bad`` (1-based) opens a quote it does not close
    (or closes only at record ``closed_at``)."""
    lines = ["id,date,text"]
    for i in range(1, rows + 1):
        text = f'"open quote {i}' if i == bad else f"tekst {i}"
        if i == closed_at:
            text += '"'
        lines.append(f"r{i},2019-01-{1 + i % 28:02d},{text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_quote_left_open_to_the_end_is_an_error_at_the_line_it_opened(tmp_path) -> None:
    path = csv_with_open_quote(tmp_path / "t.csv", 1000, 501)
    with pytest.raises(CorpusError, match=r"t.csv, line 502: a quoted field opened on this line is never closed"):
        load_corpus(path)
    with pytest.warns(UserWarning, match="1 record"):
        corpus = load_corpus(path, on_error="skip")
    assert len(corpus) == 999 and "r501" not in corpus and corpus["r1000"].text == "tekst 1000"
    assert [(s.line, s.value) for s in corpus.skipped] == [(502, 'r501,2019-01-26,"open quote 501')]


def test_a_quote_that_swallows_rows_is_an_error_and_the_rows_are_read(tmp_path) -> None:
    path = csv_with_open_quote(tmp_path / "t.tsv", 20, 5, closed_at=9)
    path.write_text(path.read_text(encoding="utf-8").replace(",", "\t"), encoding="utf-8")
    with pytest.warns(UserWarning, match="1 record"):
        corpus = load_corpus(path, on_error="skip")
    assert [(s.line, s.reason) for s in corpus.skipped] == [
        (6, "a quoted field opened on this line runs over 3 line(s) that look like rows of this table; "
            "is a closing quote missing?")]
    assert corpus.ids == [f"r{i}" for i in range(1, 21) if i != 5]
    assert corpus["r9"].text == 'tekst 9"'  # the stray closing quote stays in its own row's text


def test_a_text_over_several_lines_is_still_one_field(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,date,text\na,2019-01-01,"een, twee\nb,2019-01-02 staat in de tekst\n""c"", drie"\n'
                    'd,2019-01-03,vier\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus["a"].text == 'een, twee\nb,2019-01-02 staat in de tekst\n"c", drie'
    assert corpus.ids == ["a", "d"]


# -- 2. mixed encodings: each line decoded by itself ---------------------------------------------------


@pytest.mark.parametrize("name", ["mixed.csv", "mixed.txt", "mixed.jsonl"])
def test_one_cp1252_line_leaves_the_utf8_lines_alone(tmp_path, name) -> None:
    utf8, cp1252 = "café naïef ĳs €".encode(), "Café oud".encode("cp1252")
    if name.endswith(".csv"):
        raw = b"id,date,text\na,2019-01-01," + utf8 + b"\nb,2019-01-02," + cp1252 + b"\nc,2019-01-03," + utf8 + b"\n"
    elif name.endswith(".txt"):
        raw = b"date 2019-01 " + utf8 + b"\n" + cp1252 + b"\n" + utf8 + b"\n"
    else:
        raw = b"".join(b'{"id": "%s", "date": "2019-01", "text": "' % k + t + b'"}\n'
                       for k, t in ((b"a", utf8), (b"b", cp1252), (b"c", utf8)))
    (tmp_path / name).write_bytes(raw)
    with pytest.warns(UserWarning, match=rf"{name}: not valid UTF-8 on line [23]; read as cp1252"):
        corpus = load_corpus(tmp_path / name)
    text = "\n".join(doc.text for doc in corpus)
    assert text.count("café naïef ĳs €") == 2 and "Café oud" in text and "Ã" not in text


# -- 3. every failure of one record is that record's failure -------------------------------------------

BAD_JSON = {
    "deep": '{"id": "x", "date": "2019-01", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "long int": '{"id": "x", "date": "2019-01", "text": "t", "n": ' + "9" * 5000 + "}",
    "surrogate": '{"id": "x", "date": "2019-01", "text": "kapot \\ud800 teken"}',
    "surrogate in metadata": '{"id": "x", "date": "2019-01", "text": "t", "auteur": "\\udc00"}',
}


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_a_bad_json_line_of_any_kind_is_named_and_skippable(tmp_path, case) -> None:
    path = tmp_path / "d.jsonl"
    good = '{"id": "%s", "date": "2019-01", "text": "goed"}'
    path.write_text("\n".join([good % "a", BAD_JSON[case], good % "b"]) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d.jsonl, line 2: ") as caught:
        load_corpus(path)
    assert caught.value.line == 2 and caught.value.value
    with pytest.warns(UserWarning, match="1 record"):
        corpus = load_corpus(path, on_error="skip")
    assert corpus.ids == ["a", "b"] and corpus.skipped[0].line == 2
    kwic_lines = kwic(corpus, "goed")  # nothing left that fails later
    assert len(kwic_lines) == 2


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("format", ["csv", "tsv", "jsonl", "news", "text"])
def test_an_io_error_is_a_corpus_error_naming_the_file(format) -> None:
    with pytest.raises(CorpusError, match=r"/proc/self/mem.*cannot read the file"):
        load_corpus("/proc/self/mem", format=format)  # the read fails with EIO


def test_an_io_error_half_way_keeps_the_rows_before_it(tmp_path, monkeypatch) -> None:
    path = csv_with_open_quote(tmp_path / "t.csv", 10, 0)
    real_open = Path.open

    class Failing:
        def __init__(self, handle):
            self.handle, self.lines = handle, 0

        def readline(self):
            self.lines += 1
            if self.lines == 6:
                raise OSError(5, "Input/output error")
            return self.handle.readline()

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Failing(real_open(self, *a, **k))
                        if self == path else real_open(self, *a, **k))
    with pytest.warns(UserWarning, match="1 record"):
        corpus = load_corpus(path, on_error="skip")
    assert corpus.ids == ["r1", "r2", "r3", "r4"]
    assert [(s.line, s.reason) for s in corpus.skipped] == [(6, "cannot read the file (Input/output error)")]


# -- 4. a body line that starts with `date 2020` ---------------------------------------------------------


def test_a_record_split_by_a_body_line_is_reported(tmp_path) -> None:
    path = tmp_path / "nieuws.txt"
    path.write_text("date 2019-01 Eerste bericht.\n\nIn het jaar\ndate 2020 ging alles anders.\n\n"
                    "date 2019-02 Tweede bericht.\n\ndate 2019-03 Derde,\n\ndate 2021 werd het beter.\n",
                    encoding="utf-8")
    with pytest.warns(UserWarning, match=rf"{path}: line\(s\) 4, 10 start a new record"):
        corpus = load_corpus(path)
    assert [d.line for d in corpus] == [1, 4, 6, 8, 10]  # the format is kept: five records


def test_records_separated_by_blank_lines_give_no_warning(tmp_path) -> None:
    path = tmp_path / "nieuws.txt"
    path.write_text("date 2019-01 Eerste.\n\ndate 2019-02\nTweede.\n\n date 2019-03 Derde.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(load_corpus(path)) == 3


# -- 5 and 10. symbolic links: dangling ones listed, outside ones not read ---------------------------------


def test_dangling_and_outside_links_are_listed_not_read(tmp_path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("date 2019-01 Binnen.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # inside the folder: read
    (folder / "sub" / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    corpus = load_corpus(folder, require_date=False)
    assert corpus.ids == ["a.txt", "inside.txt"]
    reasons = {Path(i.path).name: i.reason for i in corpus.ignored}
    assert reasons["gone.txt"].startswith(f"dangling symbolic link (to {str(tmp_path / 'nothing.txt')!r})")
    assert reasons["leak.txt"] == (f"its real path {str(secret)!r} lies outside the folder loaded "
                                   "(follow_symlinks=True reads it)")
    assert reasons["elsewhere"].startswith("symbolic link to a folder")
    assert not any("root:x" in doc.text for doc in corpus)
    followed = load_corpus(folder, require_date=False, follow_symlinks=True)
    assert "root:x:0:0:root:/root:/bin/bash" in followed["leak.txt"].text


# -- cases that always held, kept so --------------------------------------------------------------------


def test_a_binary_file_is_named(tmp_path) -> None:
    (tmp_path / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match="plaatje.txt, line 3: binary file"):
        load_corpus(tmp_path / "plaatje.txt")


@pytest.mark.parametrize("date", ["2019-02-30", "2019-13", "0000", "2019-00-10"])
def test_an_impossible_date_is_named(tmp_path, date) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "a", "date": date, "text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"d.jsonl, line 1: .*'{date}'"):
        load_corpus(tmp_path / "d.jsonl")


def test_a_duplicate_id_is_named_and_skippable(tmp_path) -> None:
    (tmp_path / "d.jsonl").write_text("".join(json.dumps({"id": "a", "date": "2019", "text": t}) + "\n"
                                              for t in ("een", "twee")), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d.jsonl, line 2: duplicate document id \(first at .*d.jsonl:1\)"):
        load_corpus(tmp_path / "d.jsonl")
    with pytest.warns(UserWarning, match="1 record"):
        assert [d.text for d in load_corpus(tmp_path / "d.jsonl", on_error="skip")] == ["een"]


def test_one_bad_line_in_100000_json_lines(tmp_path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(100_000):
            end = "" if i == 73_456 else "}"  # one line cut short
            handle.write(f'{{"id": "r{i}", "date": "2019-01", "text": "t"{end}\n')
    with pytest.warns(UserWarning, match="1 record"):
        corpus = load_corpus(path, on_error="skip")
    assert len(corpus) == 99_999 and [(s.line, s.reason[:12]) for s in corpus.skipped] == [(73_457, "invalid JSON")]


def test_20000_tiny_files(tmp_path) -> None:
    folder = tmp_path / "veel"
    for i in range(20):
        sub = folder / f"map{i:02d}"
        sub.mkdir(parents=True)
        for j in range(1000):
            (sub / f"{j:04d}.txt").write_text(f"date 2019-{1 + j % 12:02d} Bericht {i}-{j}.\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert len(corpus) == 20_000 and corpus.skipped == () and corpus.ignored == ()
    assert corpus["map07/0123.txt"].text == "Bericht 7-123."


def test_html_in_a_corpus_is_escaped_in_the_report_footer() -> None:
    from analysis.report import provenance_footer

    footer = provenance_footer(ROOT / "corpus" / "news", {"term": "<script>alert(1)</script>"})
    assert "<script>" not in footer and "&lt;script&gt;" in footer


# -- 6. the fingerprint covers every field of every document ------------------------------------------

BASE = dict(title="Kop", source="NOS", collection="nieuws", path="a.txt", line=1, metadata={"genre": "bericht"})
CHANGES = {
    "title": {"title": "Andere kop"},
    "source": {"source": "NEW"},
    "collection": {"collection": "archief"},
    "path": {"path": "b.txt"},
    "line": {"line": 7},
    "metadata value": {"metadata": {"genre": "column"}},
    "metadata field": {"metadata": {"genre": "bericht", "auteur": "X"}},
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_store_is_stale_when_any_document_field_changed(tmp_path, change) -> None:
    store = tmp_path / "store"
    tokenize([doc("a", "Wagner in Caracas.", **BASE)], cache=store)
    changed = {**BASE, **CHANGES[change]}
    tokens = tokenize([doc("a", "Wagner in Caracas.", **changed)], cache=store)
    row = tokens.documents.iloc[0]
    for name, value in CHANGES[change].items():
        if name == "metadata":
            assert {key: row[key] for key in value} == value
        else:
            assert row[name] == value


def test_a_store_is_stale_when_the_date_precision_changed(tmp_path) -> None:
    store = tmp_path / "store"
    tokenize([doc("a", "Wagner.", "2019")], cache=store)
    assert tokenize([doc("a", "Wagner.", "2019-01")], cache=store).documents["precision"].tolist() == ["month"]


def test_changed_sources_in_metadata_csv_are_seen_through_the_cache(tmp_path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"Tekst nummer {i} over Wagner.", encoding="utf-8")
    sidecar = "file,date,source\n" + "".join(f"d{i}.txt,2019-01-0{i + 1},OLD\n" for i in range(3))
    (folder / "metadata.csv").write_text(sidecar, encoding="utf-8")
    store = tmp_path / "store"
    assert len(tokenize(load_corpus(folder), cache=store).filter(source="OLD")) == 3
    (folder / "metadata.csv").write_text(sidecar.replace("OLD", "NEW"), encoding="utf-8")
    assert len(tokenize(load_corpus(folder), cache=store).filter(source="NEW")) == 3


# -- 7. a damaged store is never reused ---------------------------------------------------------------

DOCS = [doc(f"d{i}", f"De minister sprak {i} keer over Wagner in Caracas. Het kabinet zweeg.") for i in range(50)]


def flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["ids.npy", "vocabulary.json", "documents.parquet", "sent_offsets.npy"])
def test_a_flipped_byte_is_caught_and_the_store_rebuilt(tmp_path, name) -> None:
    store = tmp_path / "store"
    fresh = tokenize(DOCS, cache=store)
    flip_last_byte(store / name)
    with pytest.warns(UserWarning, match=rf"{name}.*rebuilding the token store '{store}'"):
        again = tokenize(DOCS, cache=store)
    assert same_tokens(again, fresh)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert same_tokens(load_tokens(store, verify=True, corpus=DOCS), fresh)  # the rebuilt store is whole
    flip_last_byte(store / name)
    with pytest.raises(CorruptTokensError, match=f"{name}.*SHA-256") as caught:
        load_tokens(store, verify=True)
    assert caught.value.path == str((store / name).resolve())


def test_a_truncated_array_is_named_on_every_open(tmp_path) -> None:
    store = tmp_path / "store"
    fresh = tokenize(DOCS, cache=store)
    ids = store / "ids.npy"
    size = ids.stat().st_size
    ids.write_bytes(ids.read_bytes()[:-8])
    with pytest.raises(CorruptTokensError, match=rf"ids.npy' is damaged: size {size - 8:,} bytes, written {size:,}"):
        load_tokens(store)  # no verify: sizes are checked anyway
    with pytest.warns(UserWarning, match="ids.npy"):
        assert same_tokens(tokenize(DOCS, cache=store), fresh)


def test_a_damaged_meta_json_is_named(tmp_path) -> None:
    store = tmp_path / "store"
    tokenize(DOCS, cache=store)
    meta = json.loads((store / "meta.json").read_text(encoding="utf-8"))
    meta["positions"] += 1  # still JSON, no longer what was written
    (store / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(CorruptTokensError, match="meta.json' is damaged: its checksum"):
        load_tokens(store)
    (store / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptTokensError, match="meta.json' is damaged: not valid JSON"):
        load_tokens(store)


# -- 8. concurrent writers and readers of one store, in real processes --------------------------------

RACE_DOCS = [doc(f"d{i}", f"De minister sprak {i} keer over Wagner. Het kabinet zweeg.") for i in range(40)]


def race(role: str, target: Path, rounds: int, variants: dict, results) -> None:
    """One writer (saving its variant ``rounds`` times) or the reader (loading
    until every writer is done), in its own process; failures are reported."""
    failures, loads = [], 0
    go = target.parent / "go"
    while not go.exists():
        time.sleep(0.005)
    if role.startswith("writer"):
        for _ in range(rounds):
            try:
                variants[role.endswith("stem")].save(target)
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
        (target.parent / f"done-{role}").touch()
    else:
        while len(list(target.parent.glob("done-*"))) < 3 or loads < rounds:
            try:
                tokens = load_tokens(target)
                if not same_tokens(tokens, variants[tokens.settings["stem"]]):
                    failures.append("a store mixing two versions")
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
            loads += 1
    results.put((role, failures[:3], loads))


def test_concurrent_writers_all_succeed_and_readers_see_whole_stores(tmp_path) -> None:
    variants = {stem: tokenize(RACE_DOCS, stem=stem) for stem in (False, True)}
    target = tmp_path / "store"
    variants[False].save(target)  # readers find a store from the start
    context = multiprocessing.get_context("fork")  # real processes, without importing everything again
    results = context.Queue()
    roles = ["writer-plain", "writer-stem", "writer-stem2", "reader"]
    processes = [context.Process(target=race, args=(role, target, 40, variants, results)) for role in roles]
    for process in processes:
        process.start()
    (tmp_path / "go").touch()
    try:
        reports = {role: (failures, loads) for role, failures, loads in (results.get(timeout=120) for _ in roles)}
    finally:
        for process in processes:
            process.join(timeout=10)
            process.kill()
    assert {role: failures for role, (failures, _) in reports.items()} == {role: [] for role in roles}
    assert reports["reader"][1] >= 40
    # one whole store is left, and no version folder beside it
    assert same_tokens(load_tokens(target, verify=True), variants[load_tokens(target).settings["stem"]])
    assert [p.name for p in tmp_path.glob(".store.*")] == [target.resolve().name]


# -- 9. a cache that cannot be written ----------------------------------------------------------------


def test_an_unwritable_cache_names_the_path_given_and_still_returns_the_tokens(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = blocker / "store"
    with pytest.warns(UserWarning, match=f"cannot write the token store '{cache}'") as caught:
        tokens = tokenize(DOCS, cache=cache)
    assert "tmp" not in str(caught[0].message).replace(str(tmp_path), "")
    assert same_tokens(tokens, tokenize(DOCS))
    with pytest.raises(OSError, match=f"cannot write the token store '{cache}'"):
        tokens.save(cache)
    taken = tmp_path / "taken"
    taken.write_text("someone's notes", encoding="utf-8")
    with pytest.warns(UserWarning, match="is not a token store; not overwriting it"):
        assert same_tokens(tokenize(DOCS, cache=taken), tokens)
    assert taken.read_text(encoding="utf-8") == "someone's notes"


# -- 11. CSV cells that a spreadsheet would run ---------------------------------------------------

FORMULAS = [
    {"id": "a", "date": "2019-01-02", "title": '=HYPERLINK("http://evil.example","klik")', "source": "=1+1",
     "text": "@SUM(A1) Wagner landde in Caracas. Wagner -Wagner"},
    {"id": "b", "date": "2019-02-03", "title": "-2+3", "source": "@NOS", "text": "Wagner en Maduro in Caracas."},
    {"id": "c", "date": "2019-03-03", "title": "\tgewoon", "source": "NRC", "text": "Het kabinet zweeg over Wagner."},
]


@pytest.fixture()
def formula_corpus(tmp_path) -> Path:
    path = tmp_path / "formulas.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in FORMULAS), encoding="utf-8")
    return path


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def cells(csv_text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(csv_text)))


@pytest.mark.parametrize("command", [
    ["summary", "--by", "source"], ["summary", "--by", "title"], ["kwic", "wagner"],
    ["top", "--by", "source", "-n", "3"], ["collocates", "wagner", "--min-count", "1"],
])
def test_no_csv_cell_can_run_as_a_formula(formula_corpus, command) -> None:
    status, out, err = run_cli(command[0], str(formula_corpus), *command[1:], "--csv")
    assert status == 0, err
    table = cells(out)
    flat = [cell for row in table for cell in row]
    assert not [cell for cell in flat if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not is_number(cell)]
    neutralised = {cell for cell in flat if cell[:1] == "'"}
    expected = {
        "summary": {"'=1+1", "'@NOS"} if "source" in command else {"'=HYPERLINK(\"http://evil.example\",\"klik\")",
                                                                    "'-2+3"},
        "kwic": {"'@SUM(A1)", "'-Wagner"},
        "top": {"'=1+1", "'@NOS"},
        "collocates": {"'-wagner", "'@sum"},
    }[command[0]]
    assert expected <= neutralised


def test_json_output_keeps_the_text_as_it_is(formula_corpus) -> None:
    status, out, _ = run_cli("summary", str(formula_corpus), "--by", "source", "--json")
    assert status == 0
    assert [row["source"] for row in json.loads(out)] == ["=1+1", "@NOS", "NRC"]


# -- 12. the command line: one line on stderr, never a traceback ---------------------------------------


def run_cli(*args: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def one_error_line(err: str, *needles: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("analysis ") and ": error: " in err
    for needle in needles:
        assert needle in err


def test_report_into_an_existing_file_is_an_input_error(tmp_path) -> None:
    target = tmp_path / "report.html"
    target.write_text("mine", encoding="utf-8")
    status, out, err = run_cli("report", str(ROOT / "corpus" / "news"), "--out", str(target))
    assert status == 2 and out == ""
    one_error_line(err, str(target), "is a file")
    assert target.read_text(encoding="utf-8") == "mine"
    status, _, err = run_cli("report", str(ROOT / "corpus" / "news"), "--out", str(target / "sub"))
    assert status == 2
    one_error_line(err, "is a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_report_on_a_missing_corpus_creates_nothing(tmp_path) -> None:
    status, out, err = run_cli("report", str(tmp_path / "no-such-corpus"), "--out", str(tmp_path / "out"))
    assert status == 2 and out == ""
    one_error_line(err, "no-such-corpus")
    assert list(tmp_path.iterdir()) == []


def test_a_closed_pipe_ends_quietly_with_status_1(tmp_path) -> None:
    corpus = tmp_path / "many.jsonl"  # 6,000 concordance lines: more than a pipe holds
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "date": "2019-01", "text": "de kat en de hond"}) + "\n"
                              for i in range(3000)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "analysis", "kwic", str(corpus), "de", "--csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stdout.readline().startswith(b"doc_id,")  # then the reader goes away, as `head -1` does
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    one_error_line(err, "broken pipe")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_an_unreadable_file_is_an_input_error() -> None:
    status, _, err = run_cli("summary", "/proc/self/mem")  # exists, but reading it fails (EIO)
    assert status == 2
    one_error_line(err, "/proc/self/mem")


def test_other_failures_are_status_1_in_one_line(formula_corpus, monkeypatch) -> None:
    import analysis

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(analysis, "load_corpus", disk_full)
    status, _, err = run_cli("summary", str(formula_corpus))
    assert status == 1
    one_error_line(err, "No space left on device")

    def bug(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(analysis, "load_corpus", bug)
    status, _, err = run_cli("summary", str(formula_corpus))
    assert status == 1
    one_error_line(err, "RuntimeError", "something unforeseen")


def test_warnings_are_one_line_each(tmp_path) -> None:
    (tmp_path / "oud.txt").write_bytes("date 2019-01 Caf\xe9 in Caracas.\n".encode("cp1252"))
    status, out, err = run_cli("summary", str(tmp_path))
    assert status == 0 and "2019" in out
    assert err.count("\n") == 1 and err.startswith("analysis summary: warning: ") and "oud.txt" in err, err


# -- 13. the report on a corpus with one bad record -------------------------------------------------


def test_every_notebook_loads_the_corpus_the_same_way() -> None:
    from analysis.report import notebook_paths

    for path in notebook_paths():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        loads = [line.strip() for source in code for line in source.splitlines() if "load_corpus(" in line]
        # the explorer alone falls back to the corpus `make explore CORPUS=...` names
        same = (r'corpus = analysis\.load_corpus\(corpus_path( or analysis\.config\.default_corpus\(\))?, '
                r'on_error="skip"\)')
        assert len(loads) == 1 and re.fullmatch(same, loads[0]), path.name
        assert any(source.startswith("corpus.skipped") for source in code), path.name


FAILING = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [],
                      "source": "1 / 0"}],
           "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
           "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.notebooks
def test_one_failing_notebook_does_not_stop_the_others(tmp_path, monkeypatch) -> None:
    import analysis.report

    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "01-breaks.ipynb").write_text(json.dumps(FAILING), encoding="utf-8")
    working = json.loads(json.dumps(FAILING))
    working["cells"][0]["source"] = "print('werkt')"
    (folder / "02-works.ipynb").write_text(json.dumps(working), encoding="utf-8")
    monkeypatch.setattr(analysis.report, "notebook_paths", lambda: sorted(folder.glob("*.ipynb")))
    status, out, err = run_cli("report", "--out", str(tmp_path / "out"))
    assert status == 1
    assert (tmp_path / "out" / "02-works.html").is_file() and not (tmp_path / "out" / "01-breaks.html").exists()
    assert "02-works.html" in out
    last = err.strip().splitlines()[-1]
    assert last.startswith("analysis report: error: 01-breaks.ipynb failed: "
                           "cell 1: ZeroDivisionError: division by zero")
    assert str(tmp_path / "out" / "notebooks" / "01-breaks.ipynb") in last
