"""Making, hashing and encrypting secrets. Plain key values never reach storage or logs.

Key values are high-entropy random strings, so a keyed HMAC-SHA-256 is enough to
store them safely (a slow password hash would only cost throughput). Idempotent
replays need the original response, key value included: it is stored encrypted.

The secret key can be rotated as `MultiFernet` rotates keys: the keyring holds the current
secret key, then the previous ones still accepted. It digests and encrypts with the current
one only; it finds a digest and decrypts a token made with any of them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ssl
import string
import uuid
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_ALPHANUMERIC = string.ascii_letters + string.digits
_UNEVEN_BYTES = bytes(range(len(_ALPHANUMERIC) * 4, 256))
_ALPHANUMERIC_BY_BYTE = bytes(ord(_ALPHANUMERIC[byte % len(_ALPHANUMERIC)]) for byte in range(256))


class Undecryptable(ValueError):
    """No configured secret key decrypts the stored data (it was encrypted with a key that is
    no longer configured)."""


class Keyring:
    """Hashes and encrypts with keys derived from the configured secret keys: the current one
    first, then the previous ones still accepted (none, unless the key is being rotated)."""

    def __init__(self, secret_keys: str | Sequence[str]) -> None:
        keys = [secret_keys] if isinstance(secret_keys, str) else list(dict.fromkeys(secret_keys))
        if not keys or not all(keys):
            raise ValueError("a keyring needs a current secret key, and no secret key is empty")
        self._hmac_keys = [_derive(key, b"keywright hmac") for key in keys]
        self._fernet = MultiFernet(
            [Fernet(base64.urlsafe_b64encode(_derive(key, b"keywright fernet"))) for key in keys]
        )

    def digest(self, value: str) -> str:
        """The digest to store: made with the current secret key."""
        return _hmac(self._hmac_keys[0], value)

    def digests(self, value: str) -> list[str]:
        """Every digest `value` may have been stored under: the current key's first."""
        return [_hmac(key, value) for key in self._hmac_keys]

    def matches(self, value: str, digest: str) -> bool:
        """Whether `digest` was made from `value` with any configured key (every one is
        compared, in constant time)."""
        return constant_time_find(self.digests(value), digest) is not None

    def encrypt(self, plaintext: bytes) -> bytes:
        """Encrypted with the current secret key."""
        return self._fernet.encrypt(plaintext)

    def decrypt(self, token: bytes) -> bytes:
        """Decrypted with whichever configured key encrypted it; Undecryptable if none did."""
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise Undecryptable(
                "stored data cannot be decrypted with the configured secret keys"
            ) from exc


def _hmac(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _derive(secret_key: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        secret_key.encode("utf-8")
    )


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def constant_time_find(candidates: Sequence[str], presented: str) -> int | None:
    """The index of the candidate equal to `presented`, comparing every one in constant time
    (the answer's timing does not say how many came before)."""
    found = None
    for index, candidate in enumerate(candidates):
        if constant_time_equal(candidate, presented) and found is None:
            found = index
    return found


def random_bytes(count: int) -> bytes:
    """`count` bytes from OpenSSL's cryptographically strong generator (seeded by the OS, and
    reseeded in a forked child). Not `os.urandom`, which `secrets` uses: its `getrandom` call
    lets go of the GIL, so every draw on the event loop handed the GIL to the committer thread
    and waited to get it back, a context switch or two per key."""
    return ssl.RAND_bytes(count)


def new_uuid() -> str:
    """A random (version 4) UUID."""
    return str(uuid.UUID(bytes=random_bytes(16), version=4))


def opaque_secret(length: int = 24) -> str:
    """An opaque URL-safe secret of `length` random bytes (24: 192 bits), as
    `secrets.token_urlsafe` makes it."""
    return base64.urlsafe_b64encode(random_bytes(length)).rstrip(b"=").decode("ascii")


def random_alphanumerics(length: int) -> str:
    """`length` uniformly random alphanumerics (32: 190 bits): random bytes below 248 (4 * 62)
    each pick a character, the few others are dropped."""
    chosen = b""
    while len(chosen) < length:
        chosen += random_bytes(length + 8).translate(_ALPHANUMERIC_BY_BYTE, _UNEVEN_BYTES)
    return chosen[:length].decode("ascii")
