"""`mkdocs serve --dirty` (README, first command): an edited card shows after
one rebuild, which renders only the files that card changed, and the build's
own output never triggers another; the conversion starts as the file is saved;
the search index follows the edit without holding the page back."""

import os
import re
import subprocess
import sys
import time

import pytest
from static_site import fetch, free_port
from conftest import make_project


def wait_for(condition, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up waiting {seconds} s for {what}")


def watched_files(project) -> dict[str, tuple[int, int]]:
    """What `mkdocs serve` watches (the config, docs/, sources/, hooks/): a file
    the build wrote there would start another rebuild, and another."""
    paths = [project / "mkdocs.yml", *(p for d in ("docs", "sources", "hooks") for p in (project / d).rglob("*"))]
    return {str(p.relative_to(project)): (p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()}


def test_an_edited_card_shows_after_one_small_rebuild(tmp_path):
    project = make_project(tmp_path)
    initial = watched_files(project)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = f"http://127.0.0.1:{port}/decks/ml-quizlet-set/"
        wait_for(lambda: "Standard stochastic" in fetch(page), 120, "the first build")
        sitemap = f"http://127.0.0.1:{port}/sitemap.xml"
        pages_before = fetch(sitemap).count("<loc>")
        untouched = f"http://127.0.0.1:{port}/concepts/softmax/"
        # the search index is made beside the served site, and swapped in whole when complete
        entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        wait_for(lambda: '"zh"' in fetch(entry), 60, "the first search index")
        index_before = fetch(entry)
        assert "Softmax" in fetch(untouched)
        source = project / "sources" / "ml-quizlet-set.txt"
        text = source.read_text(encoding="utf-8")
        assert "Standard stochastic" in text
        before = watched_files(project)
        assert before == initial  # the first build wrote nothing there either
        edited = time.monotonic()
        source.write_text(text.replace("Standard stochastic", "Plainly stochastic"), encoding="utf-8")
        wait_for(lambda: "Plainly stochastic" in fetch(page), 60, "the edited card")
        print(f"edit shown after {time.monotonic() - edited:.1f} s")
        wait_for(lambda: fetch(entry) != index_before, 60, "the search index of the edited card")
        # pages the edit did not touch (their MkDocs pages kept from the build before) are all still there
        assert fetch(sitemap).count("<loc>") == pages_before > 200
        assert "Softmax" in fetch(untouched)
        # the two builds wrote nothing where MkDocs watches: only the edit itself changed there
        after = watched_files(project)
        assert {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} == {"sources/ml-quizlet-set.txt"}
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    rebuilds = re.findall(r"cards: (\d+) of (\d+) generated files changed", output)
    assert len(rebuilds) == 1, output[-3000:]  # one rebuild for one edit, none for its own files
    changed, total = map(int, rebuilds[0])
    assert 0 < changed <= 20 and changed * 10 < total, rebuilds  # its pages, quiz data and exports; not the site
    assert output.count("search index: ") == 2, output[-3000:]  # the first build's, the edit's: not the build's
    # the conversion started on the file event, before MkDocs' polling watcher noticed, and its build took it
    assert "(converted as the source was saved)" in output, output[-3000:]
