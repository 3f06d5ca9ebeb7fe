"""Copying a published quiz's questions into an attempt, and drawing which ones it gets."""

from __future__ import annotations

import random

from wagtail.rich_text import expand_db_html

from assessments.models import QuizPage


def pool(quiz: QuizPage, *, explanations: bool = True) -> dict[str, dict]:
    """Every question of the quiz as a snapshot entry, by its block id, in the editor's order.

    `explanations=False` leaves out the explanations, whose links take queries to expand (the report
    needs only the texts and choices).
    """
    entries = {}
    for block in quiz.questions:
        value = block.value
        if block.block_type == "true_false":
            entry = {
                "type": "true_false",
                "text": value["statement"],
                "choices": [
                    {
                        "key": "true",
                        "text": "True",
                        "correct": value["correct_answer"] == "true",
                        "feedback": value["feedback_true"],
                    },
                    {
                        "key": "false",
                        "text": "False",
                        "correct": value["correct_answer"] == "false",
                        "feedback": value["feedback_false"],
                    },
                ],
            }
        else:
            entry = {
                "type": block.block_type,
                "text": value["question"],
                "choices": [
                    {
                        "key": child.id,
                        "text": child.value["text"],
                        "correct": bool(child.value["correct"]),
                        "feedback": child.value["feedback"],
                    }
                    for child in value["choices"].bound_blocks
                ],
            }
        entry["key"] = block.id
        if explanations:
            entry["explanation"] = expand_db_html(value["explanation"].source)
        entries[block.id] = entry
    return entries


_published_pools: dict[tuple, dict[str, dict]] = {}


def published_pool(quiz: QuizPage) -> dict[str, dict]:
    """`pool(quiz)` of its published revision, kept in this process: the content of (quiz, live revision)
    never changes, and a start-of-exam stampede would otherwise parse the questions once per learner.
    `draw` copies what it takes, so the kept entries are never changed."""
    if quiz.live_revision_id is None or quiz.last_published_at is None:
        return pool(quiz)
    key = (quiz.pk, quiz.live_revision_id, quiz.last_published_at)
    entries = _published_pools.get(key)
    if entries is None:
        if len(_published_pools) >= 256:
            _published_pools.clear()
        entries = _published_pools[key] = pool(quiz)
    return entries


def draw(
    entries: dict[str, dict],
    *,
    count: int,
    seen: set[str],
    uses: dict[str, int],
    shuffle_choices: bool,
    rng: random.Random,
) -> list[dict]:
    """`count` questions: first those this learner has not seen, then the least drawn, ties at random.

    Over many attempts every question is drawn about as often as the others, and a retake prefers
    questions the learner has not had. The drawn questions come in random order, their choices too
    when the quiz shuffles them (true or false always reads True, then False).
    """
    keys = list(entries)
    rng.shuffle(keys)
    keys.sort(key=lambda key: (key in seen, uses.get(key, 0)))
    drawn = [dict(entries[key]) for key in keys[:count]]
    rng.shuffle(drawn)
    for question in drawn:
        question["choices"] = [dict(choice) for choice in question["choices"]]
        if shuffle_choices and question["type"] != "true_false":
            rng.shuffle(question["choices"])
    return drawn
