"""Drawing kit: a page is a list of drawing operations in millimetres that render both to a
PIL image (for scans and photos) and to a reportlab PDF with a real text layer."""
from __future__ import annotations

import io
import math
import random
import zlib
from dataclasses import dataclass, field
from functools import lru_cache, partial

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_FILES = {
    "hei": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "zen": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "ming": "/usr/share/fonts/truetype/arphic/uming.ttc",
}
RED = (205, 28, 36)
BLUE_INK = (25, 45, 150)
BLACK_INK = (25, 25, 30)


def rng_for(*parts) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))


@lru_cache(maxsize=256)
def pil_font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILES[name], max(4, px))


def text_width_mm(s: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E80 else size * 0.55 for c in s)


def wrap(s: str, width_mm: float, size: float) -> list[str]:
    """Greedy wrap; runs of ASCII letters/digits (ID numbers, codes, dates) are never split."""
    import re
    toks = re.findall(r"[A-Za-z0-9.\-/:()¥@_]+|\n|.", s)
    lines, cur, w = [], "", 0.0
    for t in toks:
        if t == "\n":
            lines.append(cur); cur, w = "", 0.0; continue
        tw = sum(size if ord(c) > 0x2E80 else size * 0.55 for c in t)
        if w + tw > width_mm and cur:
            if t in "，。、；：！？）」”":
                cur += t; lines.append(cur); cur, w = "", 0.0; continue
            lines.append(cur); cur, w = "", 0.0
        cur += t; w += tw
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Page:
    w: float  # mm
    h: float
    bg: tuple = (255, 255, 255)
    ops: list = field(default_factory=list)

    # -- primitives -------------------------------------------------------------
    def text(self, x, y, s, size=3.5, font="ming", color=(20, 20, 20), anchor="l", bold=False):
        self.ops.append(("text", x, y, str(s), size, font, color, anchor, bold))

    def line(self, x1, y1, x2, y2, width=0.25, color=(30, 30, 30)):
        self.ops.append(("line", x1, y1, x2, y2, width, color))

    def rect(self, x, y, w, h, stroke=(30, 30, 30), fill=None, width=0.25):
        self.ops.append(("rect", x, y, w, h, stroke, fill, width))

    def image(self, x, y, w, h, img: Image.Image):
        self.ops.append(("img", x, y, w, h, img))

    # -- helpers ----------------------------------------------------------------
    def para(self, x, y, s, width, size=3.5, font="ming", lead=1.75, indent=True, color=(20, 20, 20)):
        """Paragraph with a two-character first-line indent; returns the y after it."""
        s = ("\u3000\u3000" if indent else "") + s
        for ln in wrap(s, width, size):
            self.text(x, y + size, ln, size, font, color)
            y += size * lead
        return y

    def table(self, x, y, colw, rows, rowh=8.0, size=3.3, font="hei", heads=0, head_fill=(238, 238, 238),
              width=0.3, align=None):
        """rows: list of lists of cell text; a cell None merges into the previous one (horizontal)."""
        for r, row in enumerate(rows):
            cx = x
            i = 0
            while i < len(row):
                w = colw[i]
                j = i + 1
                while j < len(row) and row[j] is None:
                    w += colw[j]; j += 1
                fill = head_fill if r < heads else None
                self.rect(cx, y, w, rowh, fill=fill, width=width)
                cell = row[i] or ""
                lines = wrap(cell, w - 2.5, size) if cell else []
                a = (align[i] if align else "l") if r >= heads else "m"
                ty = y + rowh / 2 - (len(lines) - 1) * size * 0.6 + size * 0.36
                for ln in lines:
                    if a == "m":
                        self.text(cx + w / 2, ty, ln, size, font, anchor="m", bold=r < heads)
                    else:
                        self.text(cx + 1.5, ty, ln, size, font)
                    ty += size * 1.2
                cx += w
                i = j
            y += rowh
        return y

    def boxes(self, x, y, chars, n, box=5.0, size=3.6, font="hei", color=(20, 20, 20)):
        """A row of boxes, one character per box (printed forms)."""
        for k in range(n):
            self.rect(x + k * box, y, box, box, width=0.25)
            if k < len(chars):
                self.text(x + k * box + box / 2, y + box * 0.72, chars[k], size, font, color, anchor="m")
        return x + n * box


