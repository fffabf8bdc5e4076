"""A real browser uploads a PDF and a Word file on the chat page, asks about page 2, opens the cited page."""

from __future__ import annotations

import time

import pytest

from tests.app_server import AppServer
from tests.browser import requested_hosts
from tests.conftest import ARTIFACTS, free_port
from tests.docgen import write_docx

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def app(tmp_path, real_embedder):
    from assistant.answer import Assistant

    (tmp_path / "corpus").mkdir()
    bot = Assistant(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", embeddings=real_embedder, llm="none")
    server = AppServer(bot, free_port()).start()
    yield server
    server.stop()


def test_upload_a_pdf_ask_about_page_two_and_open_the_cited_page(app, driver, printed_pdfs, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    note = write_docx(tmp_path / "note.docx", ["Le port de Qingdao a reçu 4 nouvelles grues en 2025."])
    driver.get(app.url + "/")
    upload = WebDriverWait(driver, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "#upload input[type=file]"))
    assert "Index: empty" in driver.find_element(By.ID, "status").text
    started = time.monotonic()
    upload.send_keys(f"{printed_pdfs['report.pdf']}\n{note}")  # two files at once

    def listed(d):
        text = d.find_element(By.ID, "documents").text
        return "report.pdf" in text and "note.docx" in text and "ingesting" not in text

    WebDriverWait(driver, 180).until(listed)
    upload_to_listed = time.monotonic() - started
    message = driver.find_element(By.CSS_SELECTOR, "#library-message textarea").get_attribute("value")
    assert "Added report.pdf" in message and "Added note.docx" in message and "2 added" in message
    assert "2 files" in driver.find_element(By.ID, "status").text
    assert driver.find_element(By.ID, "documents").text.count("indexed") == 2
    driver.save_screenshot(str(ARTIFACTS / "upload-documents.png"))

    box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("Combien de laboratoires de robotique marine Tianjin a-t-elle ouverts ?")
    box.send_keys(Keys.ENTER)

    def answered(d):
        cards = d.find_elements(By.CSS_SELECTOR, "#sources .source-card")
        return cards if cards and "37" in d.find_element(By.ID, "chat").text else False

    cards = WebDriverWait(driver, 180).until(answered)
    print(f"upload to listed: {upload_to_listed:.1f} s; upload to answered: {time.monotonic() - started:.1f} s")
    driver.save_screenshot(str(ARTIFACTS / "upload-answer.png"))
    card = next(c for c in cards if "37 laboratoires" in c.text)
    assert "report.pdf" in card.text and "page 2" in card.text

    driver.get(card.find_element(By.CSS_SELECTOR, "a.open-doc").get_attribute("href"))
    assert "Page 2 of 2" in driver.find_element(By.CLASS_NAME, "page-label").text
    assert "37 laboratoires" in driver.find_element(By.ID, "cite").text
    img = driver.find_element(By.ID, "page-image")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return arguments[0].complete", img))
    assert driver.execute_script("return arguments[0].naturalWidth", img) >= 900
    assert "page=2" in img.get_attribute("src")
    assert driver.find_element(By.ID, "download").get_attribute("href").endswith("/doc/file?source=report.pdf")
    driver.save_screenshot(str(ARTIFACTS / "upload-cited-page.png"))

    # Remove the Word file from the documents list: its chunks go, the PDF stays.
    driver.get(app.url + "/")
    WebDriverWait(driver, 60).until(lambda d: "note.docx" in d.find_element(By.ID, "documents").text)
    choice = driver.find_element(By.CSS_SELECTOR, "#remove-choice input")
    choice.click()
    choice.send_keys("note.docx")
    option = WebDriverWait(driver, 10).until(
        lambda d: next((o for o in d.find_elements(By.CSS_SELECTOR, "#remove-choice li[role=option]")
                        if o.get_attribute("aria-label") == "note.docx"), False))
    option.click()
    driver.find_element(By.ID, "remove").click()
    WebDriverWait(driver, 60).until(lambda d: "note.docx" not in d.find_element(By.ID, "documents").text)
    message = driver.find_element(By.CSS_SELECTOR, "#library-message textarea").get_attribute("value")
    assert message.startswith("Removed note.docx") and "moved to" in message
    assert "report.pdf" in driver.find_element(By.ID, "documents").text
    assert "1 files" in driver.find_element(By.ID, "status").text
    driver.save_screenshot(str(ARTIFACTS / "upload-removed.png"))
    assert requested_hosts(driver) <= {"127.0.0.1"}
