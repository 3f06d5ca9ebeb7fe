"""Verification codes: random, unguessable, and easy to read aloud or type from paper.

A code is 20 symbols from an alphabet without the look-alikes 0/O and 1/I/L (31 symbols, so
20 * log2(31) = 99 bits of randomness), shown in groups of four behind the service's prefix:
GL-7K4Q-9XM2-H3TD-WPRC-5NEA. People may type it in any case, with or without the prefix, spaces
and dashes; `normalise` turns what they typed into the stored form (the symbols alone).
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 20
GROUP = 4
PREFIX = "GL"
# The hyphen-minus and the dashes a word processor or phone may put in its place.
DASHES = {"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"}


def new_code() -> str:
    """A fresh random code in its stored form (20 symbols, no prefix, no dashes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """The stored form as people read it: GL-XXXX-XXXX-XXXX-XXXX-XXXX."""
    return "-".join([PREFIX, *(code[i : i + GROUP] for i in range(0, len(code), GROUP))])


def normalise(typed: str) -> str | None:
    """The stored form of what someone typed, or None if it cannot be a code of ours."""
    symbols = "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in DASHES)
    if len(symbols) == LENGTH + len(PREFIX) and symbols.startswith(PREFIX):
        symbols = symbols[len(PREFIX) :]
    if len(symbols) != LENGTH or any(ch not in ALPHABET for ch in symbols):
        return None
    return symbols
