"""The browser suite's fixtures: one real `fleetcare serve` with the demo company, and Chromium windows.

The server is the build's own binary (FLEETCARE_BIN, the debug build by default) on a throwaway SQLite file, filled
by `fleetcare seed-demo` and listening on a free port of 127.0.0.1. Chromium is Debian's, driven by Debian's
chromedriver through Selenium (no browser is downloaded).

A failing test leaves the screenshot and the HTML of the page it was on in FLEETCARE_BROWSER_ARTIFACTS
(.build/browser-artifacts by default); the CI log prints their paths.
"""
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from pagecheck import check_page

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("FLEETCARE_BIN", ROOT / ".build/debug/fleetcare"))
ARTIFACTS = pathlib.Path(os.environ.get("FLEETCARE_BROWSER_ARTIFACTS", ROOT / ".build/browser-artifacts"))
CHROMIUM = os.environ.get("FLEETCARE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FLEETCARE_CHROMEDRIVER", "/usr/bin/chromedriver")
PASSWORD = "fleetcare-demo"
COMPANY = "سرویس‌گستر پارس"
COMPANY_PHONE = "021-8877 6655"

LOGINS = {
    "admin": "admin@fleetcare.example",
    "dispatcher": "dispatch@fleetcare.example",
    "technician": "tech1@fleetcare.example",
    "technician2": "tech2@fleetcare.example",
    "client": "it@parsnovin.example",
    "hospital": "admin@mehregan-hospital.example",
}
PHONE = (390, 844)
DESK = (1366, 900)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base, log):
        self.base = base
        self.log = log


@pytest.fixture(scope="session")
def server():
    if not BIN.exists():
        pytest.exit(f"{BIN} is missing: build first (swift build)", returncode=2)
    work = pathlib.Path(tempfile.mkdtemp(prefix="fleetcare-browser-"))
    env = dict(os.environ, FLEETCARE_DATABASE_PATH=str(work / "demo.sqlite"), FLEETCARE_BCRYPT_COST="4",
               FLEETCARE_DELIVERY_EVERY_SECONDS="0", FLEETCARE_COMPANY_NAME=COMPANY,
               FLEETCARE_SERVICE_PHONE=COMPANY_PHONE, FLEETCARE_TIME_ZONE="Asia/Tehran")
    seeded = subprocess.run([str(BIN), "seed-demo"], env=env, capture_output=True, text=True)
    if seeded.returncode != 0:
        pytest.exit("seed-demo failed:\n" + seeded.stdout[-3000:] + seeded.stderr[-3000:], returncode=2)
    port = _free_port()
    log = open(work / "server.log", "w")
    proc = subprocess.Popen([str(BIN), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.exit("the server did not start:\n" + (work / "server.log").read_text()[-3000:], returncode=2)
    yield Server(base, work / "server.log")
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    errors = [l for l in (work / "server.log").read_text().splitlines() if re.search(r"\[ (ERROR|CRITICAL) \]", l)]
    shutil.rmtree(work, ignore_errors=True)
    assert not errors, "the server logged errors:\n" + "\n".join(errors[:10])


class Page:
    """A Chromium window signed in (or not) as one person, and the checker run on every page it lands on."""

    def __init__(self, driver, base, size):
        self.driver = driver
        self.base = base
        self.phone = size[0] <= 400
        self.checked = []

    # -- moving around -------------------------------------------------------------------------------------
    def open(self, path):
        self.driver.get(self.base + path)
        return self.check()

    def check(self, form_error=False):
        """Runs the checker on the page now shown. `form_error`: the page is a form sent back with what was typed
        and the reason (422 with an alert), which is what a refused form should be, not an error page."""
        problems = check_page(self.driver, self.phone, form_error=form_error)
        self.checked.append(self.path)
        assert not problems, f"{self.path}:\n  " + "\n  ".join(problems)
        return self

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def css(self, selector):
        return self.driver.find_element("css selector", selector)

    def all(self, selector):
        return self.driver.find_elements("css selector", selector)

    def text(self, selector="main"):
        return self.css(selector).text

    def click(self, selector_or_element, check=True, form_error=False):
        """Clicks and, if that loads a page, waits for it and checks it."""
        el = self.css(selector_or_element) if isinstance(selector_or_element, str) else selector_or_element
        old = self.driver.find_element("tag name", "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
        self._wait_for_new_page(old)
        if check:
            self.check(form_error=form_error)
        return self

    def link(self, text):
        """Follows the link whose text is `text` (the first one)."""
        for a in self.all("a"):
            if a.text.strip() == text:
                return self.click(a)
        raise AssertionError(f"no link {text!r} on {self.path}")

    def fill(self, **fields):
        """Types into named fields (clearing them first), picks options in selects and sets checkboxes."""
        from selenium.webdriver.support.ui import Select
        for name, value in fields.items():
            el = self.css(f'[name="{name}"]')
            if el.tag_name == "select":
                sel = Select(el)
                try:
                    sel.select_by_value(str(value))
                except Exception:
                    sel.select_by_visible_text(str(value))
            elif el.get_attribute("type") in ("checkbox", "radio"):
                if el.is_selected() != bool(value):
                    el.click()
            elif el.get_attribute("type") in ("date", "datetime-local", "time"):
                self.driver.execute_script("arguments[0].value = arguments[1]", el, str(value))
            else:
                el.clear()
                el.send_keys(str(value))
        return self

    def value(self, name):
        return self.css(f'[name="{name}"]').get_attribute("value")

    def _wait_for_new_page(self, old, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                old.tag_name
            except Exception:  # stale: a new document replaced it
                break
            time.sleep(0.05)
        while time.time() < deadline:
            if self.driver.execute_script("return document.readyState") == "complete":
                return
            time.sleep(0.05)

    # -- people ----------------------------------------------------------------------------------------------
    def sign_in(self, who, lang="fa"):
        """Signs in through the form; then, for `lang="en"`, switches to English with the header's link."""
        self.driver.get(self.base + "/sign-in")
        self.check()
        self.fill(email=LOGINS.get(who, who), password=PASSWORD)
        self.click('form button[type="submit"]')
        assert "/sign-in" not in self.path, f"sign-in as {who} failed: {self.text()[:300]}"
        return self.english() if lang == "en" else self

    def english(self):
        """Switches to English with the header's language link, as a person would."""
        self.click("a.lang")
        assert self.driver.execute_script("return document.documentElement.lang") == "en"
        return self


@pytest.fixture
def browser(server, request):
    """browser(size) -> a fresh Chromium window (no cookies) at that size; closed after the test."""
    drivers = []

    def make(size=PHONE):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--window-size={size[0]},{size[1]}", "--lang=fa", "--hide-scrollbars"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(60)
        # --window-size sets the outer window; the page's own viewport is what a phone has.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] <= 400})
        drivers.append(driver)
        return Page(driver, server.base, size)

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, d in enumerate(drivers):
            stem = ARTIFACTS / f"{request.node.name}-{i}".replace("/", "_").replace("[", "-").replace("]", "")
            try:
                d.save_screenshot(str(stem) + ".png")
                pathlib.Path(str(stem) + ".html").write_text(d.page_source)
                print(f"\nkept {stem}.png and {stem}.html ({d.current_url})")
            except Exception as e:  # a window that died still lets the others be kept
                print(f"\ncould not keep {stem}: {e}")
    for d in drivers:
        d.quit()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, "rep_" + rep.when, rep)
    return rep
