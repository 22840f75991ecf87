"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright, with the flags
this network needs (no background connections), and where screenshots go."""

import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from .servers import require_program

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test body
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

# What reaches past the right edge of the viewport: the page's scroll width and the first elements wider
# than it (maps, closed dialogs and hidden elements scroll or clip their content on purpose).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".leaflet-container, dialog:not([open]), .visually-hidden, [hidden]")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const rect = el.getBoundingClientRect();
    if (rect.width && rect.right > width + 1) wide.push(el.tagName.toLowerCase() + "." + el.className + " → " + Math.round(rect.right));
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


@contextmanager
def chromium_browser():
    """A launched browser, closed afterwards; skips (or fails on CI) when Chromium is missing."""
    chromium = require_program("Chromium", "/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # The test body ran its ORM calls while Playwright's event loop was up; close what it
            # opened here, or PostgreSQL keeps a session on the test database and refuses to drop it.
            from django.db import connections

            connections.close_all()


def new_page(browser, *, width: int = 1366, height: int = 900, timeout_ms: int = 15_000, **context):
    """A page in a fresh context (its own cookies) with a Chinese locale."""
    page = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **context).new_page()
    page.set_default_timeout(timeout_ms)
    return page


def log_in(page, base_url: str, username: str, password: str | None = None) -> None:
    """Signs in through the login form and waits for the home page."""
    from .personas import PASSWORD

    page.goto(base_url + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")


def shot(page, name: str) -> Path:
    """A full-page screenshot under var/screenshots/ (never into docs/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
