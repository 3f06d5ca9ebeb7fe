"""Scoring on the server: which answers are correct, the score, and whether it passes.

A question is worth one mark. A single choice or true/false question is right when the correct
choice is selected. A multiple choice question ("select all that apply") is right only when every
correct choice is selected and no wrong one: a partial selection scores nothing, which the quiz's
start page tells learners.
"""

from __future__ import annotations

from collections.abc import Iterable


def is_correct(question: dict, selected: Iterable[str]) -> bool:
    """Whether these selected choice keys answer this snapshot question correctly."""
    chosen = set(selected)
    right = {choice["key"] for choice in question["choices"] if choice["correct"]}
    return bool(chosen) and chosen == right


def passes(*, score: int, out_of: int, pass_mark: int) -> bool:
    """At or above the pass mark, compared exactly (7 of 8 is 87.5%, which passes 87 and fails 88)."""
    return out_of > 0 and 100 * score >= pass_mark * out_of