def to_pil(page: Page, ppm: float = 6.0) -> Image.Image:
    W, H = int(round(page.w * ppm)), int(round(page.h * ppm))
    im = Image.new("RGB", (W, H), page.bg)
    d = ImageDraw.Draw(im)
    for op in page.ops:
        k = op[0]
        if k == "text":
            _, x, y, s, size, font, color, anchor, bold = op
            f = pil_font(font, int(round(size * ppm)))
            a = {"l": "ls", "m": "ms", "r": "rs"}[anchor]
            d.text((x * ppm, y * ppm), s, font=f, fill=color, anchor=a,
                   stroke_width=max(1, int(size * ppm / 28)) if bold else 0, stroke_fill=color)
        elif k == "line":
            _, x1, y1, x2, y2, w, color = op
            d.line([(x1 * ppm, y1 * ppm), (x2 * ppm, y2 * ppm)], fill=color, width=max(1, int(round(w * ppm))))
        elif k == "rect":
            _, x, y, w, h, stroke, fill, lw = op
            d.rectangle([x * ppm, y * ppm, (x + w) * ppm, (y + h) * ppm], outline=stroke, fill=fill,
                        width=max(1, int(round(lw * ppm))) if stroke else 0)
        elif k == "img":
            _, x, y, w, h, img = op
            img = img() if callable(img) else img
            sub = img.convert("RGBA").resize((max(1, int(w * ppm)), max(1, int(h * ppm))), Image.LANCZOS)
            im.paste(sub, (int(x * ppm), int(y * ppm)), sub)
    return im


def _rl_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for n, f in FONT_FILES.items():
        if n not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(n, f, subfontIndex=0))


def to_pdf(pages: list[Page], title: str = "") -> bytes:
    """A text PDF (real text layer) made with reportlab."""
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    _rl_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pages[0].w * mm, pages[0].h * mm), invariant=1)
    c.setTitle(title)
    c.setCreator("Microsoft Word")
    for p in pages:
        c.setPageSize((p.w * mm, p.h * mm))
        H = p.h
        if p.bg != (255, 255, 255):
            c.setFillColorRGB(*[v / 255 for v in p.bg]); c.rect(0, 0, p.w * mm, p.h * mm, stroke=0, fill=1)
        for op in p.ops:
            k = op[0]
            if k == "text":
                _, x, y, s, size, font, color, anchor, bold = op
                c.setFillColorRGB(*[v / 255 for v in color]); c.setStrokeColorRGB(*[v / 255 for v in color])
                t = c.beginText()
                t.setFont(font, size * 72 / 25.4)
                w = c.stringWidth(s, font, size * 72 / 25.4)
                xx = x * mm - (w / 2 if anchor == "m" else w if anchor == "r" else 0)
                t.setTextOrigin(xx, (H - y) * mm)
                if bold:
                    t.setTextRenderMode(2); c.setLineWidth(size * 0.04 * mm)
                t.textOut(s)
                c.drawText(t)
            elif k == "line":
                _, x1, y1, x2, y2, w, color = op
                c.setStrokeColorRGB(*[v / 255 for v in color]); c.setLineWidth(w * mm)
                c.line(x1 * mm, (H - y1) * mm, x2 * mm, (H - y2) * mm)
            elif k == "rect":
                _, x, y, w, h, stroke, fill, lw = op
                if fill:
                    c.setFillColorRGB(*[v / 255 for v in fill])
                if stroke:
                    c.setStrokeColorRGB(*[v / 255 for v in stroke]); c.setLineWidth(lw * mm)
                c.rect(x * mm, (H - y - h) * mm, w * mm, h * mm, stroke=1 if stroke else 0, fill=1 if fill else 0)
            elif k == "img":
                _, x, y, w, h, img = op
                img = img() if callable(img) else img
                c.drawImage(ImageReader(img.convert("RGBA")), x * mm, (H - y - h) * mm, w * mm, h * mm, mask="auto")
        c.showPage()
    c.save()
    return buf.getvalue()


