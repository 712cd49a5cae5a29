"""Shared fixtures: the seed sources, a built site, a loopback server, Chromium."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SEED_COUNTS = {  # entries per seed file, as ../shared/seeds/README.md counts them
    "deep-learning-anki.txt": 145,
    "deep-learning-flashcards.md": 26,
    "misc-ai-python.en.md": 26,
    "misc-ai-python.zh.md": 27,
    "ml-quizlet-set.txt": 56,
}
SEED_CARDS = sum(SEED_COUNTS.values())  # the one place the seed total is known

sys.path.insert(0, str(ROOT / "scripts"))

from static_site import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402  (as the benchmark serves them)
from cardsite.run.cli import options_of  # noqa: E402

OPTIONS = options_of(ROOT / "mkdocs.yml")  # the site's own settings, for converting without MkDocs


def make_project(tmp: Path, sources: Path | None = None, extra_files: dict[str, bytes] | None = None) -> Path:
    """A copy of the project with its own sources/ and docs/, to build in."""
    project = tmp / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "index.md", project / "docs" / "index.md")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copytree(sources or SOURCES, project / "sources")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX, installed by `npm ci`
    for name, data in (extra_files or {}).items():
        (project / "sources" / name).write_bytes(data)
    return project


def seed_files(folder: Path, *names: str) -> Path:
    """A sources folder with only these seed files (none: empty), for a test
    whose point needs no other deck: every deck left out is build time saved."""
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(SOURCES / name, folder / name)
    return folder


def build(project: Path, site: str = "site", **env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never -q: it would hide the warnings)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


def warnings_in(log: str) -> list[str]:
    return [ln for ln in log.splitlines() if ln.startswith(("WARNING", "ERROR"))]


@pytest.fixture(scope="session")
def seed_listener():
    """The seed site's server socket, bound before the site is built: the
    site is built for the address it is served at (site_url), as a published
    site is, or Material's instant navigation, which the quiz and the
    previews must survive, never starts."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield listener
    listener.close()


@pytest.fixture(scope="session")
def seed_url(seed_listener) -> str:
    return f"http://127.0.0.1:{seed_listener.getsockname()[1]}/"


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory, seed_url) -> Path:
    project = make_project(tmp_path_factory.mktemp("seed"))
    result = build(project, SITE_URL=seed_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert warnings_in(result.stderr) == [], result.stderr
    project.joinpath("build.log").write_text(result.stderr)
    return project


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The seeds plus every hostile and broken deck (tests/hostile.py), built
    strictly; the build log is kept as build.log."""
    from hostile import write_hostile_sources

    def make(folder: Path) -> Path:
        project = make_project(folder)
        write_hostile_sources(project / "sources")
        result = build(project, SOURCE_DATE_EPOCH=BUILD_EPOCH)
        assert result.returncode == 0, result.stdout + result.stderr
        project.joinpath("build.log").write_text(result.stderr)
        return project

    return built_once(tmp_path_factory, "hostile", make)


def built_once(tmp_path_factory, name: str, make) -> Path:
    """make(folder) → project, run once for the whole test run: the first
    xdist worker that asks builds it while the others wait, then all of them
    read it (a second build would take CPU the other worker needs). Nothing
    may change a site built so."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's, shared by its workers
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            done.write_text(str(make(folder)))
    return Path(done.read_text())


BUILD_EPOCH = "1767225600"  # 2026-01-01: a fixed build date for the reproducibility tests


@pytest.fixture(scope="session")
def seed_corpus():
    from cardsite.run.pipeline import read_sources

    return read_sources(SOURCES)


@pytest.fixture(scope="session")
def cards(seed_site) -> list[dict]:
    """Every item of the seed site's quiz data, as the quiz reads it."""
    folder = seed_site / "site" / "quiz" / "cards"
    index = json.loads((folder / "index.json").read_text())
    return [card for chunk in index["chunks"] for card in json.loads((folder / chunk["file"]).read_text())["cards"]]


@pytest.fixture(scope="session")
def server(seed_site, seed_listener):
    """The built seed site on 127.0.0.1, at the address it was built for."""
    yield from serve(seed_site / "site", listener=seed_listener)


def serve(folder: Path, listener: socket.socket | None = None, policy_header: bool = True):
    """Serve a built site as a host would: with the Content-Security-Policy
    header the build asks for (site/_headers), or, policy_header=False, as
    GitHub Pages or a plain file server does, without it (the pages' own
    <meta> policy is then all there is). listener: a bound socket to serve
    on (else a free port)."""
    from cardsite.site.csp import HEADERS_FILE, policy_of_site

    policy = policy_of_site(folder) if policy_header and (folder / HEADERS_FILE).is_file() else ""
    with served(folder, policy, listener) as url:
        yield url


def eventually(page, expression: str, arg=None, timeout_ms: int = 5000):
    """The value of a page expression (async ones included) once it is
    truthy; fails after timeout_ms. page.wait_for_function cannot do this:
    it takes the promise an async function returns for a truthy value."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not (value := page.evaluate(expression, arg)):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)
    return value


def open_for_instant_navigation(page, url: str) -> None:
    """Open a page and wait until Material's instant navigation has started
    on it (once the sitemap has arrived and been read), and mark the document,
    so that a test can check that a click did not load a page in full."""
    page.goto(url)
    # the sitemap's body has arrived (a response event comes with its headers, before its body)
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.endsWith('/sitemap.xml') && e.responseEnd > 0)", timeout=10_000)
    # then read it once more as Material does (fetch, text, parse): Material's reading, started
    # first, has ended by then. Material intercepts a click only on a link whose address is in the
    # sitemap, so a site served at another address than it was built for never navigates instantly.
    first = page.evaluate("""async () => {
        const url = performance.getEntriesByType('resource').find(e => e.name.endsWith('/sitemap.xml')).name;
        const xml = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/xml');
        await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
        return xml.querySelector('loc').textContent.trim();
    }""")
    assert first.startswith(page.evaluate("location.origin")), f"the site was built for another address: {first}"
    page.evaluate("window.sameDocument = true")  # gone if a page loads in full




# The files that take longest, started first (pytest-xdist hands out whole files in
# this order, --no-loadscope-reorder in pyproject.toml): started last, the page
# walk alone made a 100-second tail while the other worker sat idle.
LONGEST_FIRST = ["browser/test_hostile_browser.py", "test_real_exports.py", "test_hostile.py", "test_serve.py",
                 "browser/test_quiz.py", "test_properties.py", "browser/test_search.py"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        path = item.path.relative_to(Path(__file__).parent).as_posix()
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the rest keep their order


def _midday_zone() -> str:
    """A fixed-offset time zone in which it is about noon now. The quiz's study
    day starts at 4 am, as Anki's does: run at 3:55, a card graded Good (back in
    10 minutes) would belong to tomorrow, and the tests' counts with it."""
    offset = (12 - datetime.now(timezone.utc).hour + 12) % 24 - 12  # hours east of UTC, -12…11
    return f"Etc/GMT{-offset:+d}"  # the tz database's Etc zones count west as positive


MIDDAY_ZONE = _midday_zone()


@pytest.fixture(scope="session")
def browser():
    """System Chromium through Playwright. Locally a missing browser skips the
    browser tests; with CI=true it fails them: CI must run them."""
    required = os.environ.get("CI", "").lower() == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            pytest.fail("playwright is not installed but CI=true requires the browser tests")
        pytest.skip("playwright not installed")
    if not Path(CHROMIUM).exists():
        if required:
            pytest.fail(f"Chromium not found at {CHROMIUM} but CI=true requires the browser tests")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, "TZ": MIDDAY_ZONE})
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
