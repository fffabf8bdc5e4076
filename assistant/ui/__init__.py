"""The web chat: rendering (render), controller, Gradio layout (layout) and serving (server)."""
