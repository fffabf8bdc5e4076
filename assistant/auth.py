"""Who may use a server that listens beyond loopback: users with bcrypt-hashed passwords, and the bind check."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError


def hash_password(password: str) -> str:
    """A bcrypt hash of `password` for ASSISTANT_UI_USERS (`name:hash`)."""
    import bcrypt

    if not password:
        raise ConfigError("The password is empty.")
    if len(password.encode()) > 72:  # bcrypt reads 72 bytes at most: refuse rather than silently cut
        raise ConfigError("The password is longer than 72 bytes, the most bcrypt reads.")
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


@dataclass
class Users:
    """Named users and their bcrypt hashes; a successful check is remembered (keyed by a salted digest, never
    the password) so that HTTP Basic requests do not pay bcrypt's cost each time."""

    hashes: dict[str, str] = field(repr=False)
    _key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    _ok: set[bytes] = field(default_factory=set, repr=False)

    @classmethod
    def parse(cls, text: str, origin: str = "ASSISTANT_UI_USERS") -> Users:
        """`name:bcrypt-hash` entries, separated by commas or new lines; `#` starts a comment line."""
        hashes: dict[str, str] = {}
        for raw in text.replace(",", "\n").splitlines():
            entry = raw.strip()
            if not entry or entry.startswith("#"):
                continue
            name, sep, hashed = entry.partition(":")
            if not sep or not name.strip() or not hashed.strip().startswith(("$2a$", "$2b$", "$2y$")):
                raise ConfigError(f"{origin}: each entry must be 'name:bcrypt-hash' (make one with "
                                  f"`assistant hash-password`); got {name.strip() or entry[:12]!r}…")
            hashes[name.strip()] = hashed.strip()
        return cls(hashes)

    def check(self, name: str, password: str) -> bool:
        """Whether `password` is `name`'s (constant time in the hash comparison; unknown names cost the same)."""
        import bcrypt

        digest = hmac.new(self._key, f"{name}\0{password}".encode(), hashlib.sha256).digest()
        if digest in self._ok:
            return True
        hashed = self.hashes.get(name)
        try:
            ok = bcrypt.checkpw(password.encode()[:72], (hashed or _DUMMY).encode()) and hashed is not None
        except ValueError:  # a malformed hash: no one logs in with it
            return False
        if ok and len(self._ok) < 1024:
            self._ok.add(digest)
        return ok

    def __bool__(self) -> bool:
        return bool(self.hashes)


_DUMMY = "$2b$12$jMtvfOpAS.lojR5t/BXW3eCmj26gFqhQb.7Cd.1PE2Bk4csCSFOqS"  # checked against for unknown names


def load_users(inline: str | None, file: Path | None) -> Users | None:
    """The users from ASSISTANT_UI_USERS and/or ASSISTANT_UI_USERS_FILE (None when neither is set)."""
    text = inline or ""
    if file is not None:
        try:
            text += "\n" + Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"Cannot read the users file {file}: {exc.strerror or exc}") from None
    users = Users.parse(text, "ASSISTANT_UI_USERS_FILE" if file and not inline else "ASSISTANT_UI_USERS")
    return users or None


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere


def check_bind(host: str, protected: bool, insecure: bool, what: str) -> None:
    """Refuse to listen beyond loopback without a login, unless the user said `--insecure`."""
    if is_loopback(host) or protected:
        return
    if insecure:
        print(f"warning: serving {what} on {host} WITHOUT a login (--insecure): anyone who can reach it can use it "
              "and read the corpus.", file=sys.stderr, flush=True)
        return
    raise ConfigError(
        f"Refusing to serve {what} on {host}: that address is reachable from other machines and no login is "
        "configured. Set ASSISTANT_UI_USERS (or ASSISTANT_UI_USERS_FILE) to name:bcrypt-hash entries made with "
        "`assistant hash-password`" + (", or ASSISTANT_API_KEY," if what == "the API" else ",")
        + " or pass --insecure to serve without a login."
    )
