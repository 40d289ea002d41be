"""Photos of paper walls: upright, scaled down, metadata dropped, and hostile files refused."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib

import pytest
from PIL import Image

from facilitator.core import layout
from facilitator.ingest import (
    IngestError,
    PreparedPhoto,
    apply_photo_import,
    import_file,
    plan_photo_import,
    prepare_photo,
    read_import_bytes,
    revert_photo_import,
)
from facilitator.ingest.photos import MAX_EDGE
from facilitator.store import ProjectFile

ROTATED = "paper-wall-photo-exif-rotated.jpg"


def encode(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height``: a decompression bomb's calling card."""
    data = bytearray(encode(Image.new("L", (8, 8)), "PNG"))
    ihdr = 8  # after the signature: length (4), b"IHDR" (4), then width and height
    assert data[ihdr + 4 : ihdr + 8] == b"IHDR"
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", width, height)
    body = bytes(data[ihdr + 4 : ihdr + 8 + 13])
    data[ihdr + 8 + 13 : ihdr + 8 + 17] = struct.pack(">I", zlib.crc32(body))
    return bytes(data)


def real_png_bomb() -> bytes:
    """A 20,000 x 20,000 PNG that compresses to a few hundred kilobytes: decoding it would need 400 MB."""
    row = b"\x00" + b"\x00" * 20_000
    raw = zlib.compress(row * 20_000, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_exif_rotated_phone_photo_is_stored_upright(shared_data):
    raw = (shared_data / ROTATED).read_bytes()
    with Image.open(io.BytesIO(raw)) as original:
        raw_width, raw_height = original.size
        assert original.getexif().get(0x0112) == 6
    prepared = prepare_photo(raw, ROTATED)
    assert (prepared.width, prepared.height) == (raw_height, raw_width)
    assert prepared.caption == "paper-wall-photo-exif-rotated" and prepared.mime == "image/jpeg"
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (prepared.width, prepared.height)
        # The tag has been applied, so it must not be applied a second time by a viewer.
        assert stored.getexif().get(0x0112) in (None, 1)


def test_big_photos_are_scaled_down_and_their_metadata_dropped():
    image = Image.new("RGB", (6000, 4000), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make; GPS would be dropped the same way
    raw = encode(image, "JPEG", quality=70, exif=exif)
    prepared = prepare_photo(raw, "big.jpg")
    assert (prepared.width, prepared.height) == (MAX_EDGE, 1600)
    assert (prepared.source_width, prepared.source_height) == (6000, 4000)
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert stored.size == (MAX_EDGE, 1600)
        assert len(stored.getexif()) == 0


def test_png_keeps_transparency_and_a_png_named_jpg_is_read_as_what_it_is():
    image = Image.new("RGBA", (300, 200), (255, 0, 0, 128))
    prepared = read_import_bytes(encode(image, "PNG"), "scan.jpg")
    assert isinstance(prepared, PreparedPhoto)
    assert prepared.mime == "image/png" and (prepared.width, prepared.height) == (300, 200)
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert stored.mode == "RGBA" and stored.getpixel((0, 0)) == (255, 0, 0, 128)
    flat = prepare_photo(encode(Image.new("RGB", (50, 40), "blue"), "PNG"), "flat.png")
    assert flat.mime == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            png_claiming(20_000, 20_000),
            "bomb.png claims to be an enormous image, larger than any photo; it was refused "
            "(it may be damaged or made to crash programs).",
        ),
        (
            png_claiming(10_000, 10_000),  # between pillow's warning and error limits
            "bomb.png claims to be an enormous image, larger than any photo; it was refused "
            "(it may be damaged or made to crash programs).",
        ),
        (
            png_claiming(8_000, 6_000),
            "bomb.png is 8000x6000 pixels (48 megapixels); PNG photos up to 40 megapixels can be imported.",
        ),
    ],
    ids=["far-over-limit", "over-pillow-warning", "over-our-png-limit"],
)
def test_decompression_bombs_are_refused_before_decoding(data, message):
    with pytest.raises(IngestError) as caught:
        prepare_photo(data, "bomb.png")
    assert str(caught.value) == message


def test_a_real_bomb_is_refused():
    with pytest.raises(IngestError, match=r"^bomb\.png claims to be an enormous image"):
        prepare_photo(real_png_bomb(), "bomb.png")


