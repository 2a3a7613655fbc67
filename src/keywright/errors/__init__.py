"""The error layer shared by the reference server and the mock.

Every failure becomes an `ApiError` (`failure`); the owning API answers it with a status its
spec documents and in its own documented envelope (`envelope`); `connexion` turns what
Connexion itself raises (unknown paths, wrong methods) into the same, so that nothing leaves
as RFC 7807 problem+json.
"""

from keywright.errors.envelope import Envelope, SchemaEnvelope, status_for
from keywright.errors.failure import ApiError, Kind, Violation

__all__ = ["ApiError", "Envelope", "Kind", "SchemaEnvelope", "Violation", "status_for"]
