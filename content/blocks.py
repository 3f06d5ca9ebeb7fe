"""StreamField blocks editors use to write lessons, each rendered in GOV.UK markup."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
INLINE_FEATURES = ["bold", "italic", "link"]

YOUTUBE_ID = re.compile(r"(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/)([A-Za-z0-9_-]{11})")
VIMEO_ID = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


class InsetBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES, help_text="A short note set apart from the lesson text.")

    class Meta:
        icon = "pick"
        label = "Inset text"
        template = "content/blocks/inset.html"


class WarningBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=400, help_text="Something the learner must not miss, such as a legal duty.")

    class Meta:
        icon = "warning"
        label = "Warning text"
        template = "content/blocks/warning.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Image"
        template = "content/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="What the video is about, announced to screen readers.")
    url = blocks.URLBlock(help_text="A YouTube or Vimeo address, or a link to a video file.")
    transcript = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text="A full transcript, required so everyone can follow the video.",
    )

    class Meta:
        icon = "media"
        label = "Video"
        template = "content/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player address for a known video site, or None to link instead."""
    if match := YOUTUBE_ID.search(url):
        return f"https://www.youtube-nocookie.com/embed/{match.group(1)}"
    if match := VIMEO_ID.search(url):
        return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return None


class DatasetBlock(blocks.StructBlock):
    FORMATS = [
        ("CSV", "CSV"),
        ("JSON", "JSON"),
        ("GeoJSON", "GeoJSON"),
        ("XLSX", "Excel (XLSX)"),
        ("ODS", "OpenDocument spreadsheet (ODS)"),
        ("XML", "XML"),
        ("Parquet", "Parquet"),
        ("PDF", "PDF"),
        ("ZIP", "ZIP archive"),
    ]
    LICENCES = [
        ("ogl-3", "Open Government Licence v3.0"),
        ("cc-by-4", "Creative Commons Attribution 4.0"),
        ("cc0", "Creative Commons CC0 (public domain)"),
        ("crown", "Crown copyright, not openly licensed"),
    ]
    LICENCE_URLS = {
        "ogl-3": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "cc-by-4": "https://creativecommons.org/licenses/by/4.0/",
        "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
    }

    document = DocumentChooserBlock()
    description = blocks.TextBlock(required=False, help_text="What the data covers and how to use it in the lesson.")
    data_format = blocks.ChoiceBlock(choices=FORMATS, label="Format")
    licence = blocks.ChoiceBlock(choices=LICENCES, default="ogl-3")

    class Meta:
        icon = "doc-full"
        label = "Downloadable dataset"
        template = "content/blocks/dataset.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["licence_name"] = dict(self.LICENCES).get(value["licence"], "")
        context["licence_url"] = self.LICENCE_URLS.get(value["licence"])
        return context


class CaptionedTableBlock(TypedTableBlock):
    """A table whose first row is its column headings, with a caption that says what it shows."""

    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock()),
                ("number", blocks.DecimalBlock()),
                ("rich_text", blocks.RichTextBlock(features=INLINE_FEATURES)),
            ],
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if not (value.caption or "").strip():
            raise ValidationError("Add a caption that says what the table shows.")
        if any(not (column["heading"] or "").strip() for column in value.columns):
            raise ValidationError("Every column needs a heading.")
        return value

    class Meta:
        icon = "table"
        label = "Table"
        template = "content/blocks/table.html"


class CodeBlock(blocks.StructBlock):
    LANGUAGES = [
        ("text", "Plain text"),
        ("python", "Python"),
        ("sql", "SQL"),
        ("r", "R"),
        ("json", "JSON"),
        ("csv", "CSV"),
        ("shell", "Shell"),
        ("html", "HTML"),
    ]
    language = blocks.ChoiceBlock(choices=LANGUAGES, default="text")
    caption = blocks.CharBlock(required=False, max_length=200, help_text="What the sample shows.")
    code = blocks.TextBlock()

    class Meta:
        icon = "code"
        label = "Code sample"
        template = "content/blocks/code.html"


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=100)
    definition = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "help"
        label = "Glossary term"
        template = "content/blocks/glossary_term.html"


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    is_correct = blocks.BooleanBlock(required=False, label="Correct answer")
    feedback = blocks.CharBlock(max_length=500, help_text="Why this answer is right or wrong.")


class CheckUnderstandingBlock(blocks.StructBlock):
    """A practice question with feedback. It never counts towards a grade."""

    question = blocks.CharBlock(max_length=300)
    options = blocks.ListBlock(AnswerOptionBlock(), min_num=2, max_num=6)

    class Meta:
        icon = "form"
        label = "Check your understanding"
        template = "content/blocks/check_understanding.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(option["is_correct"] for option in value["options"]):
            raise StructBlockValidationError(
                block_errors={"options": ValidationError("Mark at least one answer as correct.")}
            )
        return value


class LessonBlock(blocks.StreamBlock):
    """Everything an editor can put in a lesson."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Text", template="content/blocks/rich_text.html")
    inset = InsetBlock()
    warning = WarningBlock()
    image = FigureBlock()
    video = VideoBlock()
    dataset = DatasetBlock()
    table = CaptionedTableBlock()
    code = CodeBlock()
    glossary_term = GlossaryTermBlock()
    check_understanding = CheckUnderstandingBlock()
