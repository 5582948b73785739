"""Real test documents made at test time: text and scanned PDFs, phone photos, broken and hostile files."""

from __future__ import annotations

import io
import math
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# A 楷体 font for handwriting, when installed (fonts-arphic-ukai); Micro Hei otherwise.
HAND_FONT_PATH = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
FONT_MISSING = f"the Chinese font {FONT_PATH} is missing (apt-get install -y fonts-wqy-microhei)"

PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
_FONT_PX = 32
_MARGIN = 110


def font_available() -> bool:
    """Whether the WenQuanYi Micro Hei font the documents are drawn with is installed."""
    return FONT_PATH.is_file()


def text_pdf(pages: list[str], *, seal: bool = False) -> bytes:
    """A PDF with a real text layer, one page per string, in an embedded Chinese-capable font;
    with `seal`, a red seal drawn (as vector graphics) below the text of every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT_PATH), subfontIndex=0))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    for text in pages:
        pdf.setFont("WQY", 12)
        y = height - 72
        for line in _wrap(text, lambda s: pdfmetrics.stringWidth(s, "WQY", 12), width - 144):
            pdf.drawString(72, y, line)
            y -= 20
        if seal:
            _vector_seal(pdf, width - 180, max(90.0, y - 40))
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _vector_seal(pdf: Any, x: float, y: float, radius: float = 60) -> None:
    """A red ring with a star, drawn with PDF operators as e-seal software does."""
    pdf.saveState()
    pdf.setStrokeColorRGB(0.85, 0.1, 0.12)
    pdf.setFillColorRGB(0.85, 0.1, 0.12)
    pdf.setLineWidth(4)
    pdf.circle(x, y, radius, stroke=1, fill=0)
    star = pdf.beginPath()
    for i in range(10):
        reach = radius * (0.3 if i % 2 == 0 else 0.12)
        point = (x + reach * math.sin(math.pi * i / 5), y + reach * math.cos(math.pi * i / 5))
        star.moveTo(*point) if i == 0 else star.lineTo(*point)
    star.close()
    pdf.drawPath(star, stroke=0, fill=1)
    pdf.restoreState()


def page_image(
    text: str,
    *,
    background: tuple[int, int, int] = (255, 255, 255),
    seal: str | None = None,
    signature: str | None = None,
) -> Image.Image:
    """The text drawn on an A4 page at 150 dpi, as a scanner or camera would see it before distortion;
    with `seal`, an organisation's red seal over its last lines; with `signature`, that name
    handwritten after every "签字：" or "签名：" label."""
    font = ImageFont.truetype(str(FONT_PATH), _FONT_PX, index=0)
    image = Image.new("RGB", PAGE_SIZE, background)
    draw = ImageDraw.Draw(image)
    y = _MARGIN
    for line in _wrap(text, font.getlength, PAGE_SIZE[0] - 2 * _MARGIN):
        draw.text((_MARGIN, y), line, font=font, fill=(20, 20, 25))
        label = max(line.find("签字："), line.find("签名："))
        if signature and label >= 0:
            _handwrite(image, signature, (_MARGIN + font.getlength(line[: label + 3]) + 20, y - 12))
        y += int(_FONT_PX * 1.7)
    if seal:
        stamp(image, seal, (PAGE_SIZE[0] - 380, max(_MARGIN, y - 260)))
    return image


def stamp(image: Image.Image, organisation: str, at: tuple[float, float], size: int = 300) -> None:
    """A round red seal (ring, star, the organisation's name along the arc) pressed onto the image,
    letting what is printed under it show through."""
    seal = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(seal)
    draw.ellipse((6, 6, size - 6, size - 6), outline=255, width=max(6, size // 30))
    centre, star = size / 2, size * 0.14
    points = [
        (
            centre + (star if i % 2 == 0 else star * 0.4) * math.sin(math.pi * i / 5),
            centre - (star if i % 2 == 0 else star * 0.4) * math.cos(math.pi * i / 5),
        )
        for i in range(10)
    ]
    draw.polygon(points, fill=255)
    font = ImageFont.truetype(str(FONT_PATH), size // 9, index=0)
    for index, char in enumerate(organisation):
        angle = -120 + 240 * index / max(1, len(organisation) - 1)
        glyph = Image.new("L", (size // 8, size // 8), 0)
        ImageDraw.Draw(glyph).text((0, 0), char, font=font, fill=255)
        glyph = glyph.rotate(-angle, expand=True)
        x = centre + (size * 0.36) * math.sin(math.radians(angle)) - glyph.width / 2
        y = centre - (size * 0.36) * math.cos(math.radians(angle)) - glyph.height / 2
        seal.paste(255, (round(x), round(y)), glyph)
    ink = Image.new("RGB", seal.size, (205, 30, 35))
    under = image.crop((round(at[0]), round(at[1]), round(at[0]) + size, round(at[1]) + size))
    image.paste(Image.composite(Image.blend(under, ink, 0.85), under, seal), (round(at[0]), round(at[1])))


def _handwrite(image: Image.Image, name: str, at: tuple[float, float]) -> None:
    """A name written by hand in blue ink: a brush-like font, slanted and uneven."""
    font_path = HAND_FONT_PATH if HAND_FONT_PATH.is_file() else FONT_PATH
    font = ImageFont.truetype(str(font_path), 44, index=0)
    layer = Image.new("L", (int(font.getlength(name)) + 40, 80), 0)
    ImageDraw.Draw(layer).text((10, 10), name, font=font, fill=255)
    layer = layer.transform(layer.size, Image.Transform.AFFINE, (1, 0.3, -12, 0, 1, 0)).rotate(4, expand=True)
    ink = Image.new("RGB", layer.size, (25, 45, 140))
    box = (round(at[0]), round(at[1]))
    region = image.crop((*box, box[0] + layer.width, box[1] + layer.height))
    image.paste(Image.composite(ink, region, layer), box)


def scanned_pdf(pages: list[str], *, noise: bool = True, angle: float = 1.5) -> bytes:
    """A PDF of full-page scanned images at 150 dpi (no text layer): turned by `angle` degrees
    (90 or 180 for a page fed the wrong way), noisy, blurred, grey JPEG."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(len(pages))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for text in pages:
        image = page_image(text).convert("L")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=abs(angle) > 45, fillcolor=255)
        if noise:
            image = _noisy(image, rng, sigma=10).filter(ImageFilter.GaussianBlur(0.6))
        size = (image.width * 72 / 150, image.height * 72 / 150)
        pdf.setPageSize(size)
        # JPEG bytes are embedded as they are (DCTDecode), as a scanner's PDF would.
        pdf.drawImage(ImageReader(io.BytesIO(_encode(image, "jpeg", quality=75))), 0, 0, *size)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def photo(
    text: str,
    *,
    fmt: str = "jpeg",
    angle: float = 3.0,
    noise: bool = True,
    orientation: int = 1,
    scale: float = 1.0,
    seal: str | None = None,
    signature: str | None = None,
) -> bytes:
    """A phone photo of a page: off-white paper on a darker table, uneven light, slight rotation, noise.

    `orientation` 6 or 8 stores the pixels sideways with the EXIF tag that turns them upright, as phones do;
    `scale` enlarges the photo (2.0 gives a camera-sized 3000×4000-ish picture); `fmt` is jpeg, png,
    webp or heic (as iPhones save); `seal` and `signature` as for `page_image`."""
    rng = random.Random(text)
    paper = page_image(text, background=(238, 233, 220), seal=seal, signature=signature)
    table = Image.new("RGB", (PAGE_SIZE[0] + 160, PAGE_SIZE[1] + 200), (92, 84, 76))
    table.paste(paper, (80, 100))
    image = table.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(92, 84, 76))
    # Light falls off towards one corner, as under a desk lamp.
    shade = Image.linear_gradient("L").resize(image.size).point(lambda v: 255 - v // 5)
    image = Image.composite(image, Image.new("RGB", image.size, (0, 0, 0)), shade)
    if noise:
        image = _noisy(image, rng, sigma=8).filter(ImageFilter.GaussianBlur(0.5))
    if scale != 1.0:
        image = image.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC
        )
    exif = Image.Exif()
    if orientation != 1:
        # Stored pixels are what the sensor saw; the tag says how to turn them upright.
        undo = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
        image = image.transpose(undo[orientation])
        exif[0x0112] = orientation
    return _encode(image, fmt, quality=82, exif=exif)


