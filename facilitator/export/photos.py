"""Photos of paper walls, made ready for the page with pillow.

Phones store "rotate me" in EXIF rather than rotating pixels; printing the raw
pixels puts the wall on its side. We apply the orientation, shrink anything
larger than print needs (about 200 dpi across an A4 column), and re-encode as
JPEG so the PDF stays small enough to e-mail.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 1800


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes  # JPEG, upright
    width: int
    height: int


def prepare(data: bytes) -> PreparedPhoto | None:
    """The photo upright and print-sized, or None when the bytes are not an image we can read."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.thumbnail((MAX_PIXELS, MAX_PIXELS))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return PreparedPhoto(out.getvalue(), image.width, image.height)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
