"""Photos of paper walls, made ready for the page with pillow.

Phones store "rotate me" in EXIF rather than rotating pixels; printing the raw
pixels puts the wall on its side. We apply the orientation, shrink anything
larger than print needs (about 200 dpi across an A4 column), and re-encode as
JPEG so the PDF stays small enough to e-mail.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 1800
# Photos in a project were shrunk when imported (2400 px at most); a stranger's file can hold anything.
# Above this many pixels a photo is left out rather than decoded (a 13,000 x 13,000 PNG took 2 GB).
MAX_DECODE_PIXELS = 40_000_000


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes  # JPEG, upright
    width: int
    height: int


def prepare(data: bytes) -> PreparedPhoto | None:
    """The photo upright and print-sized, or None when the bytes are not an image we can read."""
    try:
        with warnings.catch_warnings():
            # Between Pillow's two bomb limits it only warns; for a file from a stranger, leave the photo out.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
        with opened as image:
            if image.width * image.height > MAX_DECODE_PIXELS:
                return None
            if image.format == "JPEG":
                image.draft("RGB", (MAX_PIXELS, MAX_PIXELS))  # decode at 1/2, 1/4 or 1/8 scale when that suffices
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.thumbnail((MAX_PIXELS, MAX_PIXELS))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return PreparedPhoto(out.getvalue(), image.width, image.height)
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        MemoryError,
    ):
        return None
