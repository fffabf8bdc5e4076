"""In a real browser: nothing a document or the model writes makes the page fetch from another host, and a
login protects the page, the viewer and the APIs.

The chat model is a scripted fake that writes Markdown and HTML images and links pointing off the machine (what
a model steered by a planted instruction would write), from a document that carries the same markup; the
embedder is the hash fake. No local model is needed: what is tested is the page's rendering and the login."""

from __future__ import annotations

import re
import time
import urllib.parse

import bcrypt
import httpx
import pytest

from assistant.abstention import Thresholds
from assistant.answer import Assistant
from assistant.auth import Users
from assistant.llm import FakeChatModel
from tests.app_server import AppServer
from tests.browser import requested_hosts
from tests.conftest import ARTIFACTS, free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]

OFF_HOST = "203.0.113.9"  # TEST-NET-3: never a real host
DOC = (
    "Le musée Arlequin\n2025-01-01\n\n"
    f"Le musée Arlequin compte 42 salles ![plan](http://{OFF_HOST}/doc-md.png) et un jardin "
    f"<img src=\"http://{OFF_HOST}/doc-html.png\"> ouvert au public depuis 1998.\n"
    f"Le jardin <a href=\"http://{OFF_HOST}/a\">voir ici</a> compte 300 rosiers, dit www.{OFF_HOST}.example.\n"
)
REPLY = (f"Le musée Arlequin compte 42 salles ![x](http://{OFF_HOST}/answer-md.png) "
         f"<img src=http://{OFF_HOST}/answer-html.png> <a href='http://{OFF_HOST}/l'>lien</a> "
         f"http://{OFF_HOST}/bare [1]")
QUESTION = "Combien de salles compte le musée Arlequin ?"


class SlowHostileModel(FakeChatModel):
    """Writes REPLY slowly enough for the draft to be on the page for a few seconds."""

    def stream_json(self, messages, max_tokens, schema):
        for piece in super().stream_json(messages, max_tokens, schema):
            time.sleep(0.15)
            yield piece


@pytest.fixture(scope="module")
def hostile_bot(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    (corpus / "musee.txt").write_text(DOC, encoding="utf-8")
    bot = Assistant(corpus_dir=corpus, data_dir=tmp_path_factory.mktemp("hostile-data"), embedder="hash",
                    chat_model=SlowHostileModel(REPLY))
    bot.pipeline.thresholds = Thresholds(abstain_below=-1.0, quote_relevance=0.0)  # hash scores mean nothing
    yield bot
    bot.close()


def _off_host_elements(driver, within: str = "body") -> list[str]:
    """Images, links, frames and media inside `within` whose URL leaves 127.0.0.1."""
    found = driver.execute_script("""
        const tags = 'img,a,iframe,video,audio,source,link,script,object,embed';
        return Array.from(document.querySelectorAll(arguments[0])).flatMap(r => Array.from(r.querySelectorAll(tags)))
          .map(e => e.src || e.href || e.data || '').filter(u => u && !u.startsWith('data:') && !u.startsWith('blob:'));
    """, within)
    return [u for u in found if urllib.parse.urlparse(u).hostname not in ("127.0.0.1", None)]


def test_hostile_markup_from_a_document_and_the_model_is_shown_as_text_and_fetches_nothing(hostile_bot, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = AppServer(hostile_bot, free_port()).start()
    try:
        driver.get(server.url + "/")
        box = WebDriverWait(driver, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
        box.send_keys(QUESTION)
        driver.find_element(By.ID, "ask").click()
        # the model's draft, with its image and link markup, is on the page as plain characters
        WebDriverWait(driver, 120).until(lambda d: "<img src=http://" in d.find_element(By.ID, "chat").text)
        draft = driver.find_element(By.ID, "chat").text
        assert "![x](http://" in draft and "<img src=http://" in draft
        WebDriverWait(driver, 120).until(
            lambda d: "How this answer was made" in d.find_element(By.ID, "sources").text)
        time.sleep(1.0)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "hostile-answer.png"))
        chat = driver.find_element(By.ID, "chat").text
        assert "answer-md.png" not in chat or "![x](http://" in chat  # the final answer, if it quotes, quotes text
        assert _off_host_elements(driver, "#chat, #sources") == []
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#chat a, #sources a")]
        assert all(re.match(rf"http://127\.0\.0\.1:{server.port}/doc\?", h) for h in links if h)

        # the viewer shows the document's markup as text too
        driver.get(server.url + "/doc?" + urllib.parse.urlencode({"source": "musee.txt", "start": 0, "end": 17}))
        text = driver.find_element(By.CSS_SELECTOR, ".text").text
        assert f'<img src="http://{OFF_HOST}/doc-html.png">' in text and f"![plan](http://{OFF_HOST}" in text
        assert _off_host_elements(driver) == []
        driver.save_screenshot(str(ARTIFACTS / "hostile-document.png"))
        assert requested_hosts(driver) <= {"127.0.0.1"}, requested_hosts(driver)
    finally:
        server.stop()


def test_the_page_needs_a_login_and_the_viewer_follows_it(hostile_bot, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    users = Users.parse("reader:" + bcrypt.hashpw(b"open sesame", bcrypt.gensalt(4)).decode())
    server = AppServer(hostile_bot, free_port(), users=users).start()
    doc = server.url + "/doc?" + urllib.parse.urlencode({"source": "musee.txt", "start": 0, "end": 17})
    try:
        assert httpx.get(doc, timeout=30).status_code == 401  # an HTTP client without a login
        assert httpx.get(server.url + "/config", timeout=30).status_code == 401
        driver.get(server.url + "/")
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[type=password]"))
        assert not driver.find_elements(By.CSS_SELECTOR, "#question textarea")  # no chat before the login
        from selenium.webdriver.common.keys import Keys

        def log_in(password: str) -> None:
            fields = [f for f in driver.find_elements(By.CSS_SELECTOR, "textarea, input")
                      if f.is_displayed() and f.get_attribute("type") not in ("password", "hidden", "checkbox")]
            name = fields[0]  # the login form has one text field, the user name
            secret = driver.find_element(By.CSS_SELECTOR, "input[type=password]")
            for field, value in ((name, "reader"), (secret, password)):
                field.send_keys(Keys.CONTROL, "a")
                field.send_keys(Keys.DELETE)
                field.send_keys(value)
            driver.find_element(By.XPATH, "//button[contains(., 'Login') or contains(., 'login')]").click()

        log_in("wrong")
        WebDriverWait(driver, 30).until(lambda d: "Incorrect" in d.find_element(By.TAG_NAME, "body").text)
        log_in("open sesame")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "login-submitted.png"))
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#question textarea"))
        driver.save_screenshot(str(ARTIFACTS / "after-login.png"))
        driver.get(doc)  # the session cookie opens the viewer
        assert "Le musée Arlequin" in driver.find_element(By.CSS_SELECTOR, ".text").text
        assert requested_hosts(driver) <= {"127.0.0.1"}
    finally:
        server.stop()
