"""StreamField blocks for counsellor-written guidance."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock


class QualityLinkBlock(blocks.StructBlock):
    """A link a counsellor has checked, with a note on where it comes from.

    Young people meet plenty of unsourced advice; saying who publishes a page
    and why it can be trusted is part of the guidance.
    """

    url = blocks.URLBlock(label=_("Address"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    source = blocks.CharBlock(
        label=_("Source"),
        max_length=200,
        help_text=_("Who publishes it, e.g. the national agency for education."),
    )
    note = blocks.TextBlock(
        label=_("Note on the source"),
        required=False,
        help_text=_("Why this source can be trusted, or what to keep in mind when reading it."),
    )

    class Meta:
        icon = "link"
        label = _("Quality-assured link")
        template = "cms/blocks/quality_link.html"


class GuidanceStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, form_classname="title", template="cms/blocks/heading.html"
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "blockquote"],
    )
    quality_link = QualityLinkBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("A video or other media by address (e.g. YouTube, Vimeo)."),
        template="cms/blocks/embed.html",
    )
