"""A real browser (headless Chromium) asks a question on the page, on the embedded defaults."""

from __future__ import annotations

import time

import pytest

from tests.app_server import AppServer
from tests.browser import requested_hosts
from tests.conftest import ARTIFACTS, free_port

pytestmark = [pytest.mark.slow, pytest.mark.llm, pytest.mark.browser]


@pytest.fixture(scope="module")
def app(local_bot):
    server = AppServer(local_bot, free_port()).start()
    yield server
    server.stop()


def test_ask_on_the_page_and_see_the_highlighted_source(app, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(app.url + "/")
    box = WebDriverWait(driver, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    status = driver.find_element(By.ID, "status").text
    assert "5 files" in status and "Index: ready" in status
    box.send_keys("Combien de stations de base 5G Beijing compte-t-elle ?")
    driver.find_element(By.ID, "ask").click()

    def answered(d):
        marks = d.find_elements(By.CSS_SELECTOR, "#sources mark.quote")
        return marks if marks and "Writing" not in d.find_element(By.ID, "chat").text else False

    marks = WebDriverWait(driver, 240).until(answered)
    time.sleep(0.5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "chat-answer.png"))

    chat = driver.find_element(By.ID, "chat").text
    assert "153" in chat and "[1]" in chat
    assert any("153" in m.text for m in marks)
    card = driver.find_element(By.CSS_SELECTOR, "#sources .source-card")
    assert "003_407135a6eafe66ad.txt" in card.text and "2026-02-05" in card.text

    link = card.find_element(By.CSS_SELECTOR, "a.open-doc").get_attribute("href")
    driver.get(link)
    cited = driver.find_element(By.ID, "cite").text
    assert "153" in cited
    driver.save_screenshot(str(ARTIFACTS / "document-view.png"))
    # nothing left the machine: every request went to the app on 127.0.0.1
    assert requested_hosts(driver) <= {"127.0.0.1"}
