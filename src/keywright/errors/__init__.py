"""The error layer shared by the reference server and the mock.

Every failure becomes an `ApiError`; each API renders it in its own documented
envelope and status (`envelopes`); `handlers` wires that into a Connexion app so
that nothing leaves as RFC 7807 problem+json.
"""

from keywright.errors.envelopes import Envelope, envelope_for
from keywright.errors.problem import ApiError, Kind, Violation

__all__ = ["ApiError", "Envelope", "Kind", "Violation", "envelope_for"]
