"""Serving the app with uvicorn: the settings workers are built from, logging, and the HTTP
protocol that answers malformed requests in the API's envelope."""
