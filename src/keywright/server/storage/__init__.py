"""Where the reference server keeps what it issued: one SQLite database; each API package
brings its own tables and records (`keywright.apis.<name>.store`)."""

from keywright.server.storage.database import THROWAWAY, Database
from keywright.server.storage.errors import AlreadyExists, StorageUnavailable

__all__ = ["THROWAWAY", "AlreadyExists", "Database", "StorageUnavailable"]
