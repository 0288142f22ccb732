"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server.

    def test_something(journey):                 # a French visitor, screenshots after each step
        page = journey.page
        page.goto(journey.url("/"))
        journey.step("home")                       # var/test-screenshots/<test>/01-home.png
        journey.accessible("home")                 # axe-core: no serious or critical violation
        other = journey.new_page(locale="en-GB")   # a second person in the same test
        ...
        journey.assert_accessible()                # what axe found on every page checked
        journey.assert_no_console_errors()         # CSP refusals, script errors on the site's pages

The screenshots are kept only when the test fails. Every test here is transactional (live server):
the database is emptied after it, so the data it needs is loaded by the test itself (tests/browser/data.py).
"""

import contextlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.VAR_DIR) / "test-screenshots"
# A loaded 2-core machine renders PDFs and runs fulfilment inside a request: give pages time, not sleeps.
ACTION_TIMEOUT_MS = 20_000
NAVIGATION_TIMEOUT_MS = 45_000
BLOCKING_IMPACTS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test item, so fixtures know at teardown whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser(transactional_db):
    """A headless chromium for one test, started after the test database is ready and stopped before it is flushed.

    While Playwright's sync API runs its event loop in this thread, Django (asgiref) keeps the database
    connections of this thread apart from those made before: serialized rollback must run outside that time.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    # Django refuses ORM calls from a thread with a running event loop; Playwright's sync API runs one in
    # this thread while the tests read the database, which is safe here (one thread, no coroutine touches it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
    finally:
        # The connections the test opened while the event loop ran: closed before the loop (and their context) ends.
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def axe_violations(page, *, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core in the page and return its violations of the given impacts.

    axe's source goes in through page.evaluate (DevTools), not a <script> tag, so the site's
    Content-Security-Policy neither blocks it nor needs loosening for the tests.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make install` (npm ci installs the pinned axe-core)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;void 0;")
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
            }));
        }"""
    )
    return [violation for violation in results if violation["impact"] in impacts]


def violations_text(found: dict[str, list[dict]]) -> str:
    """Violations per page, readable in a test report."""
    lines = []
    for label, violations in found.items():
        for violation in violations:
            lines.append(
                f"[{label}] {violation['impact']}: {violation['id']}: {violation['help']} ({violation['helpUrl']})"
            )
            for node in violation["nodes"][:10]:
                lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
                lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


class Journey:
    """A person (or several) going through the site in chromium, with a screenshot after each step."""

    def __init__(self, *, browser, base_url: str, directory: Path, locale: str, viewport: dict):
        self.browser = browser
        self.base_url = base_url
        self.directory = directory
        self.contexts = []
        self.steps = 0
        self.violations: dict[str, list[dict]] = {}
        self.console_errors: list[str] = []
        self.page = self.new_page(locale=locale, viewport=viewport)

    def new_page(self, *, locale: str = "en-GB", viewport: dict = DESKTOP):
        """A fresh browser profile (own cookies) whose Accept-Language is `locale`."""
        context = self.browser.new_context(base_url=self.base_url, locale=locale, viewport=viewport)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and self._console_error(page, message.text))
        page.on("pageerror", lambda error: self._console_error(page, str(error)))
        return page

    def _console_error(self, page, text: str) -> None:
        # Only the site's own pages: the PayPal simulator and emails opened with set_content are not the site.
        if page.url.startswith(self.base_url + "/"):
            self.console_errors.append(f"{page.url}: {text}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def step(self, name: str, page=None) -> None:
        """Screenshot the page as it is now: var/test-screenshots/<test>/NN-<name>.png."""
        self.steps += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        (page or self.page).screenshot(path=str(self.directory / f"{self.steps:02d}-{slug}.png"), full_page=True)

    def accessible(self, label: str, page=None) -> None:
        """Record axe-core's serious and critical violations on this page; assert_accessible() reports them."""
        self.violations[label] = axe_violations(page or self.page)

    def assert_accessible(self) -> None:
        found = {label: violations for label, violations in self.violations.items() if violations}
        assert not found, "axe-core found serious or critical violations:\n" + violations_text(found)

    def assert_no_console_errors(self) -> None:
        """The site's pages logged no error: no refusal by the Content-Security-Policy, no script error, no bad SVG."""
        assert not self.console_errors, "The browser console reported errors:\n" + "\n".join(self.console_errors)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey_locale():
    """The first person's browser language; override in a module for another."""
    return "en-GB"


@pytest.fixture
def journey_viewport():
    """The first person's screen; override in a module (PHONE) for another."""
    return DESKTOP


@pytest.fixture
def journey(request, browser, live_server, settings, journey_locale, journey_viewport):
    """A browser page against the live server; screenshots of every step are kept if the test fails."""
    # Links in emails (certificate verification, QR codes) point at this server.
    settings.SITE_URL = live_server.url
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    directory = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    journey = Journey(
        browser=browser,
        base_url=live_server.url,
        directory=directory,
        locale=journey_locale,
        viewport=journey_viewport,
    )
    yield journey
    reports = [getattr(request.node, f"report_{when}", None) for when in ("setup", "call")]
    failed = any(report is not None and report.failed for report in reports)
    if failed:
        for context in journey.contexts:
            for page in context.pages:
                # A closed or crashed page has nothing more to show.
                with contextlib.suppress(Exception):
                    journey.step("at-failure", page)
        print(f"Screenshots of each step: {directory}")
    journey.close()
    if not failed:
        shutil.rmtree(directory, ignore_errors=True)