def test_truncated_and_damaged_photos_are_refused(shared_data):
    raw = (shared_data / ROTATED).read_bytes()
    with pytest.raises(IngestError, match=r"^cut.jpg is incomplete \(the file was cut short\); copy it again\.$"):
        prepare_photo(raw[: len(raw) // 2], "cut.jpg")
    with pytest.raises(IngestError, match=r"^head.jpg is (damaged|incomplete)"):
        prepare_photo(raw[:300], "head.jpg")
    with pytest.raises(IngestError, match=r"^empty.png is empty\.$"):
        prepare_photo(b"", "empty.png")
    with pytest.raises(IngestError, match=r"^gif.png is not a JPEG or PNG photo\.$"):
        prepare_photo(encode(Image.new("RGB", (4, 4)), "GIF"), "gif.png")


def test_photo_goes_beside_the_notes_on_a_wall_made_for_it_and_undo_removes_it(demo_file, shared_data):
    with ProjectFile.open(demo_file) as store:
        project = store.load()
        barriers = project.wall_named("Barriers")
        plan = import_file(store, project, shared_data / ROTATED, "barriers")
        assert plan.wall is barriers and not plan.wall_created
        photo = plan.photo
        right = max(layout.note_rect(n).right for n in barriers.notes.values())
        assert photo.x > right and photo.wall_id == barriers.id
        assert (photo.width, photo.height) == (1600, 1200)
        assert project.photos_on(barriers.id) == [photo]
        # A second photo goes beside the first, not on it.
        second = plan_photo_import(project, "Barriers", prepare_photo((shared_data / ROTATED).read_bytes(), "b.jpg"))
        assert second.photo.x >= photo.x + photo.width
        fresh = plan_photo_import(project, "Photos", prepare_photo((shared_data / ROTATED).read_bytes(), "c.jpg"))
        apply_photo_import(store, project, fresh)
        assert fresh.wall_created and (fresh.photo.x, fresh.photo.y) == (0.0, 0.0)
        revert_photo_import(store, project, fresh)
        assert project.wall_named("Photos") is None and project.photos == [photo]
    with ProjectFile.open(demo_file, read_only=True) as again:
        reread = again.load()
        assert [(p.id, p.width, p.height) for p in reread.photos] == [(photo.id, 1600, 1200)]
        with Image.open(io.BytesIO(again.photo_data(photo.id))) as stored:
            assert stored.size == (1600, 1200)
        assert reread.wall_named("Photos") is None


def test_a_40_megapixel_jpeg_is_decoded_at_reduced_scale_so_memory_stays_small(tmp_path):
    path = tmp_path / "huge.jpg"
    Image.new("RGB", (8000, 5000), (200, 180, 90)).save(path, quality=60)
    # Measured in a fresh process: decoding in full would need 120 MB for the pixels alone.
    code = (
        "import resource, sys\n"
        "from facilitator.ingest import prepare_photo\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "p = prepare_photo(data, 'huge.jpg')\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(p.width, p.height, (after - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    width, height, grown_mb = map(int, out.split())
    assert (width, height) == (MAX_EDGE, 1500)
    assert grown_mb < 60


@pytest.mark.parametrize(
    ("image", "fmt", "mode", "pixel"),
    [
        (Image.new("CMYK", (300, 200), (0, 0, 0, 0)), "JPEG", "RGB", (255, 255, 255)),
        (Image.new("L", (300, 200), 128), "JPEG", "L", 128),
        (Image.new("LA", (300, 200), (100, 50)), "PNG", "RGBA", (100, 100, 100, 50)),
        (Image.new("I;16", (300, 200), 32768), "PNG", "L", 128),
        (Image.new("1", (300, 200), 1), "PNG", "RGB", (255, 255, 255)),
    ],
    ids=["cmyk-jpeg", "grey-jpeg", "grey-alpha-png", "16-bit-png", "1-bit-png"],
)
def test_unusual_colour_modes_are_stored_in_a_mode_every_viewer_reads(image, fmt, mode, pixel):
    prepared = prepare_photo(encode(image, fmt), f"scan.{fmt.lower()}")
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert stored.mode == mode
        got = stored.getpixel((150, 100))
        if isinstance(pixel, int):
            assert abs(got - pixel) <= 2
        else:
            assert all(abs(a - b) <= 2 for a, b in zip(got, pixel, strict=True))
