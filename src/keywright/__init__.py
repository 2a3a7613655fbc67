"""keywright: an OpenAPI-first contract package for three credential-issuing APIs."""

__version__ = "0.1.0"
