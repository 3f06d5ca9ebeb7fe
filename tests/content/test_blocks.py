"""Each lesson block renders accessible GOV.UK markup and refuses what would make it inaccessible."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.blocks import (
    CaptionedTableBlock,
    CheckUnderstandingBlock,
    CodeBlock,
    DatasetBlock,
    FigureBlock,
    GlossaryTermBlock,
    InsetBlock,
    LessonBlock,
    VideoBlock,
    WarningBlock,
    video_embed_url,
)


def render(block, raw):
    return block.render(block.to_python(raw))


def test_inset_renders_govuk_inset_text():
    html = render(InsetBlock(), {"text": "<p>Data must be <b>open</b> by default.</p>"})
    assert 'class="govuk-inset-text' in html
    assert "<b>open</b>" in html


def test_warning_renders_govuk_warning_with_hidden_prefix():
    html = render(WarningBlock(), {"text": "Never publish personal data."})
    assert 'class="govuk-warning-text"' in html
    assert '<span class="govuk-visually-hidden">Warning</span> Never publish personal data.' in html


@pytest.mark.django_db
def test_image_renders_with_its_alt_text_and_caption():
    image = get_image_model_instance()
    html = render(FigureBlock(), {"image": image.pk, "alt_text": "Bar chart of five stars", "caption": "Five stars"})
    assert 'alt="Bar chart of five stars"' in html
    assert "<figcaption" in html


@pytest.mark.django_db
def test_image_without_alt_text_is_refused():
    image = get_image_model_instance()
    block = FigureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors


def test_video_without_transcript_is_refused():
    block = VideoBlock()
    value = block.to_python(
        {"title": "Open data in 3 minutes", "url": "https://youtu.be/dQw4w9WgXcQ", "transcript": ""}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "transcript" in error.value.block_errors


def test_video_renders_titled_privacy_friendly_player_link_and_transcript():
    html = render(
        VideoBlock(),
        {
            "title": "Open data in 3 minutes",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "transcript": "<p>Hello and welcome.</p>",
        },
    )
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="Video: Open data in 3 minutes"' in html
    assert "govuk-details" in html
    assert "Hello and welcome." in html


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.gov.uk/video.mp4", None),
    ],
)
def test_video_embed_addresses(url, embed):
    assert video_embed_url(url) == embed


@pytest.mark.django_db
def test_dataset_shows_format_size_and_licence():
    document = Document(title="Spend over £25,000, March 2026")
    document.file.save("spend.csv", ContentFile(b"supplier,amount\nAcme,30000\n"), save=False)
    document.file_size = 28
    document.save()
    html = render(
        DatasetBlock(), {"document": document.pk, "description": "Fictional.", "data_format": "CSV", "licence": "ogl-3"}
    )
    assert "Spend over £25,000, March 2026" in html
    assert "CSV, 28\xa0bytes" in html
    assert 'rel="license">Open Government Licence v3.0</a>' in html
    assert " download" in html


def test_table_has_caption_header_row_and_numeric_cells():
    html = render(
        CaptionedTableBlock(),
        {
            "caption": "Requests answered on time",
            "columns": [{"type": "text", "heading": "Department"}, {"type": "number", "heading": "Per cent"}],
            "rows": [{"values": ["DSIT", "92.5"]}],
        },
    )
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Requests answered on time</caption>' in html
    assert '<th scope="col" class="govuk-table__header">Department</th>' in html
    assert "govuk-table__header--numeric" in html
    assert "govuk-table__cell--numeric" in html


def test_table_without_caption_is_refused():
    block = CaptionedTableBlock()
    value = block.to_python({"caption": "", "columns": [{"type": "text", "heading": "A"}], "rows": [{"values": ["x"]}]})
    with pytest.raises(ValidationError, match="caption"):
        block.clean(value)


def test_code_sample_is_escaped_and_keyboard_scrollable():
    html = render(CodeBlock(), {"language": "python", "caption": "Check a CSV", "code": "if a < b:\n    print('<ok>')"})
    assert 'tabindex="0"' in html
    assert "&lt;ok&gt;" in html
    assert 'class="language-python"' in html


def test_glossary_term_is_a_definition_list():
    html = render(GlossaryTermBlock(), {"term": "Metadata", "definition": "<p>Data about data.</p>"})
    assert "<dt" in html
    assert "Metadata" in html
    assert "<dd" in html


def test_check_your_understanding_gives_feedback_and_says_it_does_not_count():
    html = render(
        CheckUnderstandingBlock(),
        {
            "question": "Which licence do most UK government datasets use?",
            "options": [
                {"text": "Open Government Licence", "is_correct": True, "feedback": "Yes, OGL v3.0."},
                {"text": "All rights reserved", "is_correct": False, "feedback": "No, that would not be open."},
            ],
        },
    )
    assert "Check your understanding" in html
    assert "govuk-details" in html
    assert "correct. Yes, OGL v3.0." in html
    assert "not correct. No, that would not be open." in html
    assert "Your answer is not recorded and does not affect your progress." in html


def test_check_your_understanding_needs_a_correct_answer():
    block = CheckUnderstandingBlock()
    value = block.to_python(
        {
            "question": "Q?",
            "options": [
                {"text": "a", "is_correct": False, "feedback": "no"},
                {"text": "b", "is_correct": False, "feedback": "no"},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "options" in error.value.block_errors


def test_rich_text_headings_are_styled_as_govuk_typography():
    html = LessonBlock().render(LessonBlock().to_python([{"type": "text", "value": "<h2>Why</h2><p>Because.</p>"}]))
    assert '<div class="app-prose">' in html
    assert "<h2>Why</h2>" in html


def test_every_block_type_is_offered_to_editors():
    assert set(LessonBlock.base_blocks) >= {
        "text",
        "inset",
        "warning",
        "image",
        "video",
        "dataset",
        "table",
        "code",
        "glossary_term",
        "check_understanding",
    }


def get_image_model_instance():
    return get_image_model().objects.create(title="Five stars", file=get_test_image_file())
