"""A real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; never downloaded).

`browser` is one browser for the session. `offline_page` is a fresh page that can reach file://
URLs only: every other request is aborted and recorded, and console errors, page errors and
dialogs are recorded too, so a test can assert that nothing tried to leave the machine or run.
Without chromium the tests skip, unless KG_REQUIRE_BROWSER=1 (set in CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser required (KG_REQUIRE_BROWSER=1) but {reason}; run scripts/setup-browser.sh")
    pytest.skip(f"{reason}; run scripts/setup-browser.sh")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@dataclass
class OfflinePage:
    page: Any
    log: PageLog


@contextmanager
def open_offline_page(browser: Any, locale: str = "zh-CN") -> Iterator[OfflinePage]:
    """A 1400×900 page in a context of its own, in the locale given, that reaches file:// URLs only."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale=locale)
    log = PageLog()

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    try:
        yield OfflinePage(page, log)
    finally:
        context.close()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[OfflinePage]:
    with open_offline_page(browser) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


INJECTED_MARKUP = """exclude => ({
    img: Array.from(document.querySelectorAll("img, svg, iframe, object, embed, b")).filter(
        e => !(exclude && e.closest(exclude))).length,
    handlers: Array.from(document.querySelectorAll("*")).filter(
        e => Array.from(e.attributes).some(a => a.name.startsWith("on"))).length,
    scripts: document.scripts.length,
    jsLinks: document.querySelectorAll("a[href^='javascript']").length,
})"""


def injected_markup(page: Any, charts: str = "") -> dict[str, int]:
    """What hostile text would have added had it been parsed as HTML: elements that load or draw,
    event-handler attributes, scripts, javascript: links. Drawing elements inside `charts` (a CSS
    selector: charts drawn as SVG by their library) are not counted."""
    result: dict[str, int] = page.evaluate(INJECTED_MARKUP, charts)
    return result
