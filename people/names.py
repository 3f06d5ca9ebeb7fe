"""What a person's name may hold: one rule for the HR import and every form that edits people.

A name is shown on screens, in emails, in downloads opened in a spreadsheet, and (later) on certificates. So it
may not start with a character a spreadsheet would run as a formula, nor hold a character that changes how the
text around it displays without being seen itself: bidirectional overrides, embeddings, isolates and marks
(which can make "Ada" display as another name, or reorder the columns of a line), zero-width characters, the
soft hyphen and other invisible formatting characters, line and paragraph separators, and control characters.
Spaces (including no-break and ideographic spaces) and every letter and mark of every script are allowed.

The zero-width non-joiner and joiner (U+200C, U+200D) are refused too, although some Persian and Indic names
are written with them: they are invisible, so two names that look the same could differ, and HR systems
export names without them in practice.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError

from content.spreadsheets import FORMULA_START  # what a spreadsheet runs: one rule for names and exports

_BIDI = {
    "\u061c": "an Arabic letter mark",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u202a": "a left-to-right embedding",
    "\u202b": "a right-to-left embedding",
    "\u202c": "a pop directional formatting character",
    "\u202d": "a left-to-right override",
    "\u202e": "a right-to-left override",
    "\u2066": "a left-to-right isolate",
    "\u2067": "a right-to-left isolate",
    "\u2068": "a first strong isolate",
    "\u2069": "a pop directional isolate",
}
_INVISIBLE = {
    "\u00ad": "a soft hyphen",
    "\u034f": "a combining grapheme joiner",
    "\u115f": "a Hangul filler",
    "\u1160": "a Hangul filler",
    "\u17b4": "an invisible Khmer vowel",
    "\u17b5": "an invisible Khmer vowel",
    "\u180e": "a Mongolian vowel separator",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
    "\u2060": "a word joiner",
    "\u3164": "a Hangul filler",
    "\ufeff": "a zero-width no-break space (byte order mark)",
    "\uffa0": "a Hangul filler",
}
# Unicode categories never allowed: controls, format characters (all invisible), line and paragraph separators,
# surrogates, private use and unassigned code points (which display as nothing or as a box).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _refused(char: str) -> str:
    """What this character is, if a name may not hold it; else an empty string."""
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return f"{_BIDI[char]} ({code})"
    if char in _INVISIBLE:
        return f"{_INVISIBLE[char]} ({code})"
    category = unicodedata.category(char)
    if category == "Cc":
        return f"a control character ({code})"
    if category == "Cf":
        return f"an invisible formatting character ({code})"
    if category in _REFUSED_CATEGORIES:
        return f"a character that cannot be shown ({code})"
    return ""


def name_problem(text: str) -> str:
    """Why `text` (stripped of surrounding spaces) cannot be kept as a name, as a phrase; empty if it can."""
    if not text.isprintable() or not text.isascii():  # the common case, plain text, needs no closer look
        for char in text:
            if char == " " or (char.isprintable() and char not in _INVISIBLE):
                continue
            what = _refused(char)
            if what:
                return f"contains {what}, which is not allowed in a name"
    if text.startswith(FORMULA_START):
        return f"“{text}” starts with {text[0]}, which a spreadsheet would run as a formula"
    return ""


def validate_name(value: str) -> None:
    """A model field validator for names: the rule of `name_problem`."""
    problem = name_problem(value.strip())
    if problem:
        raise ValidationError(f"This name {problem}.", code="invalid_name")