# -- seals and signatures --------------------------------------------------------------

def seal(*a, **kw):
    """Lazy: the seal image is drawn when the page is rendered."""
    return partial(_seal, *a, **kw)


def signature(*a, **kw):
    return partial(_signature, *a, **kw)


@lru_cache(maxsize=64)
def _seal(name: str, seed: str, *, oval=False, bottom="", star=True, color=RED, size=420) -> Image.Image:
    """A red official seal: ring, five-point star, name along the arc, uneven semi-transparent ink."""
    r = rng_for("seal", name, seed)
    W = size if not oval else int(size * 1.4)
    H = size
    big = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(big)
    ring = int(size * 0.035)
    d.ellipse([ring, ring, W - ring, H - ring], outline=255, width=ring)
    cx, cy = W / 2, H / 2
    if star:
        R = size * (0.16 if not oval else 0.12)
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            rr = R if i % 2 == 0 else R * 0.382
            pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
        d.polygon(pts, fill=255)
    # arc text
    n = len(name)
    fs = int(size * (0.125 if n <= 10 else 0.105 if n <= 14 else 0.09 if n <= 17 else 0.075))
    font = pil_font("zen", fs)
    span = min(292, 18 * n + 40) if not oval else min(220, 15 * n + 30)
    rx = (W / 2 - ring * 2.2 - fs * 0.62)
    ry = (H / 2 - ring * 2.2 - fs * 0.62)
    for i, ch in enumerate(name):
        a_deg = -90 - span / 2 + span * (i + 0.5) / n
        a = math.radians(a_deg)
        px, py = cx + rx * math.cos(a), cy + ry * math.sin(a)
        g = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(g).text((fs, fs), ch, font=font, fill=255, anchor="mm")
        g = g.rotate(-(a_deg + 90), resample=Image.BICUBIC)
        big.paste(255, (int(px - fs), int(py - fs)), g)
    if bottom:
        bf = pil_font("zen", int(size * 0.08))
        d.text((cx, cy + size * 0.3), bottom, font=bf, fill=255, anchor="mm")
    if oval and not star:
        pass
    # uneven ink
    a = np.asarray(big, dtype=np.float32) / 255.0
    npr = np.random.RandomState(r.randrange(1 << 30))
    noise = npr.rand(H // 12 + 1, W // 12 + 1).astype(np.float32)
    noise = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((W, H), Image.BICUBIC), dtype=np.float32) / 255
    speck = npr.rand(H, W) > 0.06
    a = a * (0.55 + 0.4 * noise) * speck
    alpha = Image.fromarray((np.clip(a, 0, 1) * 235).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    out = Image.new("RGBA", (W, H), color + (0,))
    out.putalpha(alpha)
    return out.rotate(r.uniform(-14, 14), resample=Image.BICUBIC, expand=False)


@lru_cache(maxsize=64)
def _signature(name: str, seed: str, *, color=BLUE_INK, style="kai") -> Image.Image:
    """A handwritten signature: brush/kai font, slanted, uneven, or drawn strokes."""
    r = rng_for("sig", name, seed)
    fs = 120
    W = int(fs * (len(name) * 0.9 + 0.8))
    im = Image.new("L", (W, int(fs * 1.6)), 0)
    d = ImageDraw.Draw(im)
    if style == "scrawl":
        pts = []
        x = fs * 0.3
        for i in range(len(name) * 5):
            x += r.uniform(fs * 0.1, fs * 0.25)
            pts.append((x, fs * 0.8 + r.uniform(-fs * 0.45, fs * 0.45)))
        d.line(pts, fill=255, width=7, joint="curve")
        d.line([(fs * 0.2, fs * 1.2), (x + fs * 0.2, fs * 1.0)], fill=255, width=5)
    else:
        x = fs * 0.3
        for ch in name:
            f = pil_font("kai", int(fs * r.uniform(0.85, 1.1)))
            d.text((x, fs * 0.8 + r.uniform(-12, 12)), ch, font=f, fill=255, anchor="lm",
                   stroke_width=2, stroke_fill=255)
            x += fs * r.uniform(0.72, 0.9)
        d.line([(fs * 0.4, fs * 1.3), (x, fs * 1.15 + r.uniform(-10, 10))], fill=255, width=4)
    im = im.transform(im.size, Image.AFFINE, (1, 0.32, -40, 0, 1, 0), resample=Image.BICUBIC)
    im = im.rotate(r.uniform(-7, 7), resample=Image.BICUBIC, expand=True).filter(ImageFilter.GaussianBlur(0.9))
    out = Image.new("RGBA", im.size, color + (0,))
    out.putalpha(im.point(lambda v: int(v * 0.92)))
    return out


def emblem(size=300) -> Image.Image:
    """National-emblem placeholder: red disc, gold stars and a gate outline."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([4, 4, size - 4, size - 4], fill=(200, 30, 30, 255), outline=(230, 180, 40, 255), width=size // 30)
    gold = (240, 200, 60, 255)
    c = size / 2
    def star(cx, cy, R):
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = R if i % 2 == 0 else R * 0.382
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        d.polygon(pts, fill=gold)
    star(c, size * 0.3, size * 0.12)
    for k, (dx, dy) in enumerate([(-0.2, -0.27), (-0.1, -0.34), (0.1, -0.34), (0.2, -0.27)]):
        star(c + dx * size, c + dy * size + size * 0.1, size * 0.04)
    d.rectangle([size * 0.28, size * 0.55, size * 0.72, size * 0.7], outline=gold, width=size // 40)
    d.polygon([(size * 0.24, size * 0.55), (c, size * 0.47), (size * 0.76, size * 0.55)], outline=gold)
    d.arc([size * 0.1, size * 0.1, size * 0.9, size * 0.9], 30, 150, fill=gold, width=size // 25)
    return im


def portrait(seed: str, w=260, h=320, bg=(236, 240, 245)) -> Image.Image:
    r = rng_for("face", seed)
    im = Image.new("RGBA", (w, h), bg + (255,))
    d = ImageDraw.Draw(im)
    skin = (r.randint(215, 240), r.randint(180, 205), r.randint(150, 175), 255)
    hair = (r.randint(15, 45),) * 3 + (255,)
    d.ellipse([w * 0.1, h * 0.72, w * 0.9, h * 1.3], fill=(40, 45, 60, 255))
    d.rectangle([w * 0.42, h * 0.55, w * 0.58, h * 0.78], fill=skin)
    d.ellipse([w * 0.25, h * 0.12, w * 0.75, h * 0.66], fill=skin)
    d.chord([w * 0.23, h * 0.07, w * 0.77, h * 0.5], 180, 360, fill=hair)
    d.ellipse([w * 0.36, h * 0.36, w * 0.42, h * 0.4], fill=(30, 30, 30, 255))
    d.ellipse([w * 0.58, h * 0.36, w * 0.64, h * 0.4], fill=(30, 30, 30, 255))
    d.arc([w * 0.42, h * 0.46, w * 0.58, h * 0.56], 20, 160, fill=(150, 70, 70, 255), width=3)
    return im


def qr_like(seed: str, n=25, px=8) -> Image.Image:
    r = rng_for("qr", seed)
    im = Image.new("RGBA", (n * px, n * px), (255, 255, 255, 255))
    d = ImageDraw.Draw(im)
    for i in range(n):
        for j in range(n):
            if r.random() < 0.48:
                d.rectangle([i * px, j * px, i * px + px - 1, j * px + px - 1], fill=(0, 0, 0, 255))
    for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)]:
        d.rectangle([x * px, y * px, (x + 7) * px - 1, (y + 7) * px - 1], fill=(255, 255, 255, 255))
        d.rectangle([x * px, y * px, (x + 7) * px - 1, (y + 7) * px - 1], outline=(0, 0, 0, 255), width=px)
        d.rectangle([(x + 2) * px, (y + 2) * px, (x + 5) * px - 1, (y + 5) * px - 1], fill=(0, 0, 0, 255))
    return im
