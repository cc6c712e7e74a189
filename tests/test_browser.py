"""In a real browser: the explorer served by Voilà follows a typed term, and
every HTML report shows its images without loading anything from the internet.

Debian's ``chromium`` (installed by .ci/run), driven by Playwright; Playwright
never downloads a browser here. Nothing leaves the machine: every request to
another host is aborted and fails the test.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import analysis
from analysis.config import corpus_dir, notebooks_dir
from analysis.explorer import cooccurring_names, explorer_command
from analysis.report import build_report, notebook_paths

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "file://", "data:", "blob:", "about:")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[object]:
    """A fresh headless chromium profile; skipped only when chromium is absent."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does this)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=LAUNCH_FLAGS, viewport={"width": 1300, "height": 900})
        yield context
        context.close()


class Watch:
    """The console errors and the requests to other hosts of one page."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


@pytest.fixture(scope="module")
def explorer_url() -> Iterator[str]:
    port = _free_port()
    command, env = explorer_command(port=port)
    server = subprocess.Popen(command, env=env, cwd=notebooks_dir(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Voilà did not start on {url} (exit {server.poll()})") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _hits(page) -> str:
    return page.inner_text(".explorer-kwic .explorer-hits")


def test_explorer_page_follows_a_typed_term(browser, explorer_url) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(explorer_url)
    page.wait_for_selector(".explorer-kwic .explorer-hits", timeout=120_000)
    first_image = page.get_attribute("img.explorer-trend", "src")
    first_hits = _hits(page)
    # the names of the starting term fill in once found in the background
    page.wait_for_function("() => document.querySelector('.explorer-names').innerText.includes('Names in the')",
                           timeout=120_000)
    first_names = page.inner_text(".explorer-names")
    term = page.locator(".explorer-term input")
    term.fill("belasting*")
    term.press("Enter")
    page.wait_for_function("old => document.querySelector('.explorer-kwic .explorer-hits').innerText != old",
                           arg=first_hits, timeout=30_000)
    # the concordance counts every hit, as the library finds them in the texts
    expected = len(analysis.kwic(analysis.load_corpus(corpus_dir()), "belasting*"))
    assert _hits(page).startswith(f"{expected:,} hits")
    keywords = page.locator(".explorer-kwic tbody tr td:nth-child(4)").all_inner_texts()
    assert keywords and all(k.lower().startswith("belasting") for k in keywords)
    assert "Collocates of belasting*" in page.inner_text(".explorer-collocates")
    # the names panel follows the term: the names of the documents with a hit, as the library counts them
    corpus = analysis.load_corpus(corpus_dir())
    with_term = analysis.kwic(corpus, "belasting*")["doc_id"].unique().tolist()
    expected = cooccurring_names(analysis.name_mentions(corpus), with_term)
    names = page.inner_text(".explorer-names")
    assert names != first_names and f"Names in the {len(with_term):,} documents with 'belasting*'" in names
    shown = page.locator(".explorer-names tbody tr td:nth-child(1)").all_inner_texts()
    assert shown == expected["term"].tolist()
    assert page.locator(".explorer-collocates tbody tr").count() > 0
    page.wait_for_function("old => document.querySelector('img.explorer-trend').src != old", arg=first_image)
    assert page.evaluate("() => { const i = document.querySelector('img.explorer-trend');"
                         " return i.complete && i.naturalWidth > 100; }")
    term.fill("qwxzv")
    term.press("Enter")
    page.wait_for_function("() => document.querySelector('.explorer-message').innerText.includes('no hits')")
    assert page.inner_text(".explorer-message").strip() == "no hits for 'qwxzv'"
    assert watch.errors == [], watch.errors
    assert watch.outside == [], watch.outside
    page.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    return build_report(None, tmp_path_factory.mktemp("report"), progress=False)


def test_every_html_report_loads_its_images_offline(browser, reports) -> None:
    assert sorted(p.name for p in reports) == sorted(p.stem + ".html" for p in notebook_paths())
    for path in reports:
        page = browser.new_page()
        watch = Watch(page)
        page.goto(path.as_uri(), wait_until="load")
        images = page.evaluate("() => Array.from(document.images, i => [i.complete && i.naturalWidth > 0, i.alt])")
        assert images, f"{path.name} shows no image"
        assert all(ok for ok, _ in images), f"{path.name}: images that did not load: {images}"
        assert watch.outside == [], f"{path.name} asked the internet for {watch.outside}"
        assert watch.errors == [], f"{path.name}: console errors {watch.errors}"
        page.close()
