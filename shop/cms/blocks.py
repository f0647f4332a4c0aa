"""StreamField blocks of the content pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock()

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/step.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    alt_text = blocks.CharBlock(help_text="Describe the picture for people who cannot see it.")

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "document-link"]


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    callout = CalloutBlock()
    quote = blocks.BlockQuoteBlock()
