"""Photos of paper walls: checked, turned upright, scaled down, and placed on a wall.

A phone photo arrives sideways with an EXIF orientation tag, 12-50
megapixels and 3-15 MB. We keep what a projector and a printed pack need:
upright pixels (the tag applied, then dropped along with the rest of the
metadata, which includes where the photo was taken), at most
:data:`MAX_EDGE` pixels on the long edge, re-encoded. That keeps project
files small and the wall fast.

Untrusted images are refused before they are decoded when their header
promises more pixels than :data:`MAX_PIXELS_JPEG` / :data:`MAX_PIXELS_PNG`
(a decompression bomb claims billions). Pillow's own bomb check is kept as
a second line, and a JPEG is decoded at a reduced scale (``Image.draft``)
so even a 50-megapixel photo never needs its full size in memory. We do
not change ``Image.MAX_IMAGE_PIXELS``: it is process-wide, and the app's
other pillow users should keep their defaults.

The real format is read from the bytes, never the file name.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from facilitator.core.event import Photo
from facilitator.core.project import Project
from facilitator.core.wall import Wall
from facilitator.ingest import placement
from facilitator.ingest.errors import IngestError
from facilitator.ingest.note_import import target_wall
from facilitator.store import ProjectFile

MAX_EDGE = 2400
MAX_FILE_BYTES = 64 * 1024 * 1024
# JPEGs are decoded at 1/2, 1/4 or 1/8 scale, so large ones stay cheap; PNGs are decoded whole
# (4 bytes a pixel), so their limit is what we are willing to hold in memory for a moment.
MAX_PIXELS_JPEG = 120_000_000
MAX_PIXELS_PNG = 40_000_000
JPEG_QUALITY = 85

_MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class PreparedPhoto:
    """An upright, scaled, re-encoded image ready to store: ``data`` is what goes in the file."""

    data: bytes
    mime: str
    width: int
    height: int
    caption: str
    source_width: int
    source_height: int


def prepare_photo(data: bytes, name: str, caption: str | None = None) -> PreparedPhoto:
    """Check and shrink the image bytes of a file called ``name``; raise :class:`IngestError` if refused.

    Pure and slow-ish (a 12-megapixel JPEG takes a few hundred ms), so the app
    can run it off the UI thread.
    """
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(
            f"{name} is {len(data) / 1_048_576:.0f} MB; photos up to {MAX_FILE_BYTES // 1_048_576} MB can be imported."
        )
    if not data:
        raise IngestError(f"{name} is empty.")
    try:
        with warnings.catch_warnings():
            # Pillow warns (rather than fails) between its two bomb limits; for a file we did not make, refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
            return _prepare(image, name, caption)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise IngestError(
            f"{name} claims to be an enormous image, larger than any photo; it was refused "
            "(it may be damaged or made to crash programs)."
        ) from None
    except UnidentifiedImageError:
        raise IngestError(f"{name} is not a JPEG or PNG photo.") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc).lower():
            raise IngestError(f"{name} is incomplete (the file was cut short); copy it again.") from None
        raise IngestError(f"{name} is damaged and cannot be read as a photo ({exc}).") from None
    except MemoryError:
        raise IngestError(f"{name} is too large to open on this computer.") from None


def _prepare(image: Image.Image, name: str, caption: str | None) -> PreparedPhoto:
    fmt = image.format or ""
    width, height = image.size
    limit = MAX_PIXELS_JPEG if fmt == "JPEG" else MAX_PIXELS_PNG
    if width <= 0 or height <= 0:
        raise IngestError(f"{name} has no pixels.")
    if width * height > limit:
        raise IngestError(
            f"{name} is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"{fmt} photos up to {limit // 1_000_000} megapixels can be imported."
        )
    if fmt == "JPEG":
        # Decode at the smallest scale that still leaves at least MAX_EDGE on the long edge.
        scale = MAX_EDGE / max(width, height)
        if scale < 1:
            image.draft(image.mode, (round(width * scale), round(height * scale)))
    image.load()
    upright = ImageOps.exif_transpose(image)
    if upright is None:
        upright = image
    if upright.mode.startswith("I"):
        # 16-bit greyscale (scanners): scale to 8 bits rather than let every value above 255 clip to white.
        upright = upright.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    upright = upright.convert("RGBA" if has_alpha else "RGB") if upright.mode not in ("RGB", "L") else upright
    source_width, source_height = _upright_size(image, width, height)
    if max(upright.size) > MAX_EDGE:
        upright.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    if has_alpha:
        upright.save(out, format="PNG", icc_profile=icc)
        mime = _MIME["PNG"]
    else:
        upright.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, icc_profile=icc)
        mime = _MIME["JPEG"]
    return PreparedPhoto(
        data=out.getvalue(),
        mime=mime,
        width=upright.width,
        height=upright.height,
        caption=caption if caption is not None else Path(name).stem,
        source_width=source_width,
        source_height=source_height,
    )


def _upright_size(image: Image.Image, width: int, height: int) -> tuple[int, int]:
    """The original's size as people see it: swapped when the EXIF tag turns it a quarter."""
    orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


@dataclass
class PhotoImport:
    """One planned photo import; apply is do/redo, revert is undo (as for notes)."""

    photo: Photo
    data: bytes
    wall: Wall
    wall_created: bool
    # What undoes the applied import, and what redoes a reverted one (edit-layer operations).
    undo: tuple = field(default=(), repr=False, compare=False)
    redo: tuple = field(default=(), repr=False, compare=False)

    def summary(self) -> str:
        p = self.photo
        return f"photo {p.caption!r} ({p.width}x{p.height}) on wall {self.wall.name!r}" + (
            " (new wall)" if self.wall_created else ""
        )


def plan_photo_import(project: Project, wall_name: str, prepared: PreparedPhoto) -> PhotoImport:
    """Place the photo beside what is on the wall called ``wall_name`` (made if missing); change nothing."""
    wall, created = target_wall(project, wall_name)
    photos = project.photos_on(wall.id) if not created else []
    x, y = placement.photo_place(placement.Occupancy.of_wall(wall, photos))
    photo = Photo(
        caption=prepared.caption,
        wall_id=wall.id,
        mime=prepared.mime,
        width=prepared.width,
        height=prepared.height,
        x=x,
        y=y,
    )
    return PhotoImport(photo=photo, data=prepared.data, wall=wall, wall_created=created)


def apply_photo_import(store: ProjectFile, project: Project, plan: PhotoImport) -> None:
    """Store the photo (and a new wall) in one commit through the edit layer, and add it to ``project``."""
    from facilitator.edits import Editor
    from facilitator.edits.imports import apply_plan

    apply_plan(Editor(store, project), plan)


def revert_photo_import(store: ProjectFile, project: Project, plan: PhotoImport) -> None:
    from facilitator.edits import Editor
    from facilitator.edits.imports import revert_plan

    revert_plan(Editor(store, project), plan)
