"""What `serve` and `mock` share when they hand an app to uvicorn."""

HTTP_PROTOCOL = "keywright.errors.protocol:EnvelopeHttpProtocol"
"""uvicorn's httptools protocol, answering requests HTTP refuses in the API's envelope."""
