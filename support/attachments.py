"""Attachments: the type is read from the content (never from the name), the size is capped, and files
live outside the web root, served only by a view that checks who may see the request."""

import io
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_MESSAGE = 5
IMAGE_TYPES = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "GIF": ("image/gif", "gif"),
               "WEBP": ("image/webp", "webp")}
ALLOWED_DESCRIPTION = "photos (JPEG, PNG, GIF, WebP) and PDF documents"
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb for whoever opens it


@deconstructible
class AttachmentStorage(FileSystemStorage):
    """Files under SUPPORT_ATTACHMENT_ROOT (default data/support-attachments), which no URL serves."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return str(settings.SUPPORT_ATTACHMENT_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Support attachments have no public URL: serve them through the request's views.")


attachment_storage = AttachmentStorage()


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    filename: str
    content_type: str


def check_attachment(uploaded, *, name=None):
    """What a file really is, from its bytes: a CheckedFile, or ValidationError with a message a customer reads."""
    name = os.path.basename(name or getattr(uploaded, "name", "") or "attachment")[:120] or "attachment"
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"“{name}” is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    content = uploaded.read(MAX_ATTACHMENT_BYTES + 1) if hasattr(uploaded, "read") else bytes(uploaded)
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"“{name}” is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    if not content:
        raise ValidationError(f"“{name}” is empty.")
    try:
        detected = detect_type(content)
    except ImageTooLarge as large:
        raise ValidationError(f"“{name}” is {large}: photos can have at most {MAX_IMAGE_PIXELS // 1_000_000} "
                              "megapixels. Please send a smaller photo.") from None
    if detected is None:
        raise ValidationError(f"“{name}” is not a file we can accept: send {ALLOWED_DESCRIPTION}.")
    content_type, extension = detected
    stem = os.path.splitext(name)[0] or "attachment"
    return CheckedFile(content=content, filename=f"{stem}.{extension}", content_type=content_type)


class ImageTooLarge(Exception):
    """An image with more pixels than MAX_IMAGE_PIXELS; its text is the size, e.g. "10,000 × 10,000 pixels"."""


def detect_type(content):
    """(content type, extension) of an image Pillow can fully decode or of a PDF; None for anything else.

    Raises ImageTooLarge for an image over MAX_IMAGE_PIXELS, read from its header before anything is decoded.
    """
    if content.startswith(b"%PDF-"):
        return ("application/pdf", "pdf") if b"%%EOF" in content[-2048:] else None
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ImageTooLarge(f"{width:,} × {height:,} pixels")
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError:  # Pillow's own limit (over ~179 megapixels) stops it at the header
        raise ImageTooLarge(f"far more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return IMAGE_TYPES.get(image_format)


def attachment_response(attachment):
    """The file, to those the calling view let through: PDFs download, images show; nothing runs."""
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                            as_attachment=attachment.content_type == "application/pdf", filename=attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