def blank_image(fmt: str = "png") -> bytes:
    """An empty off-white page: a scan with nothing to read."""
    return _encode(Image.new("RGB", PAGE_SIZE, (246, 244, 240)), fmt)


def encrypted_pdf(pages: list[str], *, user_password: str = "secret") -> bytes:
    """A text PDF encrypted with RC4-128; with `user_password=""` it opens without a password (owner-only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(pages))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf() -> bytes:
    """A real PDF cut off in the middle of its first page's content, as an interrupted upload leaves it."""
    data = text_pdf(["居民身份证 公民身份号码 110105194912310029"] * 3)
    start = data.index(b"stream", data.index(b"/Filter"))
    return data[: start + 40]


def garbage_pdf(size: int = 20_000) -> bytes:
    """Random bytes behind a PDF header."""
    return b"%PDF-1.7\n" + random.Random(size).randbytes(size)


def corrupt_png() -> bytes:
    """A PNG whose header is fine but whose image data is cut and scrambled."""
    data = blank_image("png")
    body = data.index(b"IDAT") + 4
    return data[:body] + random.Random(1).randbytes(200) + data[-12:]


def bomb_png(side: int = 30_000, *, rgb: bool = False) -> bytes:
    """A decompression bomb: a white `side`×`side` PNG, black-and-white (900 megapixels for 30 000,
    ~100 kB on disk) or, with `rgb`, 3 bytes a pixel (`side`=9000 decodes to 243 MB, PIL lets it by)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # a filter byte, then the row's pixels
    row = b"\x00" + b"\xff" * (side * 3 if rgb else (side + 7) // 8)
    header = struct.pack(">IIBBBBB", side, side, 8 if rgb else 1, 2 if rgb else 0, 0, 0, 0)
    rows_a_block = max(1, 2**20 // len(row))
    blocks, rest = divmod(side, rows_a_block)
    idat = _repeated_zlib(row * rows_a_block, blocks, tail=row * rest)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bomb_pdf(expanded_mb: int = 400) -> bytes:
    """A PDF bomb: a page whose ~400 kB content stream inflates to `expanded_mb` MB of spaces
    (pypdf's own 75 MB cap stops it)."""
    return _pdf_of_streams([_repeated_zlib(b" " * 2**20, expanded_mb)])


def slow_pdf(pages: int = 6, expanded_mb: int = 70) -> bytes:
    """A PDF bomb under pypdf's caps: each page's ~70 kB content stream inflates to about `expanded_mb` MB
    of text-showing operators (the cap is 75 MB), which takes pypdf minutes a page to extract."""
    block = (b"BT /F1 12 Tf 72 720 Td (" + b"A" * 2000 + b") Tj ET\n") * 500  # about 1 MB
    return _pdf_of_streams([_repeated_zlib(block, expanded_mb)] * pages)


def _repeated_zlib(block: bytes, times: int, tail: bytes = b"") -> bytes:
    """The zlib stream of `block` `times` times (at least once), then `tail`, compressing `block` once."""
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush a block refers to nothing before it, so its compressed bytes can be repeated.
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(block, adler)
    adler = zlib.adler32(tail, adler)
    return first + again * (times - 1) + end[:-4] + struct.pack(">I", adler)


def _pdf_of_streams(streams: list[bytes]) -> bytes:
    """A PDF with one page per Flate-compressed content stream, in Helvetica."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(streams)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(streams)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """A PDF file of the given objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _wrap(text: str, width_of: Callable[[str], float], max_width: float) -> list[str]:
    """Lines of the text broken at newlines and wherever a line would be wider than `max_width`."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and width_of(line + char) > max_width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines


def _noisy(image: Image.Image, rng: random.Random, *, sigma: float) -> Image.Image:
    """The image with Gaussian sensor noise."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, sigma, pixels.shape)
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), image.mode)


def _encode(image: Image.Image, fmt: str, *, quality: int = 85, exif: Image.Exif | None = None) -> bytes:
    """The image as JPEG, PNG, WebP or HEIC bytes."""
    out = io.BytesIO()
    options = {"exif": exif} if exif else {}
    if fmt == "heic":
        import pillow_heif

        pillow_heif.register_heif_opener()
        image.save(out, "HEIF", quality=quality, **options)
    elif fmt in ("jpeg", "webp"):
        image.save(out, fmt.upper(), quality=quality, **options)
    else:
        image.save(out, "PNG", **options)
    return out.getvalue()
