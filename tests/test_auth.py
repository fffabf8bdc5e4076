"""A login when listening beyond loopback: bcrypt users, the bind check, and the guard over real HTTP."""

from __future__ import annotations

import base64
import subprocess
import sys

import bcrypt
import httpx
import pytest

from assistant.auth import Users, check_bind, hash_password, is_loopback, load_users
from assistant.cli import main
from assistant.errors import ConfigError
from tests.conftest import ROOT
from tests.test_openai_api import KEY, LABS, Served, fake_assistant


def entry(name: str, password: str) -> str:
    return f"{name}:{bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()}"  # cheap rounds for tests


def basic(name: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}


def test_users_check_bcrypt_hashes_and_refuse_wrong_passwords_and_unknown_names():
    users = Users.parse(f"{entry('alice', 'wonder land')}, {entry('bob', 'b0b!')}\n# a comment\n")
    assert set(users.hashes) == {"alice", "bob"}
    assert users.check("alice", "wonder land") and users.check("alice", "wonder land")  # the second from memory
    assert not users.check("alice", "wonder-land") and not users.check("bob", "wonder land")
    assert not users.check("carol", "wonder land")
    assert "$2b$" not in repr(users)  # hashes stay out of logs


def test_a_malformed_users_entry_is_a_clear_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="name:bcrypt-hash"):
        Users.parse("alice:plaintext-password")
    with pytest.raises(ConfigError, match="Cannot read the users file"):
        load_users(None, tmp_path / "missing")
    assert load_users(None, None) is None
    (tmp_path / "users").write_text(entry("alice", "pw") + "\n", encoding="utf-8")
    assert load_users(entry("bob", "pw2"), tmp_path / "users").hashes.keys() == {"alice", "bob"}


def test_hash_password_makes_a_bcrypt_hash_and_refuses_what_bcrypt_would_cut():
    hashed = hash_password("correct horse")
    assert hashed.startswith("$2b$") and Users({"u": hashed}).check("u", "correct horse")
    with pytest.raises(ConfigError, match="72 bytes"):
        hash_password("x" * 73)


def test_binding_beyond_loopback_needs_a_login_or_insecure(capsys):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.8.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    check_bind("127.0.0.1", protected=False, insecure=False, what="the chat")
    check_bind("0.0.0.0", protected=True, insecure=False, what="the chat")
    assert capsys.readouterr().err == ""
    check_bind("0.0.0.0", protected=False, insecure=True, what="the chat")
    assert "WITHOUT a login" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="--insecure"):
        check_bind("0.0.0.0", protected=False, insecure=False, what="the chat")


@pytest.mark.parametrize("command", ["chat", "serve"])
def test_the_cli_refuses_to_listen_on_all_interfaces_without_a_login(command, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ASSISTANT_UI_USERS", raising=False)
    monkeypatch.delenv("ASSISTANT_API_KEY", raising=False)
    code = main(["--data-dir", str(tmp_path), command, "--host", "0.0.0.0", "--port", "1"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: Refusing to serve") and "--insecure" in err
    assert "Traceback" not in err and not (tmp_path / "chroma").exists()  # refused before any start-up work


def test_hash_password_command_prints_an_entry_the_server_accepts():
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "hash-password", "alice", "--stdin"],
                         input="s3cret pass\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert Users.parse(out.stdout.strip()).check("alice", "s3cret pass")


@pytest.fixture
def locked(fake_settings):
    users = Users.parse(entry("alice", "wonderland"))
    bot = fake_assistant(fake_settings, api_key=KEY)
    from assistant.api.server import build_api_app

    with Served(build_api_app(bot, users)) as served:
        yield served


def test_the_api_needs_basic_credentials_or_the_key_when_users_are_configured(locked):
    url = locked.base_url
    none = httpx.get(f"{url}/models", timeout=30)
    assert none.status_code == 401 and none.headers["www-authenticate"].startswith("Basic")
    assert "Log in" in none.json()["error"]["message"]
    assert httpx.get(f"{url}/models", headers=basic("alice", "nope"), timeout=30).status_code == 401
    assert httpx.get(f"{url}/models", headers=basic("alice", "wonderland"), timeout=30).status_code == 200
    assert httpx.get(f"{url}/models", headers={"Authorization": f"Bearer {KEY}"}, timeout=30).status_code == 200
    reply = httpx.post(f"{url}/chat/completions", headers=basic("alice", "wonderland"), timeout=60,
                       json={"messages": [{"role": "user", "content": LABS}]})
    assert reply.status_code == 200 and reply.json()["citations"]


@pytest.mark.slow
def test_the_chat_app_guards_the_viewer_the_documents_api_and_v1_and_limits_uploads(fake_settings):
    from assistant.ui.server import build_app

    users = Users.parse(entry("alice", "wonderland"))
    bot = fake_assistant(fake_settings, max_upload_mb=0.01)
    with Served(build_app(bot, users)) as served:
        root = f"http://127.0.0.1:{served.port}"
        doc = f"{root}/doc?source=004_600c196880a8075b.txt&start=0&end=7"
        for url in (doc, f"{root}/api/documents", f"{root}/v1/models", f"{root}/config"):
            assert httpx.get(url, timeout=30).status_code == 401, url
        alice = basic("alice", "wonderland")
        assert httpx.get(doc, headers=alice, timeout=30).status_code == 200
        listed = httpx.get(f"{root}/api/documents", headers=alice, timeout=30)
        assert listed.status_code == 200 and len(listed.json()) == 5
        assert httpx.get(f"{root}/v1/models", headers=alice, timeout=30).status_code == 200
        # the page's own login (Gradio) gives a cookie that the viewer accepts too
        with httpx.Client(timeout=30) as browser_like:
            assert browser_like.post(f"{root}/login", data={"username": "alice", "password": "nope"}).status_code == 400
            assert browser_like.post(f"{root}/login", data={"username": "alice", "password": "wonderland"}).is_success
            assert browser_like.get(doc).status_code == 200 and browser_like.get(f"{root}/config").status_code == 200
        big = httpx.post(f"{root}/api/documents", headers=alice, timeout=30,
                         files={"files": ("big.txt", b"word " * 5000, "text/plain")})
        assert big.status_code == 413 and "limit is 10 KB" in big.json()["detail"]


def test_the_guard_accepts_a_session_cookie_it_is_told_about():
    from fastapi import FastAPI

    from assistant.api.guard import BodyLimits, Guard

    app = FastAPI()

    @app.get("/doc")
    def doc() -> dict:
        return {"ok": True}

    @app.get("/")
    def page() -> dict:
        return {"page": True}

    sessions = {"tok-1": "alice"}
    app.add_middleware(Guard, users=Users.parse(entry("alice", "pw")), api_key=None, limits=BodyLimits(1024, 1024),
                       session_user=lambda cookies: sessions.get(cookies.get("access-token", "")))
    with Served(app) as served:
        root = f"http://127.0.0.1:{served.port}"
        assert httpx.get(f"{root}/doc", cookies={"access-token": "tok-1"}, timeout=30).status_code == 200
        assert httpx.get(f"{root}/doc", cookies={"access-token": "forged"}, timeout=30).status_code == 401
        assert httpx.get(f"{root}/doc", headers={"Authorization": "Basic !!!"}, timeout=30).status_code == 401
        assert httpx.get(f"{root}/", timeout=30).status_code == 200  # the page itself is Gradio's to guard
