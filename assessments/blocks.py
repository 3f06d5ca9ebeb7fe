"""The questions an editor writes on a quiz page: single choice, multiple choice, true or false."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from content.blocks import INLINE_FEATURES


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False, label="Correct answer")
    feedback = blocks.CharBlock(
        max_length=500, required=False, help_text="Shown beside this choice when learners may see feedback."
    )

    class Meta:
        icon = "tick"
        label = "Choice"


class ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=500)
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8)
    explanation = blocks.RichTextBlock(
        features=INLINE_FEATURES, help_text="Why the correct answer is right, drawn from the course."
    )

    def clean(self, value):
        value = super().clean(value)
        problem = choice_problem(self.meta.select_many, [choice["correct"] for choice in value["choices"]])
        if problem:
            raise StructBlockValidationError(block_errors={"choices": ValidationError(problem)})
        return value


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = "Single choice question"
        select_many = False


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "list-ul"
        label = "Multiple choice question (select all that apply)"
        select_many = True


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.CharBlock(max_length=500, help_text="A statement the learner marks as true or false.")
    correct_answer = blocks.ChoiceBlock(choices=[("true", "True"), ("false", "False")], default="true")
    feedback_true = blocks.CharBlock(max_length=500, required=False, label="Feedback for 'True'")
    feedback_false = blocks.CharBlock(max_length=500, required=False, label="Feedback for 'False'")
    explanation = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "pick"
        label = "True or false"


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()


def choice_problem(select_many: bool, correct: list[bool]) -> str | None:
    """Why a choice question cannot be answered correctly as written, or None."""
    right = sum(correct)
    if right == 0:
        return "Mark at least one choice as the correct answer."
    if not select_many and right > 1:
        return "A single choice question has exactly one correct answer: mark only one."
    return None
