"""The dashboard in a real browser (Debian's chromium and chromedriver, which `make test`
installs when missing), served over the bundled sample plus a report carrying markup."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from eventscope.model import Document
from eventscope.readers import read_paths
from eventscope.store import Store

from .conftest import ROOT

SCREENSHOT = ROOT / ".test-artifacts" / "dashboard.png"
HOSTILE = "<script>window.injected = true</script> Gunmen killed four people in Kano on Monday."

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory, extractor):
    import uvicorn

    from eventscope.api import create_app

    db = tmp_path_factory.mktemp("dashboard") / "sample.db"
    documents = [d for d in read_paths([str(ROOT / "examples")]) if isinstance(d, Document)]
    documents.append(Document("hostile", HOSTILE, date(2024, 5, 7), title="<b>not bold</b>"))
    with Store(db) as store:
        for document in extractor.extract(documents):
            store.add(document)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, tiles="/tiles/{z}/{y}/{x}.png"), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("chromium and chromedriver are not installed (`make test` installs Debian's packages)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield chrome
    chrome.quit()


def _wait(condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def test_markers_filter_incident_view_and_escaping(served, browser):
    from selenium.webdriver.common.by import By

    browser.get(served)
    _wait(lambda: browser.execute_script("return document.body.dataset.loaded === 'true'"))
    markers = browser.find_elements(By.CSS_SELECTOR, "#markers circle.marker")
    assert len(markers) >= 5
    # points for a whole province (Idlib; Jobas, a village the gazetteer lacks) are drawn as
    # approximate, towns (Baidoa, Moscow) are not
    approximate = browser.find_elements(By.CSS_SELECTOR, "#markers circle.marker.approximate")
    assert approximate and len(approximate) < len(markers)
    titles = [m.find_element(By.TAG_NAME, "title").get_attribute("textContent") for m in approximate]
    assert any("placed at its province" in t for t in titles)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#land path")) > 100  # the offline base map
    tiles = [t.get_attribute("href") for t in browser.find_elements(By.CSS_SELECTOR, "#tiles image")]
    assert tiles and all(t.startswith("/tiles/") for t in tiles)  # the configured tile layer

    # a filter: protests only
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.NAME, "type")).select_by_visible_text("PROTEST")
    browser.execute_script("document.body.dataset.loaded = 'false'")
    browser.find_element(By.ID, "apply").click()
    _wait(lambda: browser.execute_script("return document.body.dataset.loaded === 'true'"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#table tbody tr")
    assert rows and all(row.find_elements(By.TAG_NAME, "td")[1].text == "PROTEST" for row in rows)

    # the report with markup in it: shown as text, never run
    Select(browser.find_element(By.NAME, "type")).select_by_value("")
    browser.find_element(By.NAME, "country").send_keys("NGA")
    browser.execute_script("document.body.dataset.loaded = 'false'")
    browser.find_element(By.ID, "apply").click()
    _wait(lambda: browser.execute_script("return document.body.dataset.loaded === 'true'"))
    kano = [row for row in browser.find_elements(By.CSS_SELECTOR, "#table tbody tr") if "Kano" in row.text]
    assert kano
    kano[0].click()
    panel = _wait(lambda: [p for p in browser.find_elements(By.ID, "incident") if p.is_displayed()])[0]
    report = _wait(lambda: panel.find_elements(By.CSS_SELECTOR, "#incident-reports li"))[0]
    assert "<script>window.injected = true</script>" in report.text
    assert "<b>not bold</b>" in report.text
    assert report.find_elements(By.TAG_NAME, "mark"), "evidence spans are highlighted"
    assert browser.execute_script("return window.injected === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "#incident script, #incident b")

    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert Path(SCREENSHOT).stat().st_size > 10_000
