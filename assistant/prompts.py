"""Prompt files under prompts/: versioned YAML, rendered strictly (a missing variable is an error)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import yaml

from assistant.errors import ConfigError

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False)


@dataclass(frozen=True)
class Prompt:
    """A chat prompt: system and user templates with a name and version."""

    name: str
    version: int
    system: str
    user: str

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def render(self, **variables: object) -> list[dict[str, str]]:
        """Chat messages; raises ConfigError when a variable the template uses is missing."""
        try:
            return [
                {"role": "system", "content": _ENV.from_string(self.system).render(**variables).strip()},
                {"role": "user", "content": _ENV.from_string(self.user).render(**variables).strip()},
            ]
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"Prompt {self.id}: {exc}") from exc


def load_prompt(prompts_dir: Path | None, prompt_id: str) -> Prompt:
    """Load e.g. "answer.v1" from prompts_dir/answer.v1.yaml, or from the shipped prompts when prompts_dir is None."""
    # The shipped prompts are package data of the `prompts` package, so they are found in a wheel install too.
    path = (prompts_dir if prompts_dir is not None else resources.files("prompts")) / f"{prompt_id}.yaml"
    if not path.is_file():
        where = f"in {prompts_dir} (ASSISTANT_PROMPTS_DIR)" if prompts_dir is not None else "among the shipped prompts"
        raise ConfigError(f"Prompt file {prompt_id}.yaml not found {where}.")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = {"name", "version", "system", "user"} - set(data or {})
    if missing:
        raise ConfigError(f"Prompt file {path} lacks {', '.join(sorted(missing))}.")
    return Prompt(str(data["name"]), int(data["version"]), str(data["system"]), str(data["user"]))
