"""Password hashing with Argon2id (argon2-cffi, its recommended parameters)."""
from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from engine.errors import Invalid

MIN_LENGTH = 8
_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def check_password(password: str) -> None:
    """Refuse passwords too short to be worth hashing."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise Invalid(f"a password needs at least {MIN_LENGTH} characters")


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; a missing hash (an unknown user) costs as much time as a wrong
    password, the first time too (the dummy hash is made on the first call, whichever it is)."""
    dummy = _dummy_hash()
    try:
        return _HASHER.verify(stored or dummy, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("not a password of anyone")
