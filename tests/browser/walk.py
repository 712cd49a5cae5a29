"""Walk many pages of a built site at once: one Chromium, several tabs
loading pages side by side (while one tab waits on the network or on
Playwright, another renders), each tab checking what it loaded. It runs in a
process of its own, so it can use Playwright's async API whatever the test
around it uses. Returns what it found wrong, as (path, problem) pairs."""

from __future__ import annotations

import asyncio
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from urllib.parse import urlsplit

TABS = 3
PER_PAGE_MS = 20_000

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
# What could run in the page as loaded: an event-handler attribute on any
# element, or a URL with a script-capable scheme (entities decoded, blanks
# dropped, as a browser reads it).
RUNNABLE = """() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const name = a.name.toLowerCase();
      const url = a.value.replace(/[\\u0000-\\u0020]+/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`handler: <${e.localName} ${name}>`);
      else if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster'].includes(name)
               && /^(javascript|vbscript|data:text\\/html)/.test(url)) found.push(`url: <${e.localName} ${name}=${a.value}>`);
    }
  }
  return found;
}"""
RAW_MATH = re.compile(r"(?<![\\\w])\$[^$\s][^$\n]*?[^\s\\]\$(?!\w)|\\\(.+?\\\)")
ARTICLE_TEXT = """() => { const a = document.querySelector('article').cloneNode(true);
    a.querySelectorAll('code, pre, .katex').forEach(e => e.remove()); return a.innerText; }"""


def walk(server: str, paths: list[str], check: str) -> list[tuple[str, str]]:
    """check: "scripts" (no dialog, console error, page error or policy
    violation) or "math" (no KaTeX error, no raw TeX, nothing fetched from
    outside 127.0.0.1)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_walk, server, paths, check).result()


def _walk(server: str, paths: list[str], check: str) -> list[tuple[str, str]]:
    return asyncio.run(_walk_async(server, paths, check))


async def _walk_async(server, paths, check):
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.async_api import async_playwright

    problems: list[tuple[str, str]] = []
    queue = list(reversed(paths))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # no service worker: it would fetch and keep every file of every page walked
        # (offline reading has tests of its own, tests/browser/test_offline.py)
        context = await browser.new_context(service_workers="block")
        context.set_default_timeout(PER_PAGE_MS)
        await context.add_init_script(WATCH)

        async def tab():
            page = await context.new_page()
            seen: list[str] = []
            page.on("dialog", lambda d: (seen.append(f"dialog: {d.message}"), asyncio.ensure_future(d.dismiss())))
            page.on("console", lambda m: m.type == "error" and seen.append(f"console: {m.text}"))
            page.on("pageerror", lambda e: seen.append(f"page error: {e}"))
            if check == "math":
                page.on("request", lambda r: urlsplit(r.url).hostname != "127.0.0.1" and seen.append(f"request: {r.url}"))
            while queue:
                path = queue.pop()
                await page.goto(server + path, wait_until="load")
                if check == "scripts":
                    seen.extend(await page.evaluate("window.__cspViolations"))
                    seen.extend(await page.evaluate(RUNNABLE))
                elif check == "math":
                    if await page.locator(".katex-error").count():
                        seen.append("KaTeX error box")
                    raw = RAW_MATH.search(await page.evaluate(ARTICLE_TEXT))
                    if raw:
                        seen.append(f"raw TeX: {raw.group(0)}")
                problems.extend((path, s) for s in seen)
                seen.clear()
            if await page.evaluate("typeof window.__cspViolations") != "object":
                problems.append(("", "the violation watch did not run"))

        await asyncio.gather(*(tab() for _ in range(TABS)))
        await browser.close()
    return problems
