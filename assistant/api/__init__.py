"""The OpenAI-compatible endpoint: typed wire models (schema.py), the /v1 routes (routes.py), the API server."""
