"""The `assistant` command: ingest, ask, chat, serve, eval, model-server, status, hash-password."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import AssistantError
from assistant.settings import Settings
from evals.cli import add_arguments as add_eval_arguments


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    for key in ("corpus_dir", "data_dir", "top_k", "llm", "chroma_url"):
        value = getattr(args, key, None)
        if value is not None:
            overrides[key] = value
    return Settings(**overrides)


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.deps import build_components, run_ingest

    settings = _settings(args)
    report = run_ingest(build_components(settings), rebuild=args.rebuild, progress=not args.quiet)
    for skipped in report.skipped:
        print(f"skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    print(report.summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answer import Assistant

    bot = Assistant(_settings(args), progress=not args.json)
    try:
        if args.json:
            print(bot.ask(args.question, top_k=args.top_k).model_dump_json(indent=2))
            return 0
        answer = None
        for piece in bot.stream(args.question, top_k=args.top_k):
            if isinstance(piece, str):
                print(piece, end="", flush=True)
            else:
                answer = piece
        assert answer is not None
        print("\r\033[K" if sys.stdout.isatty() else "\n", end="")
        print(answer.answer)
        if answer.note:
            print(f"({answer.note})")
        for c in answer.citations:
            when = f", {c.date}" if c.date else ""
            print(f"  [{c.number}] {c.source} ({c.title[:70]}{when}) chars {c.start}-{c.end}:\n      «{c.quote}»")
        return 0
    finally:
        bot.close()


def cmd_chat(args: argparse.Namespace) -> int:
    from assistant.ui.server import launch

    launch(_settings(args), host=args.host, port=args.port, insecure=args.insecure)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.api.server import serve

    serve(_settings(args), host=args.host, port=args.port, insecure=args.insecure)
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    import getpass

    from assistant.auth import hash_password

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Password: ")
    if not args.stdin and getpass.getpass("Again: ") != password:
        print("error: the passwords differ", file=sys.stderr)
        return 1
    print(f"{args.user}:{hash_password(password)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from assistant.answer import Assistant

    bot = Assistant(_settings(args), auto_ingest=False)
    print(json.dumps(bot.status(), indent=2, ensure_ascii=False))
    return 0


def cmd_model_server(args: argparse.Namespace) -> int:
    from assistant.local_llm import assemble_model, serve

    s = _settings(args)
    model = assemble_model(s.models_dir)
    serve(model, s.llm_host, args.port or s.llm_port, s.llm_threads, s.llm_ctx, s.llm_parallel)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evals.cli import run

    return run(args, _settings(args))


def _common(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--corpus", dest="corpus_dir", type=Path, default=default,
                        help="corpus folder (default: corpus/)")
    parser.add_argument("--data-dir", dest="data_dir", type=Path, default=default,
                        help="index and model cache (default: .assistant/)")
    parser.add_argument("--llm", choices=["local", "openai", "none", "fake"], default=default,
                        help="chat model backend")
    parser.add_argument("--chroma-url", dest="chroma_url", default=default,
                        help="Chroma server URL (default: embedded)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    _common(parser, None)
    common = argparse.ArgumentParser(add_help=False)
    _common(common, argparse.SUPPRESS)  # the same options after the subcommand: `assistant ingest --corpus X`
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help)

    p = command("ingest", help="index the corpus folder (incremental)")
    p.add_argument("--rebuild", action="store_true", help="drop the index and rebuild it")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = command("ask", help="answer one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")
    p.add_argument("--top-k", dest="top_k", type=int)
    p.set_defaults(func=cmd_ask)

    insecure = "serve on a non-loopback address without a login (anyone who can reach it can use it)"
    p = command("chat", help="start the web chat on 127.0.0.1")
    p.add_argument("--host", default=None, help="beyond loopback, needs ASSISTANT_UI_USERS or --insecure")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--insecure", action="store_true", help=insecure)
    p.set_defaults(func=cmd_chat)

    p = command("serve", help="serve the OpenAI-compatible API (/v1, no chat page) on 127.0.0.1")
    p.add_argument("--host", default=None,
                   help="beyond loopback, needs ASSISTANT_UI_USERS or ASSISTANT_API_KEY, or --insecure")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--insecure", action="store_true", help=insecure)
    p.set_defaults(func=cmd_serve)

    p = command("hash-password", help="print a 'name:bcrypt-hash' entry for ASSISTANT_UI_USERS")
    p.add_argument("user")
    p.add_argument("--stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_hash_password)

    p = command("eval", help="run the eval suite")
    add_eval_arguments(p)
    p.set_defaults(func=cmd_eval)

    p = command("model-server", help="serve the embedded chat model until stopped")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_model_server)

    p = command("status", help="show corpus and index state")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"error: invalid setting: {exc.errors()[0].get('loc')}: {exc.errors()[0].get('msg')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
