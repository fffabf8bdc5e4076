"""The Gradio page: chat, sources panel, settings, examples and the `ask` API."""

from __future__ import annotations

from assistant.answer import Assistant
from assistant.errors import AssistantError
from assistant.library import Library
from assistant.streaming import answer_within
from assistant.ui.controller import ChatSession
from assistant.ui.documents import DocumentsPanel, build_documents_section
from assistant.ui.examples import load_examples


def build_blocks(bot: Assistant, library: Library | None = None):
    """The Gradio page (`library`: the documents manager shared with the HTTP routes)."""
    import gradio as gr

    session = ChatSession(bot)
    examples = load_examples(bot.settings)
    with gr.Blocks(title="Corpus assistant") as demo:
        gr.Markdown("## Corpus assistant\nAsk about the documents in English, French or German. "
                    "Every answer cites its sources.")
        status = gr.Markdown(session.status(), elem_id="status")
        turns = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Chat", height=480, elem_id="chat", feedback_options=None,
                                     buttons=["copy", "copy_all"], latex_delimiters=[], sanitize_html=True)
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask a question…", show_label=False, scale=5, elem_id="question",
                                     max_length=bot.settings.max_question_chars)
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                new_chat = gr.Button("New chat", elem_id="new-chat", size="sm")
                if examples:
                    gr.Examples(examples, inputs=box, label="Examples")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(elem_id="sources")
                with gr.Accordion("Settings", open=False):
                    top_k = gr.Slider(1, 20, value=bot.settings.top_k, step=1, label="Passages retrieved (top-k)")
                    gr.Textbox(value=bot.model_name, label="Model in use", interactive=False)
                build_documents_section(DocumentsPanel(library or Library(bot)), status, session.status, demo)
        outputs = [chatbot, sources, turns, box]
        for trigger in (box.submit, send.click):
            trigger(session.respond, [box, chatbot, turns, top_k], outputs, api_name=False,
                    concurrency_limit=8).then(session.status, None, status, api_name=False)
        new_chat.click(lambda: ([], "", [], ""), None, outputs, api_name=False)

        def ask(question: str, history: list[dict[str, str]] | None = None) -> dict:
            """Answer one question (API): the Answer as a dict."""
            try:
                return answer_within(bot, question, history or [], bot.settings.max_request_seconds).model_dump()
            except AssistantError as exc:
                raise gr.Error(str(exc)) from None

        gr.api(ask, api_name="ask", concurrency_limit=8)
    demo.queue(default_concurrency_limit=8)
    return demo
