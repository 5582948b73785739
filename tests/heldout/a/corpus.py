"""Held-out pre-review corpus "a": six items of a Wuhu (Anhui) district hall.

Self-contained: stdlib, numpy, PIL, cv2, reportlab, pillow_heif, stdnum.
Every file is built lazily and deterministically (seeded by case and file name).
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import math
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from stdnum.cn import ric, uscc

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone.utc)
CATALOGUE = Path(__file__).with_name("catalogue.yml")
TODAY = NOW.date()


@dataclass(frozen=True)
class File:
    name: str
    build: Callable[[], bytes]
    shows: str


@dataclass(frozen=True)
class Case:
    name: str
    item: str
    scenario: str | None
    files: list[File]
    expected: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# drawing model: a page is a list of operations in millimetres (y down),
# rendered either to pixels (PIL) or to a PDF with a real text layer (reportlab)
# ---------------------------------------------------------------------------
FONT_DIR = Path("/usr/share/fonts/truetype")
FONT_FILES = {"hei": "wqy/wqy-microhei.ttc", "zen": "wqy/wqy-zenhei.ttc",
              "kai": "arphic/ukai.ttc", "ming": "arphic/uming.ttc"}
BLACK = (20, 20, 20)
RED = (214, 32, 38)
BLUE_INK = (24, 44, 150)


@functools.lru_cache(maxsize=None)
def _pil_font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[name]), px, index=0)


@functools.lru_cache(maxsize=None)
def _rl_font(name: str) -> str:
    rl_name = "cn_" + name
    pdfmetrics.registerFont(TTFont(rl_name, str(FONT_DIR / FONT_FILES[name]), subfontIndex=0))
    return rl_name


def text_width(s: str, size: float, font: str = "ming") -> float:
    return _pil_font(font, 100).getlength(s) * size / 100.0


class Page:
    def __init__(self, w: float = 210, h: float = 297, bg=(255, 255, 255)):
        self.w, self.h, self.bg = w, h, bg
        self.ops: list[tuple] = []

    def text(self, x, y, s, size=4.2, font="ming", color=BLACK, align="l", bold=False):
        self.ops.append(("text", x, y, s, size, font, color, align, bold))

    def line(self, x1, y1, x2, y2, color=BLACK, lw=0.3):
        self.ops.append(("line", x1, y1, x2, y2, color, lw))

    def rect(self, x, y, w, h, stroke=BLACK, fill=None, lw=0.3, r=0.0):
        self.ops.append(("rect", x, y, w, h, stroke, fill, lw, r))

    def ellipse(self, cx, cy, rx, ry, stroke=BLACK, fill=None, lw=0.3):
        self.ops.append(("ellipse", cx, cy, rx, ry, stroke, fill, lw))

    def poly(self, pts, stroke=None, fill=BLACK, lw=0.3):
        self.ops.append(("poly", tuple(pts), stroke, fill, lw))

    def image(self, factory: Callable[[], Image.Image], x, y, w, h):
        """An RGBA image (seal, signature, photo) placed at x, y with size w x h mm."""
        self.ops.append(("image", factory, x, y, w, h))

    def sub(self, page: "Page", x, y, scale=1.0):
        self.ops.append(("sub", page, x, y, scale))

    # helpers -------------------------------------------------------------
    def para(self, x, y, width, s, size=4.2, font="ming", lead=1.75, indent=True, color=BLACK):
        """Wrapped paragraph; returns the y below it."""
        for ln in wrap(("\u3000\u3000" if indent else "") + s, width, size, font):
            self.text(x, y, ln, size, font, color)
            y += size * lead
        return y

    def star(self, cx, cy, r, color):
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            rr = r if i % 2 == 0 else r * 0.382
            pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
        self.poly(pts, None, color)


def wrap(s: str, width: float, size: float, font: str = "ming") -> list[str]:
    lines, cur = [], ""
    for ch in s:
        if ch == "\n":
            lines.append(cur)
            cur = ""
            continue
        if text_width(cur + ch, size, font) > width and cur:
            if ch in "，。；、：）》”":
                cur += ch
                lines.append(cur)
                cur = ""
                continue
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def raster(page: Page, dpi: float = 150) -> Image.Image:
    """RGBA image of the page (transparent where the page has no background)."""
    k = dpi / 25.4
    size = (max(1, round(page.w * k)), max(1, round(page.h * k)))
    img = Image.new("RGBA", size, tuple(page.bg) + (255,) if page.bg else (0, 0, 0, 0))
    _draw(img, page, k)
    return img


def _draw(img: Image.Image, page: Page, k: float):
    d = ImageDraw.Draw(img)
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, size, font, color, align, bold = op
            px = max(6, round(size * k))
            f = _pil_font(font, px)
            anchor = {"l": "ls", "c": "ms", "r": "rs"}[align]
            sw = max(1, round(px / 28)) if bold else 0
            d.text((x * k, y * k), s, font=f, fill=tuple(color) + (255,), anchor=anchor,
                   stroke_width=sw, stroke_fill=tuple(color) + (255,))
        elif kind == "line":
            _, x1, y1, x2, y2, color, lw = op
            d.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=tuple(color) + (255,), width=max(1, round(lw * k)))
        elif kind == "rect":
            _, x, y, w, h, stroke, fill, lw, r = op
            box = [x * k, y * k, (x + w) * k, (y + h) * k]
            kw = dict(fill=tuple(fill) + (255,) if fill else None,
                      outline=tuple(stroke) + (255,) if stroke else None, width=max(1, round(lw * k)))
            if r:
                d.rounded_rectangle(box, radius=r * k, **kw)
            else:
                d.rectangle(box, **kw)
        elif kind == "ellipse":
            _, cx, cy, rx, ry, stroke, fill, lw = op
            d.ellipse([(cx - rx) * k, (cy - ry) * k, (cx + rx) * k, (cy + ry) * k],
                      fill=tuple(fill) + (255,) if fill else None,
                      outline=tuple(stroke) + (255,) if stroke else None, width=max(1, round(lw * k)))
        elif kind == "poly":
            _, pts, stroke, fill, lw = op
            d.polygon([(px * k, py * k) for px, py in pts], fill=tuple(fill) + (255,) if fill else None,
                      outline=tuple(stroke) + (255,) if stroke else None, width=max(1, round(lw * k)))
        elif kind == "image":
            _, factory, x, y, w, h = op
            im = factory().resize((max(1, round(w * k)), max(1, round(h * k))), Image.LANCZOS)
            img.alpha_composite(im, (round(x * k), round(y * k)))
            d = ImageDraw.Draw(img)
        elif kind == "sub":
            _, sp, x, y, scale = op
            sim = raster(sp, k * scale * 25.4)
            img.alpha_composite(sim, (round(x * k), round(y * k)))
            d = ImageDraw.Draw(img)


def _rl_color(c, color):
    c.setFillColorRGB(*(v / 255 for v in color))
    c.setStrokeColorRGB(*(v / 255 for v in color))


def _rl_draw(c, page: Page):
    MM = 72 / 25.4
    H = page.h
    if page.bg:
        _rl_color(c, page.bg)
        c.rect(0, 0, page.w * MM, page.h * MM, stroke=0, fill=1)
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, size, font, color, align, bold = op
            fn = _rl_font(font)
            _rl_color(c, color)
            w = pdfmetrics.stringWidth(s, fn, size * MM)
            xx = x * MM - (w / 2 if align == "c" else w if align == "r" else 0)
            t = c.beginText()
            t.setFont(fn, size * MM)
            if bold:
                c.setLineWidth(size * MM * 0.035)
                t.setTextRenderMode(2)
            t.setTextOrigin(xx, (H - y) * MM)
            t.textOut(s)
            c.drawText(t)
        elif kind == "line":
            _, x1, y1, x2, y2, color, lw = op
            _rl_color(c, color)
            c.setLineWidth(lw * MM)
            c.line(x1 * MM, (H - y1) * MM, x2 * MM, (H - y2) * MM)
        elif kind == "rect":
            _, x, y, w, h, stroke, fill, lw, r = op
            if fill:
                c.setFillColorRGB(*(v / 255 for v in fill))
            if stroke:
                c.setStrokeColorRGB(*(v / 255 for v in stroke))
            c.setLineWidth(lw * MM)
            args = (x * MM, (H - y - h) * MM, w * MM, h * MM)
            if r:
                c.roundRect(*args, r * MM, stroke=1 if stroke else 0, fill=1 if fill else 0)
            else:
                c.rect(*args, stroke=1 if stroke else 0, fill=1 if fill else 0)
        elif kind == "ellipse":
            _, cx, cy, rx, ry, stroke, fill, lw = op
            if fill:
                c.setFillColorRGB(*(v / 255 for v in fill))
            if stroke:
                c.setStrokeColorRGB(*(v / 255 for v in stroke))
            c.setLineWidth(lw * MM)
            c.ellipse((cx - rx) * MM, (H - cy - ry) * MM, (cx + rx) * MM, (H - cy + ry) * MM,
                      stroke=1 if stroke else 0, fill=1 if fill else 0)
        elif kind == "poly":
            _, pts, stroke, fill, lw = op
            if fill:
                c.setFillColorRGB(*(v / 255 for v in fill))
            if stroke:
                c.setStrokeColorRGB(*(v / 255 for v in stroke))
            c.setLineWidth(lw * MM)
            p = c.beginPath()
            p.moveTo(pts[0][0] * MM, (H - pts[0][1]) * MM)
            for px, py in pts[1:]:
                p.lineTo(px * MM, (H - py) * MM)
            p.close()
            c.drawPath(p, stroke=1 if stroke else 0, fill=1 if fill else 0)
        elif kind == "image":
            _, factory, x, y, w, h = op
            c.drawImage(ImageReader(factory()), x * MM, (H - y - h) * MM, w * MM, h * MM, mask="auto")
        elif kind == "sub":
            _, sp, x, y, scale = op
            c.saveState()
            c.translate(x * MM, (H - y - sp.h * scale) * MM)
            c.scale(scale, scale)
            _rl_draw(c, sp)
            c.restoreState()


def pdf_text(pages: list[Page], title: str = "") -> bytes:
    buf = io.BytesIO()
    MM = 72 / 25.4
    c = rl_canvas.Canvas(buf, pagesize=(pages[0].w * MM, pages[0].h * MM), invariant=1)
    if title:
        c.setTitle(title)
    for p in pages:
        c.setPageSize((p.w * MM, p.h * MM))
        _rl_draw(c, p)
        c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------
# seals and signatures
# ---------------------------------------------------------------------------
def seal_image(org: str, seed: int, oval: bool = False, bottom: str = "", code: str = "",
               color=RED, star: bool = True) -> Image.Image:
    rng = random.Random(seed)
    W = 520 if not oval else 620
    H = 520 if not oval else 430
    mask = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(mask)
    cx, cy = W / 2, H / 2
    rx, ry = W / 2 - 12, H / 2 - 12
    ring = 16 if not oval else 13
    d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], outline=255, width=ring)
    if oval:
        d.ellipse([cx - rx + 22, cy - ry + 22, cx + rx - 22, cy + ry - 22], outline=255, width=4)
    if star:
        r = (ry if oval else rx) * (0.30 if not oval else 0.22)
        sy = cy if not oval else cy - ry * 0.05
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            rr = r if i % 2 == 0 else r * 0.382
            pts.append((cx + rr * math.cos(ang), sy + rr * math.sin(ang)))
        d.polygon(pts, fill=255)
    # text along the upper arc
    n = len(org)
    span = min(250.0, 24.0 * n + 20) if not oval else min(220.0, 20.0 * n + 20)
    fpx = int((rx if not oval else ry) * (0.27 if n <= 12 else 0.23 if n <= 18 else 0.19))
    font = _pil_font("zen", fpx)
    tr = 0.70 if not oval else 0.72
    for i, ch in enumerate(org):
        ang = math.radians(90 + span / 2 - (span * (i + 0.5) / n))
        px = cx + rx * tr * math.cos(ang)
        py = cy - ry * tr * math.sin(ang)
        tile = Image.new("L", (fpx * 2, fpx * 2), 0)
        ImageDraw.Draw(tile).text((fpx, fpx), ch, font=font, fill=255, anchor="mm",
                                  stroke_width=1, stroke_fill=255)
        rot_deg = math.degrees(ang) - 90
        if oval:  # follow the normal of the ellipse
            nx, ny = math.cos(ang) / rx, math.sin(ang) / ry
            rot_deg = math.degrees(math.atan2(ny, nx)) - 90
        tile = tile.rotate(rot_deg, resample=Image.BICUBIC)
        mask.paste(255, (round(px - fpx), round(py - fpx)), tile)
    if bottom:
        bf = _pil_font("zen", int(fpx * 0.9))
        d.text((cx, cy + (ry * 0.55 if not oval else ry * 0.42)), bottom, font=bf, fill=255, anchor="mm")
    if code:
        cf = _pil_font("hei", int(fpx * 0.5))
        d.text((cx, cy + ry * 0.80), code, font=cf, fill=255, anchor="mm")
    # uneven ink
    arr = np.asarray(mask, dtype=np.float32) / 255.0
    low = np.random.default_rng(seed).random((8, 8)).astype(np.float32)
    low = cv2.resize(low, (W, H), interpolation=cv2.INTER_CUBIC)
    ink = 0.55 + 0.45 * np.clip(low, 0, 1)
    speck = np.random.default_rng(seed + 1).random((H, W)) < 0.035
    ink[speck] *= 0.35
    arr = cv2.GaussianBlur(arr * ink, (0, 0), 1.1)
    alpha = np.clip(arr * rng.uniform(0.72, 0.9) * 255, 0, 255).astype(np.uint8)
    out = Image.new("RGBA", (W, H), tuple(color) + (0,))
    out.putalpha(Image.fromarray(alpha))
    return out.rotate(rng.uniform(-14, 14), resample=Image.BICUBIC, expand=False)


def signature_image(name: str, seed: int, color=BLUE_INK, scribble: bool = False) -> Image.Image:
    rng = random.Random(seed)
    W, H = 600, 220
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    if scribble:
        x, y = 30.0, H * 0.6
        pts = [(x, y)]
        for _ in range(rng.randint(14, 22)):
            x += rng.uniform(10, 38)
            y = H * 0.55 + rng.uniform(-70, 60)
            pts.append((x, y))
        pts = [(min(p[0], W - 20), p[1]) for p in pts]
        # smooth with a Catmull-Rom-ish interpolation
        sm = []
        for i in range(len(pts) - 1):
            (x0, y0), (x1, y1) = pts[i], pts[i + 1]
            for t in np.linspace(0, 1, 10):
                sm.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * (3 * t * t - 2 * t * t * t)))
        d.line(sm, fill=255, width=5, joint="curve")
        d.line([(40, H * 0.8), (W - 60, H * 0.7)], fill=255, width=4)
    else:
        font = _pil_font("kai", 150)
        d.text((30, H / 2), name, font=font, fill=255, anchor="lm", stroke_width=2, stroke_fill=255)
        if rng.random() < 0.5:  # a flourish under the name
            d.line([(40, H * 0.86), (W * 0.55, H * 0.80), (W * 0.8, H * 0.9)], fill=255, width=4)
    shear = rng.uniform(0.18, 0.38)
    im = im.transform((W, H), Image.AFFINE, (1, shear, -shear * H / 2, 0, 1, 0), resample=Image.BICUBIC)
    im = im.rotate(rng.uniform(-7, 5), resample=Image.BICUBIC)
    im = im.filter(ImageFilter.GaussianBlur(0.8))
    out = Image.new("RGBA", (W, H), tuple(color) + (0,))
    out.putalpha(im.point(lambda v: int(v * 0.92)))
    return out


def put_seal(page: Page, org: str, cx: float, cy: float, seed: int, d: float = 40, **kw):
    oval = kw.get("oval", False)
    w, h = (d * 1.2, d * 0.83) if oval else (d, d)
    page.image(lambda: seal_image(org, seed, **kw), cx - w / 2, cy - h / 2, w, h)


def put_signature(page: Page, name: str, x: float, y: float, seed: int, w: float = 30, **kw):
    page.image(lambda: signature_image(name, seed, **kw), x, y - w * 0.26, w, w * 0.367)


# ---------------------------------------------------------------------------
# capture: scanner, phone camera, screenshot; encoders
# ---------------------------------------------------------------------------
def flatten(img: Image.Image, bg=(255, 255, 255)) -> Image.Image:
    if img.mode == "RGBA":
        base = Image.new("RGB", img.size, bg)
        base.paste(img, mask=img.split()[3])
        return base
    return img.convert("RGB")


def scan(img: Image.Image, rng: random.Random, gray: bool = True, dark: float = 0.0) -> Image.Image:
    """A flatbed/copier scan: grey, a slight skew, toner speckles."""
    im = flatten(img)
    if gray:
        im = im.convert("L")
    arr = np.asarray(im).astype(np.float32)
    arr = 255 - (255 - arr) * rng.uniform(0.85, 1.05)  # toner density
    arr = arr * rng.uniform(0.90, 0.98) + dark * -30
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr += nrng.standard_normal(arr.shape, dtype=np.float32) * 4.0
    sp = nrng.random(arr.shape[:2]) < 0.0012
    arr[sp] = nrng.uniform(20, 120, int(sp.sum()))[:, None] if arr.ndim == 3 else nrng.uniform(20, 120, int(sp.sum()))
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    im = Image.fromarray(arr)
    angle = rng.uniform(-1.6, 1.6)
    fill = 235 if gray else (235, 235, 235)
    im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    return im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))


def _desk(rng: random.Random, W: int, H: int) -> np.ndarray:
    """Desk texture, computed at quarter resolution and scaled up (cheap)."""
    kind = rng.choice(["wood", "grey", "white", "dark"])
    base = {"wood": (120, 86, 55), "grey": (150, 150, 146), "white": (214, 210, 202), "dark": (62, 58, 56)}[kind]
    w, h = max(8, W // 4), max(8, H // 4)
    yy = np.arange(h, dtype=np.float32)[:, None]
    xx = np.arange(w, dtype=np.float32)[None, :]
    if kind == "wood":
        grain = np.sin(yy / rng.uniform(2, 5) + 3 * np.sin(xx / rng.uniform(40, 100)))
    else:
        grain = np.zeros((h, w), np.float32)
    small = np.stack([base[c] * (1 + 0.07 * grain) for c in range(3)], axis=-1).astype(np.float32)
    return cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)


def photo(img: Image.Image, rng: random.Random, size=(1536, 2048), fill: float = 0.78, tilt: float = 0.07,
          light: float = 1.0, blur: float = 0.9, shadow: float = 0.35) -> Image.Image:
    """The document photographed on a desk with a phone: perspective, light gradient, noise, blur."""
    W, H = size
    src = np.asarray(img.convert("RGBA"))
    sh, sw = src.shape[:2]
    scale = min(W * fill / sw, H * fill / sh)
    dw, dh = sw * scale, sh * scale
    ox, oy = (W - dw) / 2 + rng.uniform(-0.05, 0.05) * W, (H - dh) / 2 + rng.uniform(-0.04, 0.04) * H
    j = lambda: rng.uniform(-tilt, tilt)
    dst = np.float32([[ox + j() * dw, oy + j() * dh], [ox + dw + j() * dw, oy + j() * dh],
                      [ox + dw + j() * dw, oy + dh + j() * dh], [ox + j() * dw, oy + dh + j() * dh]])
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]]), dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    a = warped[..., 3:4].astype(np.float32) * (1 / 255.0)
    bg = _desk(rng, W, H)
    # soft shadow of the sheet on the desk (computed small)
    small = cv2.resize(a[..., 0], (W // 4, H // 4), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 5)
    small = np.roll(np.roll(small, 4, 0), 3, 1)
    sm = cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)[..., None]
    out = bg * (1 - 0.45 * sm)
    out = out * (1 - a) + warped[..., :3].astype(np.float32) * a
    # light gradient (hand/phone shadow) and overall exposure
    ang = rng.uniform(0, 2 * math.pi)
    gx = (np.arange(W, dtype=np.float32) / W - 0.5) * math.cos(ang)
    gy = (np.arange(H, dtype=np.float32) / H - 0.5) * math.sin(ang)
    g = gy[:, None] + gx[None, :]
    g = (g - g.min()) / (g.max() - g.min() + 1e-6)
    warm = np.float32([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.84, 0.97)]) * light
    out *= (1 - shadow * g)[..., None]
    out *= warm
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    out += nrng.standard_normal((H, W, 1), dtype=np.float32) * (3 + 6 * (1 - light))
    out = np.clip(out, 0, 255).astype(np.uint8)
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    return Image.fromarray(out)


def screenshot(img: Image.Image, rng: random.Random, title: str = "文件预览") -> Image.Image:
    """A phone screenshot of a file viewer (WeChat-like)."""
    W, H = 1080, 2340
    out = Image.new("RGB", (W, H), (237, 237, 237))
    d = ImageDraw.Draw(out)
    d.rectangle([0, 0, W, 96], fill=(237, 237, 237))
    f = _pil_font("hei", 36)
    d.text((40, 50), f"{rng.randint(8, 21)}:{rng.randint(0, 59):02d}", font=f, fill=(0, 0, 0), anchor="lm")
    d.text((W - 40, 50), f"{rng.randint(20, 98)}%", font=f, fill=(0, 0, 0), anchor="rm")
    d.rectangle([0, 96, W, 230], fill=(246, 246, 246))
    d.text((W / 2, 163), title, font=_pil_font("hei", 46), fill=(20, 20, 20), anchor="mm")
    d.text((50, 163), "〈", font=_pil_font("hei", 46), fill=(20, 20, 20), anchor="lm")
    d.text((W - 50, 163), "···", font=_pil_font("hei", 46), fill=(20, 20, 20), anchor="rm")
    page = flatten(img)
    pw = W - 40
    ph = round(page.height * pw / page.width)
    if ph > H - 420:
        ph = H - 420
        pw = round(page.width * ph / page.height)
    page = page.resize((pw, ph), Image.LANCZOS)
    out.paste(page, ((W - pw) // 2, 250))
    d.rectangle([0, H - 150, W, H], fill=(246, 246, 246))
    d.text((W / 2, H - 75), "用其他应用打开", font=_pil_font("hei", 38), fill=(87, 107, 149), anchor="mm")
    return out


def enc(im: Image.Image, fmt: str, rng: random.Random | None = None, quality: int = 85,
        exif_orientation: int | None = None) -> bytes:
    buf = io.BytesIO()
    im = im if im.mode in ("RGB", "L") else flatten(im)
    if fmt == "jpeg":
        kw = {}
        if exif_orientation:
            ex = Image.Exif()
            ex[0x0112] = exif_orientation
            ex[0x010F] = "Apple" if rng and rng.random() < 0.5 else "HUAWEI"
            ex[0x0110] = "iPhone 13" if ex[0x010F] == "Apple" else "ELS-AN00"
            kw["exif"] = ex.tobytes()
        im.save(buf, "JPEG", quality=quality, **kw)
    elif fmt == "png":
        im.save(buf, "PNG", optimize=False, compress_level=6)
    elif fmt == "webp":
        im.save(buf, "WEBP", quality=quality)
    elif fmt == "heic":
        import pillow_heif
        pillow_heif.register_heif_opener()
        ex = Image.Exif()
        if exif_orientation:
            ex[0x0112] = exif_orientation
        ex[0x010F] = "Apple"
        ex[0x0110] = "iPhone 14"
        im.convert("RGB").save(buf, "HEIF", quality=quality, exif=ex.tobytes(), enc_params={"preset": "ultrafast"})
    else:
        raise ValueError(fmt)
    return buf.getvalue()


def pdf_images(images: list[Image.Image], dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    ims = [(im if im.mode in ("RGB", "L") else flatten(im)) for im in images]
    when = dt.datetime(2026, 11, 25, 10, 31, 7).timetuple()
    ims[0].save(buf, "PDF", save_all=True, append_images=ims[1:], resolution=dpi, creationDate=when, modDate=when,
                producer="CamScanner" if len(ims) > 1 else "Scanner")
    return buf.getvalue()


def rotate_pixels(im: Image.Image, deg: int) -> Image.Image:
    return {0: im, 90: im.transpose(Image.ROTATE_90), 180: im.transpose(Image.ROTATE_180),
            270: im.transpose(Image.ROTATE_270)}[deg % 360]


# ---------------------------------------------------------------------------
# people, organisations, numbers
# ---------------------------------------------------------------------------
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹熊孟秦白江阎薛尹段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_M = ["建国", "志强", "海涛", "明", "伟", "国庆", "家豪", "子轩", "俊杰", "长林", "德胜", "文斌", "永红", "立新", "晓东", "宏伟", "春生", "金保", "学军", "浩然", "宇航", "振华", "传富", "守义"]
GIVEN_F = ["秀英", "桂兰", "丽娟", "晓燕", "玉梅", "婷婷", "雨涵", "静", "芳", "淑珍", "春花", "红霞", "欣怡", "梦瑶", "凤英", "素琴", "小红", "慧敏", "佳琪", "翠萍", "月娥", "兰英"]
NATIONS = ["汉"] * 9 + ["回", "满", "土家"]


def cn_date(d: dt.date, sep: str = "") -> str:
    if sep:
        return f"{d.year}{sep}{d.month:02d}{sep}{d.day:02d}"
    return f"{d.year}年{d.month}月{d.day}日"


_CN = "〇一二三四五六七八九"


def cn_date_upper(d: dt.date) -> str:
    def num(n):
        if n < 10:
            return _CN[n]
        t, u = divmod(n, 10)
        return ("" if t == 1 else _CN[t]) + "十" + ("" if u == 0 else _CN[u])
    return "".join(_CN[int(c)] for c in str(d.year)) + "年" + num(d.month) + "月" + num(d.day) + "日"


def make_id(rng: random.Random, region_codes: list[str], birth: dt.date, male: bool) -> str:
    for code in region_codes:
        for _ in range(20):
            seq = rng.randint(0, 99)
            sx = rng.choice([1, 3, 5, 7, 9]) if male else rng.choice([0, 2, 4, 6, 8])
            first17 = f"{code}{birth:%Y%m%d}{seq:02d}{sx}"
            num = first17 + ric.calc_check_digit(first17 + "0")
            if ric.is_valid(num):
                return num
    raise RuntimeError("no valid region code for " + str(birth))


def corrupt_digit(num: str, pos: int = -1) -> str:
    """Change the check digit (or another digit) so that the checksum fails."""
    ch = num[pos]
    repl = "X" if ch == "3" else ("3" if ch == "X" else str((int(ch) + 3) % 10))
    out = num[:pos] + repl + (num[pos + 1:] if pos != -1 else "")
    return out


@dataclass
class Person:
    name: str
    male: bool
    nation: str
    birth: dt.date
    address: str
    id_number: str
    issuer: str
    valid_from: dt.date
    valid_to: dt.date | None  # None = 长期
    phone: str

    @property
    def sex(self) -> str:
        return "男" if self.male else "女"

    @property
    def age(self) -> int:
        return TODAY.year - self.birth.year - ((TODAY.month, TODAY.day) < (self.birth.month, self.birth.day))


LOCAL_CODES = ["340202", "340203", "340221", "342623"]
OLD_CODES = ["340221", "342623", "342422", "360122"]
MIGRANT_CODES = ["410523", "420106", "342422", "413026", "412726", "360122", "320102", "370102"]
HOME_ADDR = {
    "340202": ["安徽省芜湖市镜湖区北京东路{n}号{b}栋{r}室", "安徽省芜湖市镜湖区赭山西路{n}号{b}幢{r}室"],
    "340203": ["安徽省芜湖市弋江区中山南路{n}号{b}栋{r}室"],
    "340221": ["安徽省芜湖市湾沚区湾沚镇新建路{n}号"],
    "342623": ["安徽省无为市无城镇米公路{n}号"],
    "342422": ["安徽省寿县寿春镇东大街{n}号"],
    "360122": ["江西省南昌市新建区长堎镇{n}号"],
    "410523": ["河南省汤阴县城关镇人民路{n}号"],
    "420106": ["湖北省武汉市武昌区中南路{n}号{b}栋{r}室"],
    "413026": ["河南省固始县城关镇蓼北路{n}号"],
    "412726": ["河南省郸城县城关镇新华路{n}号"],
    "320102": ["江苏省南京市玄武区珠江路{n}号{b}幢{r}室"],
    "370102": ["山东省济南市历下区文化东路{n}号{b}号楼{r}"],
}
ISSUER = {"340202": "芜湖市公安局镜湖分局", "340203": "芜湖市公安局弋江分局", "340221": "芜湖市公安局湾沚分局",
          "342623": "无为市公安局", "342422": "寿县公安局", "360122": "南昌市公安局新建分局",
          "410523": "汤阴县公安局", "420106": "武汉市公安局武昌分局", "413026": "固始县公安局",
          "412726": "郸城县公安局", "320102": "南京市公安局玄武分局", "370102": "济南市公安局历下区分局"}


def make_person(rng: random.Random, birth_years=(1975, 2000), codes=None, male=None,
                expired: bool = False, name: str | None = None) -> Person:
    male = rng.random() < 0.5 if male is None else male
    name = name or rng.choice(SURNAMES) + rng.choice(GIVEN_M if male else GIVEN_F)
    birth = dt.date(rng.randint(*birth_years), rng.randint(1, 12), rng.randint(1, 28))
    codes = codes or (OLD_CODES if birth.year < 1980 else LOCAL_CODES)
    idn = make_id(rng, codes, birth, male)
    code = idn[:6]
    addr = rng.choice(HOME_ADDR[code]).format(n=rng.randint(3, 388), b=rng.randint(1, 32), r=rng.choice([101, 202, 301, 502, 604, 1203]))
    # issue date and validity as the law sets them (by age at issue)
    if expired:
        vt = dt.date(rng.choice([2025, 2026]), rng.randint(1, 10), rng.randint(1, 28))
        if vt > TODAY - dt.timedelta(days=25):
            vt = vt.replace(year=2025)
        years = 20 if vt.year - 20 - birth.year >= 26 else 10
        vf = vt.replace(year=vt.year - years)
    else:
        for _ in range(200):
            vf = dt.date(rng.randint(max(birth.year + 16, 2008), 2025), rng.randint(1, 12), rng.randint(1, 28))
            a = vf.year - birth.year
            years = None if a >= 46 else 20 if a >= 26 else 10
            vt = None if years is None else vf.replace(year=vf.year + years)
            if vt is None or vt > TODAY + dt.timedelta(days=200):
                break
    phone = "1" + rng.choice(["39", "58", "86", "37", "55", "77", "99", "80"]) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return Person(name, male, rng.choice(NATIONS), birth, addr, idn, ISSUER[code], vf, vt, phone)


def make_uscc(rng: random.Random, individual: bool, region: str = "340202") -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "MA" + "".join(rng.choice(alphabet) for _ in range(7))
    first17 = ("92" if individual else "91") + region + body
    return first17 + uscc.calc_check_digit(first17)


def bad_uscc(code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    i = alphabet.index(code[-1])
    out = code[:-1] + alphabet[(i + 7) % 31]
    assert not uscc.is_valid(out)
    return out


COMPANIES = ["芜湖市恒瑞精密机械有限公司", "安徽皖江物流股份有限公司", "芜湖星河餐饮管理有限公司", "芜湖市鸿宇汽车零部件有限公司",
             "安徽新启航电子科技有限公司", "芜湖长江包装材料有限公司", "芜湖市诚达建筑劳务有限公司", "安徽云帆信息技术有限公司"]
SCOPES = ["一般项目：汽车零部件及配件制造；机械零件、零部件加工；金属制品销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。",
          "一般项目：道路货物运输（不含危险货物）；国内货物运输代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运。",
          "许可项目：餐饮服务；食品销售。一般项目：餐饮管理；外卖递送服务；日用百货销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）。",
          "一般项目：电子元器件制造；电子产品销售；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发。"]


# ---------------------------------------------------------------------------
# document templates (each returns Page or list[Page])
# ---------------------------------------------------------------------------
def _portrait(pg: Page, x, y, w, h, male: bool, tint=(200, 206, 214)):
    pg.rect(x, y, w, h, stroke=None, fill=(236, 238, 240))
    cx = x + w / 2
    pg.ellipse(cx, y + h * 0.98, w * 0.48, h * 0.36, stroke=None, fill=tint)
    pg.ellipse(cx, y + h * 0.42, w * 0.24, h * 0.28, stroke=None, fill=(tint[0] - 25, tint[1] - 25, tint[2] - 25))
    if not male:
        pg.ellipse(cx, y + h * 0.36, w * 0.29, h * 0.27, stroke=None, fill=(70, 62, 60))
        pg.ellipse(cx, y + h * 0.46, w * 0.2, h * 0.23, stroke=None, fill=(tint[0] - 25, tint[1] - 25, tint[2] - 25))
    else:
        pg.ellipse(cx, y + h * 0.22, w * 0.23, h * 0.11, stroke=None, fill=(50, 46, 44))


def _guilloche(pg: Page, w, h, seed, color):
    rng = random.Random(seed)
    for i in range(9):
        pts = []
        ph = rng.uniform(0, 6.28)
        amp = rng.uniform(1.5, 4)
        base = h * (i + 0.5) / 9
        for t in range(0, 61):
            x = w * t / 60
            pts.append((x, base + amp * math.sin(x / rng.uniform(4, 9) + ph)))
        for a, b in zip(pts, pts[1:]):
            pg.line(a[0], a[1], b[0], b[1], color=color, lw=0.12)


def id_front(p: Person, seed: int) -> Page:
    pg = Page(85.6, 54, bg=None)
    pg.rect(0, 0, 85.6, 54, stroke=(190, 190, 190), fill=(236, 240, 236), lw=0.2, r=3.2)
    _guilloche(pg, 85.6, 54, seed, (214, 226, 222))
    lab, val = (62, 110, 160), (10, 10, 10)
    pg.text(6, 9, "姓  名", 2.6, "hei", lab)
    pg.text(17, 9.2, p.name, 3.6, "hei", val)
    pg.text(6, 16, "性  别", 2.6, "hei", lab)
    pg.text(17, 16, p.sex, 3.0, "hei", val)
    pg.text(27, 16, "民  族", 2.6, "hei", lab)
    pg.text(38, 16, p.nation, 3.0, "hei", val)
    pg.text(6, 22.5, "出  生", 2.6, "hei", lab)
    pg.text(17, 22.5, f"{p.birth.year}  年  {p.birth.month}  月  {p.birth.day}  日", 3.0, "hei", val)
    pg.text(6, 29, "住  址", 2.6, "hei", lab)
    y = 29
    for ln in wrap(p.address, 36, 3.0, "hei"):
        pg.text(17, y, ln, 3.0, "hei", val)
        y += 4.4
    pg.text(6, 47.5, "公民身份号码", 2.6, "hei", lab)
    pg.text(27, 47.8, p.id_number, 3.5, "hei", val)
    _portrait(pg, 57, 8, 24, 30, p.male, (196, 204, 212))
    return pg


def id_back(p: Person, seed: int) -> Page:
    pg = Page(85.6, 54, bg=None)
    pg.rect(0, 0, 85.6, 54, stroke=(190, 190, 190), fill=(238, 240, 230), lw=0.2, r=3.2)
    _guilloche(pg, 85.6, 54, seed + 7, (222, 228, 206))
    # national emblem placeholder
    pg.ellipse(13, 13.5, 8.5, 8.5, stroke=(200, 160, 40), fill=(204, 36, 40), lw=0.8)
    pg.star(13, 11.5, 3.4, (246, 206, 70))
    for dx, dy in ((-4.5, 16), (-1.5, 17.5), (1.5, 17.5), (4.5, 16)):
        pg.star(13 + dx, dy, 0.9, (246, 206, 70))
    pg.text(48, 14, "中华人民共和国", 4.6, "zen", (20, 20, 20), "c", bold=True)
    pg.text(48, 25, "居 民 身 份 证", 6.4, "zen", (20, 20, 20), "c", bold=True)
    lab = (62, 110, 160)
    pg.text(18, 40, "签发机关", 2.6, "hei", lab)
    pg.text(31, 40, p.issuer, 3.0, "hei")
    pg.text(18, 47, "有效期限", 2.6, "hei", lab)
    end = "长期" if p.valid_to is None else cn_date(p.valid_to, ".")
    pg.text(31, 47, f"{cn_date(p.valid_from, '.')}-{end}", 3.0, "hei")
    return pg


def id_sheet(p: Person, seed: int, sides=("front", "back"), note: bool = True, signer=True) -> Page:
    """Photocopy of an ID card on A4: usually both sides one above the other."""
    rng = random.Random(seed)
    pg = Page()
    x = rng.uniform(55, 70)
    y = rng.uniform(30, 45)
    for s in sides:
        pg.sub(id_front(p, seed) if s == "front" else id_back(p, seed), x, y)
        y += 54 + rng.uniform(12, 30)
    if note:
        pg.text(x, y + 4, "复印件与原件一致", 5, "kai", BLUE_INK)
        if signer:
            put_signature(pg, p.name, x + 42, y + 4, seed + 3, 28)
    return pg


def cards_side_by_side(pages: list[Page], gap: float = 8) -> Page:
    w = sum(p.w for p in pages) + gap * (len(pages) + 1)
    h = max(p.h for p in pages) + 2 * gap
    pg = Page(w, h, bg=None)
    x = gap
    for p in pages:
        pg.sub(p, x, gap)
        x += p.w + gap
    return pg


def _emblem(pg: Page, cx, cy, r):
    pg.ellipse(cx, cy, r, r, stroke=(196, 150, 40), fill=(200, 34, 38), lw=0.8)
    pg.ellipse(cx, cy, r * 0.8, r * 0.8, stroke=(240, 200, 70), fill=None, lw=0.4)
    pg.star(cx, cy - r * 0.15, r * 0.38, (246, 206, 70))
    for dx in (-0.55, -0.2, 0.2, 0.55):
        pg.star(cx + dx * r, cy + r * 0.45 - abs(dx) * r * 0.3, r * 0.1, (246, 206, 70))


def _qr(pg: Page, x, y, s, seed):
    rng = random.Random(seed)
    n = 25
    c = s / n
    pg.rect(x, y, s, s, stroke=None, fill=(255, 255, 255))
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.48:
                pg.rect(x + i * c, y + j * c, c, c, stroke=None, fill=(0, 0, 0))
    for (a, b) in ((0, 0), (n - 7, 0), (0, n - 7)):
        pg.rect(x + a * c, y + b * c, 7 * c, 7 * c, stroke=None, fill=(0, 0, 0))
        pg.rect(x + (a + 1) * c, y + (b + 1) * c, 5 * c, 5 * c, stroke=None, fill=(255, 255, 255))
        pg.rect(x + (a + 2) * c, y + (b + 2) * c, 3 * c, 3 * c, stroke=None, fill=(0, 0, 0))


def business_licence(org: dict, seed: int, copy: bool = True) -> Page:
    """营业执照 (A4 landscape 正本 style or A4 portrait 副本)."""
    rng = random.Random(seed)
    land = not copy
    pg = Page(297, 210) if land else Page(210, 297)
    W, H = pg.w, pg.h
    brown = (150, 70, 40)
    pg.rect(6, 6, W - 12, H - 12, stroke=brown, lw=2.2)
    pg.rect(10, 10, W - 20, H - 20, stroke=brown, lw=0.5)
    for (cx, cy) in ((10, 10), (W - 10, 10), (10, H - 10), (W - 10, H - 10)):
        pg.rect(cx - 4, cy - 4, 8, 8, stroke=brown, fill=(236, 214, 190), lw=0.5)
        pg.ellipse(cx, cy, 2, 2, stroke=brown, fill=None, lw=0.4)
    _emblem(pg, W / 2, 34, 13)
    pg.text(W / 2, 65, "营 业 执 照", 15 if land else 13, "zen", (20, 20, 20), "c", bold=True)
    if copy:
        pg.text(W / 2, 75, "（副        本）", 5.2, "ming", (20, 20, 20), "c")
        pg.text(W / 2, 83, f"副本编号：{rng.randint(1, 3)}-{rng.randint(1, 2)}", 3.4, "ming", (20, 20, 20), "c")
    pg.text(20, 42, "统一社会信用代码", 4.0, "hei")
    pg.text(20, 49, org["uscc"], 4.6, "hei", bold=True)
    _qr(pg, W - 52, 24, 30, seed)
    pg.text(W - 37, 60, "扫描二维码登录“国家企业信用", 2.3, "hei", (60, 60, 60), "c")
    pg.text(W - 37, 63.5, "信息公示系统”了解更多登记、", 2.3, "hei", (60, 60, 60), "c")
    pg.text(W - 37, 67, "备案、许可、监管信息。", 2.3, "hei", (60, 60, 60), "c")
    f = rng.choice(["ming", "hei"])
    indiv = org.get("individual")
    rows = [("名        称", org["name"]),
            ("类        型", "个体工商户" if indiv else org.get("type", "有限责任公司（自然人投资或控股）")),
            ("经  营  者" if indiv else "法定代表人", org["person"]),
            ("组成形式" if indiv else "注册资本", "个人经营" if indiv else org.get("capital", "伍佰万圆整")),
            ("注册日期" if indiv else "成立日期", cn_date(org["founded"])),
            ("经营场所" if indiv else "住        所", org["address"]),
            ]
    if not indiv:
        rows.insert(5, ("营业期限", f"{cn_date(org['founded'])}至长期"))
    if land:
        colx = [(24, 104), (160, 130)]
        yy = [90, 90]
        for i, (k, v) in enumerate(rows):
            col = i % 2
            x, wv = colx[col]
            pg.text(x, yy[col], k, 4.0, f)
            yv = yy[col]
            for ln in wrap(v, wv - 36, 4.0, f):
                pg.text(x + 30, yv, ln, 4.0, f)
                yv += 6.5
            yy[col] = yv + 4
        y = max(yy) + 2
        pg.text(24, y, "经营范围", 4.0, f)
        for ln in wrap(org["scope"], 220, 3.6, f):
            pg.text(54, y, ln, 3.6, f)
            y += 5.8
        sx, sy = W - 68, H - 38
    else:
        y = 98
        for k, v in rows:
            pg.text(24, y, k, 4.0, f)
            for ln in wrap(v, 130, 4.0, f):
                pg.text(56, y, ln, 4.0, f)
                y += 7
            y += 3
        pg.text(24, y, "经营范围", 4.0, f)
        for ln in wrap(org["scope"], 128, 3.7, f):
            pg.text(56, y, ln, 3.7, f)
            y += 6.2
        sx, sy = W - 62, H - 48
    pg.text(sx, sy - 6, "登 记 机 关", 4.4, f, align="c")
    pg.text(sx, sy + 16, cn_date(org.get("issued", org["founded"])), 4.2, f, align="c")
    put_seal(pg, org.get("registrar", "芜湖市镜湖区市场监督管理局"), sx, sy + 2, seed + 11, 38)
    pg.text(W / 2, H - 15, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 2.8, "hei", (70, 70, 70), "c")
    pg.text(W / 2, H - 11.5, "国家市场监督管理总局监制", 2.8, "hei", (70, 70, 70), "c")
    return pg


def letter(title: str, body: list[str], org: str, date: dt.date | None, seed: int, sealed: bool = True,
           letterhead: str | None = None, font: str | None = None, extra: list[tuple[str, str]] | None = None,
           seal_oval: bool = False, hand: bool = False, upper_date: bool | None = None, seal_org: str | None = None) -> Page:
    """证明 / 在职证明 / 劳动关系证明: a letter with optional letterhead, date and red seal."""
    rng = random.Random(seed)
    font = font or rng.choice(["ming", "ming", "hei", "zen"])
    pg = Page()
    y = 28
    ink = BLUE_INK if hand else BLACK
    if letterhead:
        pg.text(105, y, letterhead, 6.2, "zen", (180, 30, 30) if rng.random() < 0.5 else BLACK, "c", bold=True)
        pg.line(20, y + 5, 190, y + 5, color=(180, 30, 30), lw=0.8)
        pg.line(20, y + 6.3, 190, y + 6.3, color=(180, 30, 30), lw=0.25)
        y += 22
    else:
        y += 8
    pg.text(105, y, title, 8.0 if len(title) <= 4 else 7.0, "zen" if not hand else "kai", ink, "c", bold=not hand)
    y += 20
    bf = "kai" if hand else font
    for para in body:
        y = pg.para(25, y, 160, para, 4.8 if hand else 4.4, bf, 1.9, color=ink)
        y += 2
    if extra:
        y += 4
        for k, v in extra:
            pg.text(25, y, f"{k}：{v}", 4.2, bf, ink)
            y += 8
    y = max(y + 22, 190)
    pg.text(180, y, org, 4.6, bf, ink, "r")
    if date is not None:
        up = rng.random() < 0.5 if upper_date is None else upper_date
        pg.text(180, y + 11, cn_date_upper(date) if up else cn_date(date), 4.4, bf, ink, "r")
    if sealed:
        ow = text_width(org, 4.6, bf)
        put_seal(pg, seal_org or org, 180 - ow / 2 + rng.uniform(-6, 6), y + 2 + rng.uniform(-4, 4), seed + 5,
                 42 if not seal_oval else 40, oval=seal_oval)
    return pg


def form_page(title: str, rows: list[list[tuple]], seed: int, signs: list[tuple[str, str | None]],
              date: dt.date | None, hand: bool = False, subtitle: str | None = None, note: str | None = None,
              font: str | None = None, row_h: float = 11.0, foot: str | None = None,
              box_sections: list[tuple[str, float]] | None = None) -> Page:
    """A printed form: bordered table of label/value cells, then signature spaces.

    rows: each row is a list of (text, width_mm, is_label[, height_mult]).
    signs: (label, signer name or None for an empty signature space).
    """
    rng = random.Random(seed)
    font = font or rng.choice(["ming", "hei", "ming"])
    pg = Page()
    y = 24
    pg.text(105, y, title, 6.6, "zen" if rng.random() < 0.6 else "hei", BLACK, "c", bold=True)
    y += 8
    if subtitle:
        pg.text(105, y, subtitle, 3.6, font, BLACK, "c")
        y += 7
    else:
        y += 3
    if note:
        pg.text(20, y, note, 3.3, font)
        y += 5
    x0 = 20
    for row in rows:
        mult = max((c[3] if len(c) > 3 else 1) for c in row)
        h = row_h * mult
        x = x0
        for cell in row:
            txt, w, is_label = cell[0], cell[1], cell[2]
            pg.rect(x, y, w, h, stroke=BLACK, fill=(246, 246, 246) if is_label and rng.random() < 0.0 else None, lw=0.35)
            if txt:
                if is_label:
                    lines = wrap(txt, w - 3, 3.6, font)
                    yy = y + h / 2 - (len(lines) - 1) * 2.5 + 1.3
                    for ln in lines:
                        pg.text(x + w / 2, yy, ln, 3.6, font, BLACK, "c")
                        yy += 5
                else:
                    vf, vs, vc = ("kai", 4.6, BLUE_INK) if hand else (font, 3.8, BLACK)
                    lines = wrap(txt, w - 4, vs, vf)
                    yy = y + (7 if len(lines) > 1 else h / 2 + 1.5)
                    for ln in lines:
                        pg.text(x + 2, yy, ln, vs, vf, vc)
                        yy += vs * 1.45
            x += w
        y += h
    if box_sections:
        for label, hh in box_sections:
            pg.rect(x0, y, 170, hh, stroke=BLACK, lw=0.35)
            pg.text(x0 + 3, y + 6, label, 3.6, font)
            pg.text(x0 + 100, y + hh - 6, "（盖章）      年    月    日", 3.4, font)
            y += hh
    y += 14
    for label, signer in signs:
        pg.text(x0 + 5, y, label, 4.0, font)
        lx = x0 + 5 + text_width(label, 4.0, font) + 2
        pg.line(lx, y + 1.2, lx + 42, y + 1.2, lw=0.25)
        if signer:
            put_signature(pg, signer, lx + 2, y - 1, seed + zlib.crc32(label.encode()) % 97, 32, color=BLUE_INK if rng.random() < 0.7 else (25, 25, 25))
        y += 13
    if date is not None:
        ds = f"{date.year}    年    {date.month}    月    {date.day}    日"
        if hand:
            pg.text(120, y - 13 * len(signs), "日期：", 4.0, font)
            pg.text(134, y - 13 * len(signs), cn_date(date), 4.6, "kai", BLUE_INK)
        else:
            pg.text(120, y - 13 * len(signs), "日期：" + ds, 3.8, font)
    if foot:
        pg.text(x0, 282, foot, 3.0, font, (70, 70, 70))
    return pg


def hukou_pages(head: Person, members: list[Person], seed: int, which=("home", "self"),
                self_person: Person | None = None, relation: str = "户主") -> list[Page]:
    """居民户口簿: 首页 (户主页) and 常住人口登记卡 (本人页)."""
    rng = random.Random(seed)
    out = []
    tint = (244, 238, 222)
    blue = (46, 82, 140)
    huhao = f"{rng.randint(10000000, 99999999)}"
    police = "芜湖市公安局" + rng.choice(["镜湖分局", "弋江分局"]) + rng.choice(["北京路派出所", "赭山派出所", "范罗山派出所", "滨江派出所"])
    addr = head.address if head.id_number.startswith(("3402",)) else "安徽省芜湖市镜湖区" + rng.choice(["汀棠", "范罗山", "弋矶山"]) + f"街道{rng.randint(1, 99)}号"
    if "home" in which:
        pg = Page(143, 105, bg=tint)
        pg.rect(4, 4, 135, 97, stroke=blue, lw=0.6)
        pg.text(71.5, 14, "居 民 户 口 簿", 6.4, "zen", blue, "c", bold=True)
        rows = [("户  别", "家庭户" if rng.random() < 0.7 else "非农业家庭户", "户主姓名", head.name),
                ("户  号", huhao, "住  址", addr)]
        y = 24
        pg.rect(10, y, 123, 56, stroke=blue, lw=0.4)
        pg.line(10, y + 14, 133, y + 14, color=blue)
        pg.line(32, y, 32, y + 56, color=blue)
        pg.line(70, y, 70, y + 14, color=blue)
        pg.line(90, y, 90, y + 14, color=blue)
        pg.text(21, y + 9, "户  别", 3.4, "ming", blue, "c")
        pg.text(35, y + 9, rows[0][1], 3.6, "ming")
        pg.text(80, y + 9, "户主姓名", 3.4, "ming", blue, "c")
        pg.text(93, y + 9, head.name, 3.8, "ming")
        pg.line(10, y + 28, 133, y + 28, color=blue)
        pg.text(21, y + 23, "户  号", 3.4, "ming", blue, "c")
        pg.text(35, y + 23, huhao, 3.6, "ming")
        pg.text(21, y + 42, "住  址", 3.4, "ming", blue, "c")
        for i, ln in enumerate(wrap(addr, 95, 3.6, "ming")):
            pg.text(35, y + 38 + i * 6, ln, 3.6, "ming")
        pg.text(15, 92, "承办人签章：", 3.2, "ming", blue)
        pg.text(85, 92, f"签发日期：{cn_date(dt.date(rng.randint(2012, 2022), rng.randint(1, 12), rng.randint(1, 28)))}", 3.2, "ming", blue)
        put_seal(pg, police, 110, 70, seed + 3, 30, bottom="户口专用章")
        out.append(pg)
    if "self" in which:
        p = self_person or head
        pg = Page(143, 105, bg=tint)
        pg.text(71.5, 10, "常住人口登记卡", 5.2, "zen", blue, "c", bold=True)
        x0, y0 = 5, 14
        cw = [20, 32, 22, 32, 28]
        R = 8.2
        grid = [["姓名", p.name, "户主或与户主关系", relation, ""],
                ["曾用名", "", "性别", p.sex, ""],
                ["出生地", p.address[:p.address.find("市") + 1] if "市" in p.address[:9] else p.address[:6], "民族", p.nation, ""],
                ["籍贯", p.address[:p.address.find("市") + 1] if "市" in p.address[:9] else p.address[:6], "出生日期", cn_date(p.birth), ""],
                ["本市（县）其他住址", "", "宗教信仰", "", ""],
                ["公民身份证件编号", p.id_number, "身高", f"{rng.randint(150, 182)}cm", "血型"],
                ["文化程度", rng.choice(["初中", "高中", "大学本科", "小学", "中专"]), "婚姻状况", rng.choice(["已婚", "未婚", "已婚", "丧偶"]), ""],
                ["服务处所", "", "职业", "", ""],
                ["何时由何地迁来本市（县）", "", "", "", ""],
                ["何时由何地迁来本址", "", "", "", ""]]
        y = y0
        for r in grid:
            x = x0
            spans = cw
            if r[0].startswith("何时"):
                spans = [52, 82, 0, 0, 0]
            if r[0] == "公民身份证件编号":
                spans = [20, 54, 14, 18, 28]
            for i, (txt, w) in enumerate(zip(r, spans)):
                if w == 0:
                    continue
                pg.rect(x, y, w, R, stroke=blue, lw=0.3)
                is_lab = i % 2 == 0
                if txt:
                    sz = 2.5 if is_lab else 3.1
                    if is_lab:
                        pg.text(x + w / 2, y + 5.3, txt, sz if text_width(txt, sz) < w - 1 else 2.0, "ming", blue, "c")
                    else:
                        pg.text(x + 1.2, y + 5.5, txt, sz, "ming" if rng.random() < 0.99 else "kai")
                x += w
            y += R
        pg.text(8, y + 5, "承办人签章：", 3.0, "ming", blue)
        pg.text(85, y + 5, f"登记日期：{cn_date(dt.date(rng.randint(2010, 2023), rng.randint(1, 12), rng.randint(1, 28)))}", 3.0, "ming", blue)
        put_seal(pg, police, 40, y + 2, seed + 4, 22, bottom="户口专用章")
        out.append(pg)
    return out


def two_up(pages: list[Page], gap: float = 10, bg=(255, 255, 255)) -> Page:
    """Pages laid side by side on one sheet (photocopy of an open booklet / two contract pages)."""
    w = sum(p.w for p in pages) + gap * (len(pages) + 1)
    h = max(p.h for p in pages) + 2 * gap
    pg = Page(w, h, bg=bg)
    x = gap
    for p in pages:
        pg.sub(p, x, gap)
        x += p.w + gap
    return pg


def contract_pages(kind: str, party_a: tuple[str, str], party_b: tuple[str, str], clauses: list[str], seed: int,
                   sign_a: str | None, sign_b: str | None, seal_a: str | None, date: dt.date, number: str,
                   title: str | None = None, cover: bool = True, a_role="甲方", b_role="乙方",
                   header_fields: list[tuple[str, str]] | None = None, separate_sign: bool = False) -> list[Page]:
    """A multi-page contract: cover page, clause pages, signature block on the last page."""
    rng = random.Random(seed)
    font = rng.choice(["ming", "ming", "hei"])
    title = title or kind
    pages = []
    if cover:
        pg = Page()
        pg.text(150, 30, f"编号：{number}", 3.8, font)
        pg.text(105, 95, title, 12, "zen", BLACK, "c", bold=True)
        y = 150
        for k, v in [(f"{a_role}（{party_a[0]}）", party_a[1]), (f"{b_role}（{party_b[0]}）", party_b[1])] + (header_fields or []):
            pg.text(45, y, k + "：", 4.6, font)
            pg.text(45 + text_width(k + "：", 4.6, font), y, v, 4.6, "kai" if rng.random() < 0.3 else font)
            pg.line(45 + text_width(k + "：", 4.6, font), y + 1.5, 170, y + 1.5, lw=0.25)
            y += 14
        pg.text(105, 260, "芜湖市人力资源和社会保障局监制" if kind == "劳动合同书" else "芜湖市住房和城乡建设局  芜湖市市场监督管理局  制定",
                3.6, font, BLACK, "c")
        pages.append(pg)
    pg = Page()
    y = 25
    if not cover:
        pg.text(105, y, title, 7.5, "zen", BLACK, "c", bold=True)
        pg.text(190, y + 9, f"合同编号：{number}", 3.3, font, BLACK, "r")
        y += 18
        for k, v in [(f"{a_role}（{party_a[0]}）", party_a[1]), (f"{b_role}（{party_b[0]}）", party_b[1])] + (header_fields or []):
            pg.text(22, y, f"{k}：{v}", 4.0, font)
            y += 7
        y += 4
    n = 0
    for i, cl in enumerate(clauses):
        lines = wrap(cl, 166, 4.0, font)
        if y + len(lines) * 7 > 268:
            pg.text(105, 288, f"第 {len(pages) + 1} 页", 3.2, font, BLACK, "c")
            pages.append(pg)
            pg = Page()
            y = 25
        for ln in lines:
            pg.text(22, y, ln, 4.0, font)
            y += 7
        y += 3
    if y > 200 or separate_sign:
        pg.text(105, 288, f"第 {len(pages) + 1} 页", 3.2, font, BLACK, "c")
        pages.append(pg)
        pg = Page()
        y = 30
        pg.text(22, y, "（以下无正文，为签章页）", 4.0, font)
        y += 16
    y += 14
    pg.text(22, y, f"{a_role}（{'盖章' if seal_a else '签字'}）：", 4.4, font)
    pg.text(112, y, f"{b_role}（签字）：", 4.4, font)
    if seal_a:
        put_seal(pg, seal_a, 50, y + 4, seed + 9, 40, bottom="合同专用章" if rng.random() < 0.5 else "")
    if sign_a:
        put_signature(pg, sign_a, 52 if not seal_a else 30, y + 16, seed + 21, 30)
    if sign_b:
        put_signature(pg, sign_b, 140, y + 2, seed + 22, 32)
    pg.text(22, y + 30, f"签订日期：{cn_date(date)}", 4.0, font)
    pg.text(112, y + 30, f"签订日期：{cn_date(date)}", 4.0, font)
    pg.text(105, 288, f"第 {len(pages) + 1} 页", 3.2, font, BLACK, "c")
    pages.append(pg)
    return pages


def property_certificate(owners: list[Person], house: dict, seed: int) -> list[Page]:
    """不动产权证书: the registration page and the 附记/附图 page (booklet, ~ 190x260)."""
    rng = random.Random(seed)
    out = []
    green = (40, 110, 80)
    pg = Page(190, 262, bg=(250, 248, 238))
    pg.rect(6, 6, 178, 250, stroke=green, lw=0.8)
    pg.text(20, 22, f"皖（{house['cert_year']}）芜湖市不动产权第{house['cert_no']}号", 4.4, "ming")
    rows = [("权 利 人", "、".join(o.name for o in owners)),
            ("共有情况", "单独所有" if len(owners) == 1 else "共同共有"),
            ("坐    落", house["addr"]),
            ("不动产单元号", house["unit"]),
            ("权利类型", "国有建设用地使用权/房屋所有权"),
            ("权利性质", "出让/市场化商品房"),
            ("用    途", "城镇住宅用地/住宅"),
            ("面    积", f"共有宗地面积{house['land']}㎡/房屋建筑面积{house['area']}㎡"),
            ("使用期限", f"国有建设用地使用权 {house['land_from']}起{house['land_to']}止"),
            ("权利其他状况", f"专有建筑面积：{house['area'] - 11.3:.2f}㎡，分摊建筑面积：11.30㎡\n房屋结构：钢筋混凝土结构\n房屋总层数：{house['floors']}层，所在层：{house['floor']}层")]
    y = 30
    for k, v in rows:
        lines = []
        for part in v.split("\n"):
            lines += wrap(part, 118, 3.7, "ming")
        h = max(12, 6 + 6 * len(lines))
        pg.rect(14, y, 38, h, stroke=green, lw=0.35)
        pg.rect(52, y, 124, h, stroke=green, lw=0.35)
        pg.text(33, y + h / 2 + 1.3, k, 3.7, "ming", BLACK, "c")
        yy = y + 7.5 if len(lines) > 1 else y + h / 2 + 1.3
        for ln in lines:
            pg.text(55, yy, ln, 3.7, "ming")
            yy += 6
        y += h
    pg.rect(14, y, 38, 30, stroke=green, lw=0.35)
    pg.rect(52, y, 124, 30, stroke=green, lw=0.35)
    pg.text(33, y + 16, "附    记", 3.7, "ming", BLACK, "c")
    pg.text(55, y + 8, f"登记时间：{cn_date(house['reg_date'])}", 3.5, "ming")
    out.append(pg)
    # registration authority page
    pg2 = Page(190, 262, bg=(250, 248, 238))
    pg2.rect(6, 6, 178, 250, stroke=green, lw=0.8)
    pg2.para(20, 40, 150, "根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，对不动产权利人申请登记的本证所列不动产权利，经审查核实，准予登记，颁发此证。", 4.4, "ming", 2.0)
    pg2.text(120, 150, "登记机构（章）", 4.6, "ming", BLACK, "c")
    put_seal(pg2, "芜湖市不动产登记中心", 120, 160, seed + 2, 44, bottom="不动产登记专用章")
    pg2.text(120, 190, cn_date(house["reg_date"]), 4.4, "ming", BLACK, "c")
    pg2.text(95, 240, "中华人民共和国自然资源部监制", 3.6, "ming", BLACK, "c")
    pg2.text(95, 247, f"编号NO  D{rng.randint(34000000000, 34999999999)}", 3.4, "hei", (150, 40, 40), "c")
    out.append(pg2)
    return out


def tax_certificate(payer: Person, house: dict, amount: float, date: dt.date, seed: int) -> Page:
    """中华人民共和国税收完税证明 (契税)."""
    rng = random.Random(seed)
    pg = Page(210, 140, bg=(255, 253, 250))
    pg.text(105, 16, "中华人民共和国", 5.2, "ming", BLACK, "c", bold=True)
    pg.text(105, 25, "税 收 完 税 证 明", 6.8, "zen", BLACK, "c", bold=True)
    no = f"(2026)皖证明{rng.randint(10000000, 99999999)}"
    pg.text(190, 34, f"No. {no}", 3.4, "hei", (180, 40, 40), "r")
    pg.text(15, 40, f"填发日期：{cn_date(date)}", 3.5, "ming")
    pg.text(110, 40, "税务机关：国家税务总局芜湖市镜湖区税务局", 3.5, "ming")
    y = 44
    r1 = [("纳税人识别号", 34), (payer.id_number, 56), ("纳税人名称", 28), (payer.name, 62)]
    x = 15
    for t, w in r1:
        pg.rect(x, y, w, 10, lw=0.3)
        pg.text(x + 2, y + 6.5, t, 3.4, "ming")
        x += w
    y += 10
    head = [("原凭证号", 36), ("税  种", 22), ("品目名称", 30), ("税款所属时期", 44), ("入（退）库日期", 26), ("实缴（退）金额", 22)]
    x = 15
    for t, w in head:
        pg.rect(x, y, w, 10, lw=0.3)
        pg.text(x + w / 2, y + 6.5, t, 3.2, "ming", BLACK, "c")
        x += w
    y += 10
    vals = [f"3{rng.randint(10**16, 10**17 - 1)}", "契税", "房屋买卖", f"{cn_date(date)}至{cn_date(date)}", cn_date(date), f"{amount:,.2f}"]
    x = 15
    for (t, w), v in zip(head, vals):
        pg.rect(x, y, w, 12, lw=0.3)
        pg.text(x + w / 2, y + 7.5, v, 2.8 if len(v) > 14 else 3.2, "ming", BLACK, "c")
        x += w
    y += 12
    pg.rect(15, y, 180, 10, lw=0.3)
    pg.text(17, y + 6.5, f"金额合计（大写）：{_rmb_upper(amount)}        ¥{amount:,.2f}", 3.4, "ming")
    y += 10
    pg.rect(15, y, 60, 28, lw=0.3)
    pg.rect(75, y, 40, 28, lw=0.3)
    pg.rect(115, y, 80, 28, lw=0.3)
    pg.text(17, y + 6, "税务机关（盖章）", 3.2, "ming")
    pg.text(77, y + 6, "填 票 人", 3.2, "ming")
    pg.text(90, y + 18, rng.choice(["王敏", "陈静", "刘伟"]), 3.6, "ming")
    pg.text(117, y + 6, "备注：", 3.2, "ming")
    for i, ln in enumerate(wrap(f"坐落：{house['addr']}；计税金额{house['price']:,.0f}元；电子税票号码{rng.randint(10**15, 10**16 - 1)}", 74, 2.9, "ming")):
        pg.text(117, y + 11 + i * 4.5, ln, 2.9, "ming")
    put_seal(pg, "国家税务总局芜湖市镜湖区税务局", 45, y + 14, seed + 1, 32, oval=True, bottom="征税专用章", star=False)
    pg.text(105, 136, "妥善保管  手写无效", 3.0, "ming", (80, 80, 80), "c")
    return pg


def _rmb_upper(v: float) -> str:
    digits = "零壹贰叁肆伍陆柒捌玖"
    units = ["", "拾", "佰", "仟"]
    n = int(round(v))
    if n == 0:
        return "零元整"
    parts = []
    for big, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        q = n // big
        n %= big
        if q:
            s = ""
            zero = False
            for i in range(3, -1, -1):
                d = q // 10**i % 10
                if d:
                    if zero and s:
                        s += "零"
                    s += digits[d] + units[i]
                    zero = False
                else:
                    zero = True
            parts.append(s + name)
        elif parts:
            parts.append("零")
    out = "".join(parts).replace("零零", "零").rstrip("零")
    return out + "元整"


def diagnosis_page(p: Person, hospital: str, dept: str, diag: str, advice: str, date: dt.date | None, seed: int,
                   sealed: bool = True, doctor: str | None = None) -> Page:
    rng = random.Random(seed)
    pg = Page(210, 148.5, bg=(255, 255, 255)) if rng.random() < 0.5 else Page()
    font = rng.choice(["ming", "hei"])
    pg.text(105, 16, hospital, 6.4, "zen", BLACK, "c", bold=True)
    pg.text(105, 27, "诊 断 证 明 书", 6.0, "zen", BLACK, "c", bold=True)
    pg.line(15, 31, 195, 31, lw=0.5)
    no = f"门诊号：{rng.randint(10**9, 10**10 - 1)}"
    pg.text(15, 39, f"姓名：{p.name}", 3.8, font)
    pg.text(62, 39, f"性别：{p.sex}", 3.8, font)
    pg.text(92, 39, f"年龄：{p.age}岁", 3.8, font)
    pg.text(125, 39, f"科别：{dept}", 3.8, font)
    pg.text(15, 47, no, 3.6, font)
    pg.text(80, 47, f"身份证号：{p.id_number}", 3.6, font)
    pg.line(15, 51, 195, 51, lw=0.3)
    y = 60
    pg.text(15, y, "诊断：", 4.2, font, bold=True)
    y = pg.para(30, y, 160, diag, 4.2, "kai", 1.8, indent=False, color=(20, 20, 60))
    y += 4
    pg.text(15, y, "医嘱：", 4.2, font, bold=True)
    y = pg.para(30, y, 160, advice, 4.2, "kai", 1.8, indent=False, color=(20, 20, 60))
    y = max(y + 10, pg.h - 40)
    pg.text(120, y, "医师签名：", 4.0, font)
    put_signature(pg, doctor or "张", 141, y, seed + 3, 26, color=(30, 30, 30))
    if date is not None:
        pg.text(120, y + 10, f"日期：{cn_date(date)}", 4.0, font)
    if sealed:
        put_seal(pg, hospital, 60, y + 2, seed + 4, 36, bottom="诊断证明专用章" if rng.random() < 0.6 else "")
    pg.text(15, pg.h - 8, "注：本证明加盖医院诊断证明专用章有效，涂改无效。", 3.0, font, (90, 90, 90))
    return pg


def bank_card(p: Person, seed: int, bank: str = "芜湖扬子农村商业银行") -> Page:
    rng = random.Random(seed)
    pg = Page(85.6, 54, bg=None)
    col = rng.choice([(18, 92, 60), (160, 30, 40), (30, 60, 140)])
    pg.rect(0, 0, 85.6, 54, stroke=None, fill=col, r=3.2)
    pg.ellipse(70, 10, 30, 22, stroke=None, fill=tuple(min(255, c + 25) for c in col))
    pg.text(6, 10, bank, 3.6, "zen", (255, 255, 255), bold=True)
    pg.text(6, 15, "借记卡  DEBIT CARD", 2.4, "hei", (230, 230, 230))
    pg.rect(8, 20, 11, 8.5, stroke=(150, 120, 40), fill=(214, 180, 90), lw=0.3, r=1.2)
    num = "6228 " + " ".join(f"{rng.randint(0, 9999):04d}" for _ in range(3)) + f" {rng.randint(100, 999)}"
    pg.text(7, 38, num, 4.4, "hei", (250, 250, 250), bold=True)
    pg.text(7, 46, p.name, 3.2, "hei", (250, 250, 250))
    pg.text(60, 46, "VALID 12/33", 2.4, "hei", (250, 250, 250))
    pg.rect(64, 41.5, 16, 9, stroke=None, fill=(250, 250, 250), r=1)
    pg.text(72, 47.5, "银联", 3.4, "zen", (20, 60, 140), "c", bold=True)
    return pg


def passbook_page(p: Person, seed: int) -> Page:
    rng = random.Random(seed)
    pg = Page(150, 95, bg=(240, 246, 240))
    pg.rect(4, 4, 142, 87, stroke=(60, 120, 80), lw=0.5)
    pg.text(75, 15, "中国邮政储蓄银行  活期储蓄存折", 4.4, "zen", (40, 110, 60), "c", bold=True)
    rows = [("户    名", p.name), ("账    号", f"6210 9836 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}"),
            ("开 户 行", "中国邮政储蓄银行芜湖市镜湖区支行"), ("开户日期", cn_date(dt.date(rng.randint(2008, 2020), rng.randint(1, 12), rng.randint(1, 28))))]
    y = 30
    for k, v in rows:
        pg.text(14, y, k, 3.6, "ming", (40, 90, 60))
        pg.text(40, y, v, 3.8, "hei")
        pg.line(40, y + 1.5, 136, y + 1.5, color=(140, 180, 150), lw=0.2)
        y += 12
    put_seal(pg, "中国邮政储蓄银行芜湖市镜湖区支行", 115, 72, seed + 1, 26, oval=True, bottom="业务专用章", star=False)
    return pg


# irrelevant documents ------------------------------------------------------
def menu_page(seed: int) -> Page:
    rng = random.Random(seed)
    pg = Page(148, 210, bg=(250, 242, 226))
    pg.text(74, 22, rng.choice(["老街坊面馆", "江城小炒", "芜湖虾籽面馆"]), 8, "zen", (150, 40, 30), "c", bold=True)
    pg.text(74, 32, "菜  单  MENU", 4, "ming", (120, 80, 40), "c")
    items = [("虾籽面", 18), ("牛肉面", 22), ("小馄饨", 12), ("红烧肉盖浇饭", 26), ("酸辣土豆丝", 16), ("鱼香肉丝", 28),
             ("麻辣豆腐", 18), ("鸡汤饺子", 20), ("炸酱面", 16), ("蟹黄汤包（8只）", 30), ("豆浆", 4), ("可乐", 5)]
    rng.shuffle(items)
    y = 48
    for n, pr in items[:11]:
        pg.text(20, y, n, 5, "kai", (60, 40, 30))
        pg.text(128, y, f"¥{pr}", 5, "hei", (60, 40, 30), "r")
        pg.line(20, y + 2.5, 128, y + 2.5, color=(200, 170, 130), lw=0.2)
        y += 13
    pg.text(74, 200, "地址：芜湖市镜湖区新芜路18号   外卖电话：0553-38" + str(rng.randint(10000, 99999)), 3, "ming", (90, 70, 50), "c")
    return pg


def receipt_page(seed: int) -> Page:
    rng = random.Random(seed)
    pg = Page(80, 160, bg=(252, 252, 250))
    pg.text(40, 12, rng.choice(["华润苏果超市（镜湖店）", "永辉超市芜湖中山路店", "芜湖便利蜂"]), 4, "hei", BLACK, "c")
    pg.text(5, 22, f"单号：{rng.randint(10**11, 10**12 - 1)}", 2.8, "hei")
    pg.text(5, 27, f"时间：2026-11-{rng.randint(10, 29)} {rng.randint(8, 21)}:{rng.randint(0, 59):02d}", 2.8, "hei")
    pg.line(4, 31, 76, 31, lw=0.2)
    y = 37
    tot = 0.0
    for n in rng.sample(["农夫山泉550ml", "康师傅红烧牛肉面", "金龙鱼大米5kg", "蒙牛纯牛奶", "旺旺雪饼", "洗洁精", "鸡蛋（散）", "苹果", "卫生纸"], 6):
        pr = round(rng.uniform(2, 40), 2)
        tot += pr
        pg.text(5, y, n, 2.9, "hei")
        pg.text(75, y, f"{pr:.2f}", 2.9, "hei", align="r")
        y += 6
    pg.line(4, y, 76, y, lw=0.2)
    pg.text(5, y + 6, "合计", 3.2, "hei", bold=True)
    pg.text(75, y + 6, f"{tot:.2f}", 3.2, "hei", align="r", bold=True)
    pg.text(5, y + 13, "支付方式：微信支付", 2.9, "hei")
    pg.text(40, y + 24, "谢谢惠顾  欢迎再次光临", 3, "hei", align="c")
    return pg


def selfie_image(seed: int, size=(1200, 1600)) -> Image.Image:
    """A photo with no text: a blurred face-like blob against a room background."""
    rng = random.Random(seed)
    W, H = size
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    base = np.zeros((H, W, 3), np.float32)
    c1 = np.float32([rng.randint(120, 220) for _ in range(3)])
    c2 = np.float32([rng.randint(40, 140) for _ in range(3)])
    t = (yy / H)[..., None]
    base = c1 * (1 - t) + c2 * t
    cx, cy = W * rng.uniform(0.4, 0.6), H * 0.42
    face = (((xx - cx) / (W * 0.2)) ** 2 + ((yy - cy) / (H * 0.2)) ** 2) < 1
    base[face] = np.float32([224, 186, 160])
    hair = (((xx - cx) / (W * 0.22)) ** 2 + ((yy - cy + H * 0.08) / (H * 0.16)) ** 2 < 1) & (yy < cy - H * 0.05)
    base[hair] = np.float32([40, 32, 30])
    body = (((xx - cx) / (W * 0.42)) ** 2 + ((yy - H) / (H * 0.32)) ** 2) < 1
    base[body] = np.float32([rng.randint(20, 200), rng.randint(20, 200), rng.randint(20, 200)])
    base += np.random.default_rng(seed).normal(0, 6, base.shape)
    out = cv2.GaussianBlur(np.clip(base, 0, 255).astype(np.uint8), (0, 0), 6)
    return Image.fromarray(out)


def payslip_page(p: Person, company: str, seed: int) -> Page:
    rng = random.Random(seed)
    pg = Page(210, 100)
    pg.text(105, 14, f"{company}  2026年10月工资条", 5, "hei", BLACK, "c", bold=True)
    heads = ["姓名", "基本工资", "岗位津贴", "绩效", "加班费", "社保个人", "公积金", "个税", "实发"]
    vals = [p.name, "3200.00", "800.00", f"{rng.randint(500, 1800)}.00", f"{rng.randint(0, 900)}.00", "-452.16", "-240.00", "-36.40", f"{rng.randint(4200, 6500)}.44"]
    x = 10
    for h, v in zip(heads, vals):
        pg.rect(x, 25, 21, 10, lw=0.3)
        pg.rect(x, 35, 21, 10, lw=0.3)
        pg.text(x + 10.5, 31.5, h, 3.2, "hei", BLACK, "c")
        pg.text(x + 10.5, 41.5, v, 3.2, "hei", BLACK, "c")
        x += 21
    pg.text(10, 58, "如对工资有疑问，请于发放后3个工作日内联系人事部。", 3.2, "hei", (90, 90, 90))
    return pg


def utility_bill_page(p: Person, addr: str, seed: int) -> Page:
    rng = random.Random(seed)
    pg = Page(180, 110, bg=(247, 250, 255))
    pg.text(90, 14, "芜湖市供水有限公司  水费缴费通知单", 5, "zen", (30, 70, 140), "c", bold=True)
    rows = [("户号", f"{rng.randint(10**7, 10**8 - 1)}"), ("户名", p.name), ("用水地址", addr),
            ("本期读数", f"{rng.randint(300, 900)}"), ("用水量（吨）", f"{rng.randint(8, 30)}"), ("应缴金额（元）", f"{rng.uniform(20, 90):.2f}"),
            ("账期", "2026年10月")]
    y = 28
    for k, v in rows:
        pg.text(15, y, k + "：", 3.8, "hei", (30, 70, 140))
        pg.text(52, y, v, 3.8, "hei")
        y += 10
    return pg


# ---------------------------------------------------------------------------
# capture recipes
# ---------------------------------------------------------------------------
PageFn = Callable[[], "list[Page]"]


def _dpi_for(page: Page, long_px: float) -> float:
    return long_px / (max(page.w, page.h) / 25.4)


def shoot(page: Page, rng: random.Random, fmt: str = "jpeg", big: bool = False, wechat: bool = False,
          rot: int = 0, exif: int | None = None, light: float = 1.0, fill: float | None = None, hi: bool = False) -> bytes:
    land = page.w > page.h
    hi = hi or (page.w > 300 and not big)  # two pages side by side: shoot at a higher resolution
    if hi:
        size = (2048, 1536) if land else (1536, 2048)
    elif big:
        size = (4032, 3024) if land else (3024, 4032)
    elif wechat:
        size = (1280, 960) if land else (960, 1280)
    else:
        size = (1600, 1200) if land else (1200, 1600)
    card = page.bg is None
    fill = fill or (0.62 if card else rng.uniform(0.74, 0.86))
    im = raster(page, _dpi_for(page, min(2300, max(size) * fill * 1.05)))
    work = (size[0] // 2, size[1] // 2) if big else size  # big photos: shot at half size, upscaled like a phone does
    ph = photo(im, rng, size=work, fill=fill, tilt=rng.uniform(0.02, 0.08), light=light,
               blur=rng.uniform(0.4, 1.0) * (max(work) / 1600), shadow=rng.uniform(0.15, 0.45))
    if big:
        up = cv2.resize(np.asarray(ph), size, interpolation=cv2.INTER_CUBIC)
        up = cv2.addWeighted(up, 1.4, cv2.GaussianBlur(up, (0, 0), 2.0), -0.4, 0)  # phone sharpening
        ph = Image.fromarray(up)
    if rot:
        ph = rotate_pixels(ph, rot)
    if exif:
        ph = rotate_pixels(ph, {6: 90, 8: 270, 3: 180}[exif])
    q = rng.randint(55, 72) if wechat else rng.randint(78, 92)
    return enc(ph, fmt, rng, quality=q, exif_orientation=exif)


def scan_pdf(pages: list[Page], rng: random.Random, gray: bool = True, dpi: int = 150) -> bytes:
    return pdf_images([scan(raster(p, dpi), rng, gray) for p in pages], dpi)


def scan_img(page: Page, rng: random.Random, fmt: str = "jpeg", gray: bool = True, dpi: int = 150) -> bytes:
    return enc(scan(raster(page, dpi), rng, gray), fmt, rng, quality=rng.randint(70, 88))


def shot(page: Page, rng: random.Random, title: str = "文件预览") -> bytes:
    return enc(screenshot(raster(page, 160), rng, title), "png")


def seeded(case: str, fname: str) -> random.Random:
    return random.Random(zlib.crc32(f"{case}/{fname}".encode("utf-8")))


def mkfile(case: str, name: str, shows: str, fn: Callable[[random.Random], bytes]) -> File:
    return File(name, lambda: fn(seeded(case, name)), shows)


def irrelevant(case: str, kind: str, name: str) -> File:
    s = zlib.crc32(f"{case}/{name}".encode())
    if kind == "menu":
        return mkfile(case, name, "饭馆菜单 手机照片（无关文件）", lambda r: shoot(menu_page(s), r, wechat=True))
    if kind == "receipt":
        return mkfile(case, name, "超市购物小票 手机照片（无关文件）", lambda r: shoot(receipt_page(s), r, wechat=True))
    if kind == "selfie":
        return mkfile(case, name, "自拍式照片，无文字（无关文件）", lambda r: enc(selfie_image(s), "jpeg", r, quality=80))
    raise ValueError(kind)


# ---------------------------------------------------------------------------
# shared applicants' paperwork
# ---------------------------------------------------------------------------
def id_files(case: str, p: Person, how: str, seed: int, sides=("front", "back"), names=None) -> list[File]:
    """The resident ID card in one of the usual shapes."""
    names = names or {}
    side_cn = {"front": "正面（人像面）", "back": "反面（国徽面）"}
    one = len(sides) == 1
    desc = "居民身份证" + ("".join(side_cn[s] for s in sides) if one else "正反面")
    def sheet():
        return id_sheet(p, seed, sides)
    def card(s):
        return id_front(p, seed) if s == "front" else id_back(p, seed)
    if how == "copy_scan_pdf":
        return [mkfile(case, names.get("f", "身份证复印件.pdf"), desc + " 复印件扫描PDF（同一页）", lambda r: scan_pdf([sheet()], r))]
    if how == "copy_scan_jpg":
        return [mkfile(case, names.get("f", "扫描件1.jpg"), desc + " 复印件扫描JPEG（同一页）", lambda r: scan_img(sheet(), r))]
    if how == "copy_photo":
        return [mkfile(case, names.get("f", "身份证.jpg"), desc + " 复印件手机照片（同一页）", lambda r: shoot(sheet(), r, hi=True, fill=0.86))]
    if how == "copy_pdf":
        return [mkfile(case, names.get("f", "身份证.pdf"), desc + " 电子复印件文本PDF（同一页）", lambda r: pdf_text([sheet()]))]
    if how == "cards_photo":  # both cards side by side on the desk
        return [mkfile(case, names.get("f", "IMG_2041.jpg"), desc + " 两张卡并排手机照片",
                       lambda r: shoot(cards_side_by_side([card(s) for s in sides]), r, fill=0.8))]
    if how in ("heic", "jpeg", "webp", "jpeg_exif", "wechat"):
        out = []
        for i, s in enumerate(sides):
            ext = {"heic": "HEIC", "jpeg": "jpg", "webp": "webp", "jpeg_exif": "JPG", "wechat": "jpg"}[how]
            default = {"heic": f"IMG_{3301 + i}.HEIC", "jpeg": f"身份证{'正' if s == 'front' else '反'}面.jpg",
                       "webp": f"sfz_{i + 1}.webp", "jpeg_exif": f"IMG_{5120 + i}.JPG", "wechat": f"微信图片_20261125{101 + i * 7}.jpg"}[how]
            nm = names.get(s, default)
            fmt = {"heic": "heic", "webp": "webp"}.get(how, "jpeg")
            extra = " 像素旋转存储+EXIF方向标记" if how == "jpeg_exif" else ""
            out.append(mkfile(case, nm, f"居民身份证{side_cn[s]} 手机照片 {ext.upper()}{extra}",
                              (lambda s_: lambda r: shoot(card(s_), r, fmt=fmt, wechat=how == "wechat",
                                                          exif=6 if how == "jpeg_exif" else None))(s)))
        return out
    raise ValueError(how)


def hukou_files(case, head, person, how, seed, name="户口本.jpg", relation="户主"):
    pages = lambda: hukou_pages(head, [person], seed, self_person=person, relation=relation)
    if how == "two_up_scan":
        return [mkfile(case, name, "居民户口簿首页+本人页 并排复印扫描", lambda r: scan_img(two_up(pages()), r))]
    if how == "two_up_photo":
        return [mkfile(case, name, "居民户口簿首页+本人页 并排手机照片", lambda r: shoot(two_up(pages(), bg=None), r))]
    if how == "pdf_scan":
        return [mkfile(case, name, "居民户口簿首页、本人页 扫描PDF（2页）", lambda r: scan_pdf(pages(), r, gray=False))]
    if how == "photos":
        return [mkfile(case, f"IMG_{4400 + i}.jpg", f"居民户口簿{'首页' if i == 0 else '本人页（常住人口登记卡）'} 手机照片",
                       (lambda i_: lambda r: shoot(pages()[i_], r))(i)) for i in range(2)]
    if how == "heic":
        return [mkfile(case, f"IMG_{6610 + i}.HEIC", f"居民户口簿{'首页' if i == 0 else '本人页'} 手机照片 HEIC",
                       (lambda i_: lambda r: shoot(pages()[i_], r, fmt="heic"))(i)) for i in range(2)]
    raise ValueError(how)


def person_form_rows(p: Person, idn: str, extra: list[list[tuple]] = ()) -> list[list[tuple]]:
    return [[("姓名", 25, True), (p.name, 40, False), ("性别", 20, True), (p.sex, 25, False), ("民族", 20, True), (p.nation, 40, False)],
            [("出生日期", 25, True), (cn_date(p.birth), 40, False), ("公民身份号码", 30, True), (idn, 75, False)],
            [("户籍地址", 25, True), (p.address, 145, False)]] + list(extra)


def other_valid_id(p: Person, rng: random.Random) -> str:
    """A valid ID number that is not this person's (a wrongly copied one on a form)."""
    while True:
        other = make_id(rng, [p.id_number[:6]] + LOCAL_CODES + OLD_CODES, p.birth, p.male)
        if other != p.id_number:
            return other


# ---------------------------------------------------------------------------
# item 1: 居住证申领 (public security)
# ---------------------------------------------------------------------------
LABOUR_CLAUSES = [
    "根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》等法律法规，甲乙双方经平等自愿、协商一致，签订本合同，共同遵守本合同所列条款。",
    "第一条  合同期限：本合同为固定期限劳动合同，自{start}起至{end}止，其中试用期自{start}起两个月。",
    "第二条  工作内容和工作地点：乙方同意根据甲方工作需要，担任{job}岗位工作，工作地点为芜湖市镜湖区。乙方应按照甲方的要求，按时完成规定的工作数量，达到规定的质量标准。",
    "第三条  工作时间和休息休假：甲方安排乙方执行标准工时制度，每日工作不超过八小时，每周工作不超过四十小时。甲方安排乙方加班的，应依法支付加班工资或安排补休。",
    "第四条  劳动报酬：乙方月工资为人民币{wage}元，试用期工资不低于转正工资的百分之八十。甲方每月十五日前以货币形式足额支付乙方上月工资，不得克扣或者无故拖欠。",
    "第五条  社会保险和福利待遇：甲乙双方依法参加社会保险，按时缴纳各项社会保险费，其中依法应由乙方缴纳的部分，由甲方从乙方工资中代扣代缴。",
    "第六条  劳动保护、劳动条件和职业危害防护：甲方为乙方提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品，对乙方进行安全生产教育和培训。",
    "第七条  劳动合同的变更、解除和终止：经双方协商一致，可以变更本合同约定的内容，变更应当采用书面形式。本合同的解除和终止依照《中华人民共和国劳动合同法》有关规定执行。",
    "第八条  劳动争议处理：双方因履行本合同发生争议的，可以协商解决；协商不成的，可以向芜湖市劳动人事争议仲裁委员会申请仲裁。",
    "第九条  其他事项：本合同未尽事宜，按国家和地方有关规定执行。本合同一式两份，甲乙双方各执一份，经双方签字（盖章）后生效。",
]
JOBS = ["数控车床操作", "仓储管理", "厨师", "电子装配", "软件测试", "驾驶员", "质检", "行政文员"]


def _company(rng: random.Random, idx: int | None = None) -> dict:
    name = COMPANIES[idx if idx is not None else rng.randrange(len(COMPANIES))]
    legal = rng.choice(SURNAMES) + rng.choice(GIVEN_M + GIVEN_F)
    return dict(uscc=make_uscc(rng, False), name=name, person=legal,
                founded=dt.date(rng.randint(2008, 2021), rng.randint(1, 12), rng.randint(1, 28)),
                address=f"安徽省芜湖市镜湖区{rng.choice(['长江中路', '中山北路', '九华中路', '赭山东路', '镜湖路'])}{rng.randint(8, 299)}号" + rng.choice(["", "3号楼", "A座1502室"]),
                scope=rng.choice(SCOPES), capital=rng.choice(["伍佰万圆整", "壹仟万圆整", "贰佰万圆整", "叁仟万圆整"]),
                registrar=rng.choice(["芜湖市镜湖区市场监督管理局", "芜湖市市场监督管理局"]))


def item_residence_permit() -> list[Case]:
    item = "residence-permit"
    cases: list[Case] = []
    docs_emp = {"id-card": "居民身份证", "application-form": "申请表", "employer-licence": "营业执照",
                "labour-contract": "劳动合同", "employment-proof": "证明信"}
    docs_res = {"id-card": "居民身份证", "application-form": "申请表", "housing-proof": "房屋租赁合同"}

    def emp_case(name, *, id_how="copy_scan_pdf", sides=("front", "back"), expired=False, form_sign=True,
                 form_mismatch=False, form_how="pdf", lic="ok", lic_how="photo", contract="ok", contract_how="pdf",
                 proof_date=dt.date(2026, 11, 20), proof_seal=True, proof="ok", proof_how="photo", extras=(),
                 album=False, exp=None):
        rng = random.Random(zlib.crc32(name.encode()))
        p = make_person(rng, (1982, 2002), MIGRANT_CODES, expired=expired)
        comp = _company(rng)
        if lic == "bad":
            comp["uscc"] = bad_uscc(comp["uscc"])
        seed = rng.randrange(1 << 20)
        start = dt.date(rng.randint(2022, 2025), rng.randint(1, 12), 1)
        job = rng.choice(JOBS)
        wage = rng.choice([4200, 4800, 5500, 6300, 7200])
        form_id = other_valid_id(p, rng) if form_mismatch else p.id_number
        res_addr = f"芜湖市镜湖区{rng.choice(['汀棠', '范罗山', '弋矶山', '天门山'])}街道{rng.choice(['康乐', '和平', '新时代', '绿地'])}小区{rng.randint(1, 30)}栋{rng.randint(101, 1802)}室"
        police = "芜湖市公安局镜湖分局" + rng.choice(["北京路派出所", "赭山派出所", "范罗山派出所"])
        reg_date = dt.date(2026, rng.randint(1, 5), rng.randint(1, 28))
        files: list[File] = []
        idf = id_files(name, p, id_how, seed, sides)
        files += idf

        def form():
            rows = person_form_rows(p, form_id, [
                [("居住地址", 25, True), (res_addr, 145, False)],
                [("申领条件", 25, True), ("（√）合法稳定就业   （  ）合法稳定住所   （  ）连续就读", 145, False)],
                [("工作单位", 25, True), (comp["name"], 85, False), ("联系电话", 25, True), (p.phone, 35, False)],
                [("居住登记时间", 25, True), (cn_date(reg_date), 40, False), ("登记派出所", 30, True), (police, 75, False)],
            ])
            return form_page("居住证申领登记表", rows, seed + 1, [("申请人签名：", p.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(21, 29)), hand=form_how != "pdf", subtitle="（芜湖市公安局镜湖分局）",
                             foot="申请人承诺：以上填写内容及提交的材料真实有效，如有虚假，愿承担相应法律责任。")
        fdesc = "居住证申领登记表" + ("" if form_sign else "（签名处空白）") + ("（表上身份证号与身份证不一致）" if form_mismatch else "")
        if form_how == "pdf":
            files.append(mkfile(name, "居住证申领登记表.pdf", fdesc + " 文本PDF", lambda r: pdf_text([form()])))
        else:
            files.append(mkfile(name, "IMG_7731.jpg", fdesc + " 手填后手机照片", lambda r: shoot(form(), r)))

        if lic != "missing":
            ldesc = "营业执照副本" + ("（统一社会信用代码校验位错误）" if lic == "bad" else "")
            lp = lambda: business_licence(comp, seed + 2, copy=lic_how != "png")
            if lic_how == "photo":
                files.append(mkfile(name, "营业执照.jpg", ldesc + " 手机照片", lambda r: shoot(lp(), r)))
            elif lic_how == "scan":
                files.append(mkfile(name, "扫描件2.pdf", ldesc + " 彩色扫描PDF", lambda r: scan_pdf([lp()], r, gray=False)))
            elif lic_how == "png":
                files.append(mkfile(name, "营业执照正本.png", "营业执照正本 截图PNG", lambda r: shot(lp(), r)))
            elif lic_how == "rot":
                files.append(mkfile(name, "微信图片_20261126143022.jpg", ldesc + " 手机照片 旋转180°", lambda r: shoot(lp(), r, wechat=True, rot=180)))
        else:
            files.append(mkfile(name, "工资条.jpg", "工资条截图（不是营业执照，也不是劳动合同）",
                                lambda r: shoot(payslip_page(p, comp["name"], seed), r, wechat=True)))

        def contract_doc():
            cl = [c.format(start=cn_date(start), end=cn_date(start.replace(year=start.year + 3) - dt.timedelta(days=1)), job=job, wage=wage) for c in LABOUR_CLAUSES]
            return contract_pages("劳动合同书", ("用人单位", comp["name"]), ("劳动者", p.name), cl, seed + 3,
                                  None, p.name, comp["name"], start - dt.timedelta(days=3), f"WH{start.year}{rng.randint(1000, 9999)}",
                                  header_fields=[("乙方身份证号码", p.id_number)], separate_sign=True)
        if contract == "ok":
            if contract_how == "pdf":
                files.append(mkfile(name, "劳动合同.pdf", "劳动合同书 全部页 扫描PDF", lambda r: scan_pdf(contract_doc(), r)))
            elif contract_how == "photos":
                for i in range(3):
                    files.append(mkfile(name, f"IMG_{8810 + i}.jpg", f"劳动合同书 第{i + 1}页 手机照片",
                                        (lambda i_: lambda r: shoot(contract_doc()[i_], r))(i)))
            elif contract_how == "two_up":
                files.append(mkfile(name, "合同.jpg", "劳动合同书 第1、2页并排一张照片", lambda r: shoot(two_up(contract_doc()[:2]), r)))
                files.append(mkfile(name, "合同2.jpg", "劳动合同书 第3页（签章页）手机照片", lambda r: shoot(contract_doc()[2], r)))
            elif contract_how == "shuffled":
                files.append(mkfile(name, "合同扫描.pdf", "劳动合同书 扫描PDF 页序颠倒（3,1,2）", lambda r: scan_pdf([contract_doc()[2], contract_doc()[0], contract_doc()[1]], r)))
        elif contract == "one_page":
            files.append(mkfile(name, "劳动合同首页.jpg", "劳动合同书 只有封面一页 手机照片", lambda r: shoot(contract_doc()[0], r)))

        if proof != "missing":
            def pr():
                body = [f"兹证明{p.name}（公民身份号码：{p.id_number}）系我单位职工，自{cn_date(start)}起在我单位从事{job}工作，"
                        f"双方已依法签订劳动合同，劳动关系存续至今。", "特此证明。"]
                return letter(rng.choice(["劳动关系证明", "证明", "在职证明"]), body, comp["name"],
                              proof_date, seed + 4, sealed=proof_seal,
                              letterhead=comp["name"] if rng.random() < 0.6 else None,
                              extra=[("单位联系人", rng.choice(SURNAMES) + "女士"), ("联系电话", f"0553-{rng.randint(2000000, 5999999)}")])
            pdesc = "用人单位出具的劳动关系证明" + ("" if proof_seal else "（无公章）") + \
                    (f"（落款日期{cn_date(proof_date)}）" if proof_date else "（无落款日期）")
            if proof_how == "photo":
                files.append(mkfile(name, "证明.jpg", pdesc + " 手机照片", lambda r: shoot(pr(), r)))
            elif proof_how == "heic":
                files.append(mkfile(name, "IMG_9025.HEIC", pdesc + " 手机照片 HEIC", lambda r: shoot(pr(), r, fmt="heic")))
            elif proof_how == "scan":
                files.append(mkfile(name, "劳动关系证明.pdf", pdesc + " 彩色扫描PDF", lambda r: scan_pdf([pr()], r, gray=False)))
            elif proof_how == "lowlight":
                files.append(mkfile(name, "微信图片_20261127090512.jpg", pdesc + " 暗光手机照片", lambda r: shoot(pr(), r, wechat=True, light=0.62)))
        for e in extras:
            files.append(irrelevant(name, *e))
        cases.append(Case(name, item, "employment", files, exp, docs_emp))

    ok = "ok"
    emp_case("rp-emp-01-ready", exp=dict.fromkeys(docs_emp, ok))
    emp_case("rp-emp-02-photos-heic", id_how="heic", form_how="photo", contract_how="photos", proof_how="heic",
             lic_how="scan", exp=dict.fromkeys(docs_emp, ok))
    emp_case("rp-emp-03-proof-too-old", id_how="cards_photo", proof_date=dt.date(2026, 9, 28), contract_how="two_up",
             exp={**dict.fromkeys(docs_emp, ok), "employment-proof": "invalid"})
    emp_case("rp-emp-04-proof-unsealed-bad-uscc", id_how="copy_scan_jpg", proof_seal=False, lic="bad", proof_how="scan",
             exp={**dict.fromkeys(docs_emp, ok), "employment-proof": "invalid", "employer-licence": "invalid"})
    emp_case("rp-emp-05-one-page-contract-front-only", id_how="jpeg", sides=("front",), contract="one_page",
             exp={**dict.fromkeys(docs_emp, ok), "id-card": "invalid", "labour-contract": "invalid"})
    emp_case("rp-emp-06-no-licence-undated-proof", id_how="webp", lic="missing", proof_date=None, extras=[("menu", "IMG_0093.jpg")],
             exp={**dict.fromkeys(docs_emp, ok), "employer-licence": "missing", "employment-proof": "needs_staff"})
    emp_case("rp-emp-07-expired-id-rotated", expired=True, id_how="copy_photo", lic_how="rot", contract_how="shuffled",
             proof_how="lowlight", exp={**dict.fromkeys(docs_emp, ok), "id-card": "invalid"})
    emp_case("rp-emp-08-unsigned-form-no-proof", id_how="jpeg_exif", form_sign=False, proof="missing", lic_how="png",
             extras=[("receipt", "微信图片_20261120183344.jpg")],
             exp={**dict.fromkeys(docs_emp, ok), "application-form": "invalid", "employment-proof": "missing"})
    emp_case("rp-emp-09-form-id-mismatch", id_how="copy_pdf", form_mismatch=True, form_how="photo",
             exp={**dict.fromkeys(docs_emp, ok), "application-form": "needs_staff"})

    def res_case(name, *, id_how="copy_scan_pdf", sides=("front", "back"), form_sign=True, form_mismatch=False,
                 housing="rental", extras=(), exp=None):
        rng = random.Random(zlib.crc32(name.encode()))
        p = make_person(rng, (1985, 2003), MIGRANT_CODES)
        landlord = make_person(rng, (1955, 1980), LOCAL_CODES + OLD_CODES)
        seed = rng.randrange(1 << 20)
        res_addr = f"芜湖市镜湖区{rng.choice(['汀棠', '范罗山', '弋矶山'])}街道{rng.choice(['康乐', '和平', '翰林'])}小区{rng.randint(1, 30)}栋{rng.randint(101, 1802)}室"
        form_id = other_valid_id(p, rng) if form_mismatch else p.id_number
        files = id_files(name, p, id_how, seed, sides)

        def form():
            rows = person_form_rows(p, form_id, [
                [("居住地址", 25, True), (res_addr, 145, False)],
                [("申领条件", 25, True), ("（  ）合法稳定就业   （√）合法稳定住所   （  ）连续就读", 145, False)],
                [("住所类型", 25, True), ("租赁住房" if housing != "deed" else "自有住房", 40, False), ("联系电话", 30, True), (p.phone, 75, False)],
            ])
            return form_page("居住证申领登记表", rows, seed + 1, [("申请人签名：", p.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(21, 29)), hand=True, subtitle="（芜湖市公安局镜湖分局）")
        fdesc = "居住证申领登记表（手填）" + ("" if form_sign else "（签名处空白）") + ("（表上身份证号与身份证不一致）" if form_mismatch else "")
        files.append(mkfile(name, "申领表.jpg", fdesc + " 手机照片", lambda r: shoot(form(), r)))
        if housing == "rental":
            def rc():
                cl = [f"第一条  出租方将位于{res_addr}的房屋出租给承租方居住使用，建筑面积{rng.randint(45, 110)}平方米。",
                      f"第二条  租赁期限自2026年3月1日起至2027年2月28日止，共十二个月。",
                      f"第三条  月租金人民币{rng.choice([1200, 1500, 1800, 2100])}元，按季度支付，押金为一个月租金。",
                      "第四条  租赁期间，水、电、燃气、物业等费用由承租方承担；房屋及其附属设施的自然损坏由出租方负责维修。",
                      "第五条  承租方不得擅自改变房屋结构和用途，不得转租。租赁期满承租方需续租的，应提前一个月告知出租方。",
                      "第六条  本合同已向房屋所在地社区（网格）办理租赁登记备案。本合同一式两份，双方各执一份，签字后生效。"] * 1
                return contract_pages("房屋租赁合同", ("出租方", landlord.name), ("承租方", p.name), cl, seed + 2,
                                      landlord.name, p.name, None, dt.date(2026, 2, 26), f"ZL2026{rng.randint(100, 999)}",
                                      cover=False, a_role="甲方", b_role="乙方",
                                      header_fields=[("甲方身份证号", landlord.id_number), ("乙方身份证号", p.id_number)])
            files.append(mkfile(name, "租房合同.pdf", "房屋租赁合同 文本PDF", lambda r: pdf_text(rc())))
        elif housing == "deed":
            house = dict(cert_year=2021, cert_no=f"{rng.randint(1000000, 9999999):07d}", addr=res_addr, unit=f"340202 00{rng.randint(1000, 9999)} GB00{rng.randint(100, 999)} F0001{rng.randint(1000, 9999)}",
                         land=round(rng.uniform(8000, 30000), 2), area=round(rng.uniform(70, 130), 2), land_from="2005年03月01日", land_to="2075年02月28日",
                         floors=rng.choice([11, 18, 26]), floor=rng.randint(2, 10), reg_date=dt.date(2021, rng.randint(1, 12), rng.randint(1, 28)))
            files.append(mkfile(name, "IMG_2207.HEIC", "不动产权证书 登记页 手机照片 HEIC",
                                lambda r: shoot(property_certificate([p], house, seed + 3)[0], r, fmt="heic")))
        elif housing == "bill":
            files.append(mkfile(name, "水费单.jpg", "水费缴费通知单（不是租赁合同或产权证明）", lambda r: shoot(utility_bill_page(p, res_addr, seed), r, wechat=True)))
        for e in extras:
            files.append(irrelevant(name, *e))
        cases.append(Case(name, item, "residence", files, exp,
                          {**docs_res, "housing-proof": "不动产权证书" if housing == "deed" else "房屋租赁合同"}))

    res_case("rp-res-01-ready", exp=dict.fromkeys(docs_res, ok))
    res_case("rp-res-02-deed-unsigned-form", id_how="heic", form_sign=False, housing="deed",
             exp={"id-card": ok, "application-form": "invalid", "housing-proof": ok})
    res_case("rp-res-03-bill-mismatch", id_how="copy_photo", form_mismatch=True, housing="bill", extras=[("selfie", "IMG_1180.jpg")],
             exp={"id-card": ok, "application-form": "needs_staff", "housing-proof": "missing"})
    res_case("rp-res-04-back-only", id_how="wechat", sides=("back",), exp={"id-card": "invalid", "application-form": ok, "housing-proof": ok})
    return cases


# ---------------------------------------------------------------------------
# item 2: 个体工商户变更登记 (market regulation)
# ---------------------------------------------------------------------------
SHOP_NAMES = ["芜湖市镜湖区老味道小吃店", "芜湖市镜湖区晓燕服装店", "芜湖市镜湖区鸿运五金经营部", "芜湖市镜湖区佳佳水果店",
              "芜湖市镜湖区星光理发店", "芜湖市镜湖区家乐便利店", "芜湖市镜湖区顺心家电维修部"]


def item_business_change() -> list[Case]:
    item = "individual-business-change"
    cases = []
    docs = {"application-form": "申请书", "operator-id": "居民身份证", "business-licence": "营业执照", "premises-proof": "房屋租赁合同"}

    def case(name, scenario, *, id_how="copy_scan_pdf", sides=("front", "back"), form_sign=True, form_how="pdf",
             form="ok", lic="ok", lic_how="photo", premises="ok", extras=(), exp=None, album=False, expired=False,
             form_mismatch=False):
        rng = random.Random(zlib.crc32(name.encode()))
        op = make_person(rng, (1968, 1998), expired=expired)
        seed = rng.randrange(1 << 20)
        shop = dict(uscc=make_uscc(rng, True), name=rng.choice(SHOP_NAMES), person=op.name, individual=True,
                    founded=dt.date(rng.randint(2014, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                    address=f"安徽省芜湖市镜湖区{rng.choice(['新芜路', '吉和街', '中二街', '黄山路'])}{rng.randint(2, 160)}号{rng.choice(['门面', '1-2号商铺', ''])}",
                    scope=rng.choice(["小吃服务；预包装食品零售。", "服装、鞋帽零售。", "五金产品、建材零售；日用百货销售。", "家用电器维修；电子产品销售。"]),
                    registrar="芜湖市镜湖区市场监督管理局")
        shop["issued"] = shop["founded"]
        if lic == "bad":
            shop["uscc"] = bad_uscc(shop["uscc"])
        new_addr = f"安徽省芜湖市镜湖区{rng.choice(['北京中路', '文化路', '天门山东路'])}{rng.randint(3, 200)}号商铺"
        form_id = other_valid_id(op, rng) if form_mismatch else op.id_number
        landlord = make_person(rng, (1958, 1985))
        files = []
        # the applicant's upload order is random-ish
        def app():
            rows = [[("名称", 35, True), (shop["name"], 135, False)],
                    [("统一社会信用代码", 35, True), (shop["uscc"] if lic != "bad" else shop["uscc"], 135, False)],
                    [("经营者姓名", 35, True), (op.name, 45, False), ("联系电话", 30, True), (op.phone, 60, False)],
                    [("经营者身份证件号码", 35, True), (form_id, 135, False)],
                    [("变更事项", 35, True), ("原登记内容", 67, True), ("申请变更登记内容", 68, True)]]
            if scenario == "change-premises":
                rows.append([("经营场所", 35, True, 2), (shop["address"], 67, False, 2), (new_addr, 68, False, 2)])
            else:
                rows.append([("经营范围", 35, True, 2), (shop["scope"], 67, False, 2), (shop["scope"].rstrip("。") + "；烟草制品零售（凭许可证经营）。", 68, False, 2)])
            return form_page("个体工商户变更登记申请书", rows, seed + 1, [("经营者签字：", op.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(18, 29)), hand=form_how == "photo",
                             note="本人承诺所提交的文件、证件及有关附件真实、合法、有效，复印文本与原件一致，并对其真实性负责。")
        adesc = "个体工商户变更登记申请书" + ("" if form_sign else "（经营者签字处空白）") + ("（表上身份证号与身份证不一致）" if form_mismatch else "")
        if form == "ok":
            if form_how == "pdf":
                files.append(mkfile(name, "变更登记申请书.pdf", adesc + " 文本PDF", lambda r: pdf_text([app()])))
            elif form_how == "photo":
                files.append(mkfile(name, "IMG_3090.JPG", adesc + " 手填后手机照片", lambda r: shoot(app(), r)))
            elif form_how == "scan":
                files.append(mkfile(name, "申请书扫描.pdf", adesc + " 扫描PDF", lambda r: scan_pdf([app()], r)))
        files += id_files(name, op, id_how, seed, sides)
        lp = lambda: business_licence(shop, seed + 2, copy=lic_how != "land_photo")
        ldesc = "个体工商户营业执照" + ("（统一社会信用代码校验位错误）" if lic == "bad" else "")
        if lic != "missing":
            if lic_how == "photo":
                files.append(mkfile(name, "营业执照副本.jpg", ldesc + "副本 手机照片", lambda r: shoot(lp(), r)))
            elif lic_how == "land_photo":
                files.append(mkfile(name, "IMG_3104.HEIC", ldesc + "正本（横版） 手机照片 HEIC", lambda r: shoot(lp(), r, fmt="heic")))
            elif lic_how == "big":
                files.append(mkfile(name, "IMG_20261124_101522.jpg", ldesc + "副本 手机原图4032×3024 EXIF方向", lambda r: shoot(lp(), r, big=True, exif=6)))
            elif lic_how == "webp":
                files.append(mkfile(name, "yyzz.webp", ldesc + "副本 手机照片 WebP", lambda r: shoot(lp(), r, fmt="webp")))
        if scenario == "change-premises" and premises == "ok":
            def lease():
                cl = [f"第一条  甲方将位于{new_addr}的商铺出租给乙方作经营使用，建筑面积{rng.randint(25, 90)}平方米。",
                      "第二条  租赁期限自2026年12月1日起至2029年11月30日止。",
                      f"第三条  年租金人民币{rng.choice([36000, 48000, 60000])}元，每半年支付一次。",
                      "第四条  乙方应依法办理营业执照变更登记，合法经营，因经营产生的债权债务由乙方自行承担。",
                      "第五条  甲方保证对该商铺享有合法处分权，并提供产权证明复印件。",
                      "第六条  本合同一式三份，甲乙双方各执一份，报登记机关一份，自双方签字之日起生效。"]
                return contract_pages("商铺租赁合同", ("出租方", landlord.name), ("承租方", op.name), cl, seed + 3,
                                      landlord.name, op.name, None, dt.date(2026, 11, rng.randint(10, 20)), f"SP{rng.randint(10000, 99999)}",
                                      cover=False, header_fields=[("甲方身份证号", landlord.id_number)])
            files.append(mkfile(name, "租赁合同.pdf", "新经营场所商铺租赁合同 扫描PDF（2页）", lambda r: scan_pdf(lease(), r)))
        for e in extras:
            files.append(irrelevant(name, *e))
        d = dict(docs)
        if scenario != "change-premises":
            d.pop("premises-proof")
        cases.append(Case(name, item, scenario, files, exp, d))

    ok = "ok"
    P = ["application-form", "operator-id", "business-licence", "premises-proof"]
    O = P[:3]
    case("ib-01-premises-ready", "change-premises", exp=dict.fromkeys(P, ok))
    case("ib-02-scope-ready-heic-webp", "change-other", id_how="webp", lic_how="land_photo", form_how="photo", exp=dict.fromkeys(O, ok))
    case("ib-03-bad-credit-code", "change-other", lic="bad", id_how="copy_scan_jpg", exp={**dict.fromkeys(O, ok), "business-licence": "invalid"})
    case("ib-04-unsigned-no-lease", "change-premises", form_sign=False, premises="missing", id_how="jpeg", lic_how="big",
         extras=[("receipt", "IMG_3111.jpg")],
         exp={**dict.fromkeys(P, ok), "application-form": "invalid", "premises-proof": "missing"})
    case("ib-05-back-side-only", "change-premises", sides=("back",), id_how="heic", form_how="scan",
         exp={**dict.fromkeys(P, ok), "operator-id": "invalid"})
    case("ib-06-no-application-big-photo", "change-other", form="missing", id_how="cards_photo", lic_how="big", extras=[("selfie", "IMG_3120.jpg")],
         exp={**dict.fromkeys(O, ok), "application-form": "missing"})
    case("ib-07-no-licence", "change-premises", lic="missing", id_how="copy_photo", form_how="photo", extras=[("menu", "营业执照.jpg")],
         exp={**dict.fromkeys(P, ok), "business-licence": "missing"})
    case("ib-08-expired-id-wechat-album", "change-premises", expired=True, id_how="wechat", form_how="photo", lic_how="webp",
         extras=[("receipt", "微信图片_20261126195311.jpg")],
         exp={**dict.fromkeys(P, ok), "operator-id": "invalid"})
    case("ib-09-form-id-mismatch", "change-other", form_mismatch=True, id_how="copy_pdf", lic_how="photo",
         exp={**dict.fromkeys(O, ok), "application-form": "needs_staff"})
    return cases


# ---------------------------------------------------------------------------
# item 3: 不动产转移登记（二手房买卖） (natural resources / real estate registration)
# ---------------------------------------------------------------------------
SALE_CLAUSES = [
    "根据《中华人民共和国民法典》《中华人民共和国城市房地产管理法》及有关法律法规的规定，出卖人和买受人在平等、自愿、协商一致的基础上，就存量房屋买卖事项达成如下协议。",
    "第一条  房屋基本情况：出卖人所售房屋坐落于{addr}，不动产权证书号为皖（{cy}）芜湖市不动产权第{cn}号，建筑面积{area}平方米，用途为住宅。",
    "第二条  成交价格：双方协商确定该房屋成交总价为人民币{price}元（大写：{price_up}）。",
    "第三条  付款方式：买受人于本合同签订之日支付定金人民币贰万元整，其余房款于办理不动产转移登记前通过资金监管账户支付。",
    "第四条  房屋交付：出卖人应于不动产转移登记完成之日起十五日内将房屋交付买受人，并结清交付前的水、电、燃气、物业等费用。",
    "第五条  出卖人保证该房屋权属清楚，无抵押、查封等权利限制，亦无其他共有人主张权利；如因权属问题给买受人造成损失的，由出卖人承担赔偿责任。",
    "第六条  税费承担：交易过程中产生的税费，按照国家及地方有关规定由双方各自承担。",
    "第七条  违约责任：任何一方逾期履行义务的，每逾期一日，按已付房款的万分之五向对方支付违约金。",
    "第八条  本合同自双方签字之日起生效。本合同一式三份，出卖人、买受人各执一份，不动产登记机构存档一份。",
]


def item_property_transfer() -> list[Case]:
    item = "property-transfer"
    cases = []
    docs = {"application-form": "申请表", "seller-id": "居民身份证", "buyer-id": "居民身份证",
            "property-certificate": "不动产权证书", "sale-contract": "房屋买卖合同", "tax-receipt": "完税证明"}

    def case(name, *, seller_expired=False, buyer_sides=("front", "back"), seller_how="copy_scan_pdf", buyer_how="copy_scan_pdf",
             form_sign=True, contract="ok", contract_how="pdf", contract_signed=True, cert="ok", cert_how="scan",
             tax="ok", extras=(), bundle=False, exp=None):
        rng = random.Random(zlib.crc32(name.encode()))
        seller = make_person(rng, (1958, 1980), expired=seller_expired)
        buyer = make_person(rng, (1986, 1999), MIGRANT_CODES + LOCAL_CODES)
        seed = rng.randrange(1 << 20)
        price = rng.choice([868000, 1120000, 735000, 1460000, 980000])
        house = dict(cert_year=rng.randint(2017, 2021), cert_no=f"{rng.randint(1000000, 9999999):07d}",
                     addr=f"芜湖市镜湖区{rng.choice(['银湖北路', '汀棠路', '北京东路', '赭山西路'])}{rng.randint(2, 300)}号{rng.choice(['翡翠湾', '香榭丽都', '城市之光', '大阳垾'])}小区{rng.randint(1, 30)}#楼{rng.randint(1, 3)}单元{rng.randint(2, 18)}0{rng.randint(1, 4)}室",
                     unit=f"340202 00{rng.randint(1000, 9999)} GB00{rng.randint(100, 999)} F0001{rng.randint(1000, 9999)}",
                     land=round(rng.uniform(8000, 40000), 2), area=round(rng.uniform(62, 142), 2),
                     land_from="2006年07月01日", land_to="2076年06月30日", floors=rng.choice([11, 18, 26, 33]),
                     floor=rng.randint(2, 10), reg_date=dt.date(2019, rng.randint(1, 12), rng.randint(1, 28)), price=price)
        house["cert_year"] = house["reg_date"].year
        sign_date = dt.date(2026, 11, rng.randint(2, 12))
        files = []

        def app():
            rows = [[("申请登记事项", 30, True), ("（√）转移登记   （  ）首次登记   （  ）变更登记   （  ）抵押登记", 140, False)],
                    [("不动产坐落", 30, True), (house["addr"], 140, False)],
                    [("不动产单元号", 30, True), (house["unit"], 70, False), ("不动产权证书号", 30, True), (f"皖（{house['cert_year']}）芜湖市不动产权第{house['cert_no']}号", 40, False, 1.6)],
                    [("权利人（买受人）", 30, True), (buyer.name, 35, False), ("证件号码", 25, True), (buyer.id_number, 80, False)],
                    [("义务人（出卖人）", 30, True), (seller.name, 35, False), ("证件号码", 25, True), (seller.id_number, 80, False)],
                    [("登记原因", 30, True), ("存量房买卖", 50, False), ("成交价格", 25, True), (f"{price:,}元", 65, False)]]
            return form_page("不动产登记申请书", rows, seed + 1,
                             [("权利人（申请人）签章：", buyer.name if form_sign else None), ("义务人（申请人）签章：", seller.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(20, 28)), note=f"收件编号：2026{rng.randint(100000, 999999)}        单位：㎡、万元",
                             foot="申请人保证以上申请内容及所提交的材料真实、合法、有效，如有虚假，愿承担法律责任。")
        files.append(mkfile(name, "申请书.pdf", "不动产登记申请书" + ("" if form_sign else "（申请人签章处空白）") + " 文本PDF", lambda r: pdf_text([app()])))
        files += id_files(name, seller, seller_how, seed, names={"f": "卖方身份证.pdf" if seller_how.endswith("pdf") else "卖方身份证.jpg"})
        files += id_files(name, buyer, buyer_how, seed + 1, buyer_sides,
                          names={"f": "买方身份证.pdf" if buyer_how.endswith("pdf") else "买方身份证.jpg",
                                 "front": "IMG_5501.HEIC" if buyer_how == "heic" else "买方身份证正面.jpg"})
        certp = lambda: property_certificate([seller], house, seed + 2)
        if cert == "ok":
            if cert_how == "scan":
                files.append(mkfile(name, "房产证.pdf", "不动产权证书（登记页+登记机构页）彩色扫描PDF", lambda r: scan_pdf(certp(), r, gray=False)))
            elif cert_how == "photo":
                files.append(mkfile(name, "IMG_5530.jpg", "不动产权证书 登记页 手机照片", lambda r: shoot(certp()[0], r)))
            elif cert_how == "two_up":
                files.append(mkfile(name, "不动产权证.jpg", "不动产权证书 两页摊开一张照片", lambda r: shoot(two_up(certp()[::-1], bg=None), r)))
        elif cert == "wrong":
            files.append(mkfile(name, "房子.jpg", "购房的水费缴费单（不是不动产权证书）", lambda r: shoot(utility_bill_page(seller, house["addr"], seed), r, wechat=True)))

        def contract_():
            cl = [c.format(addr=house["addr"], cy=house["cert_year"], cn=house["cert_no"], area=house["area"], price=f"{price:,}",
                           price_up=_rmb_upper(price)) for c in SALE_CLAUSES]
            return contract_pages("存量房买卖合同", ("出卖人", seller.name), ("买受人", buyer.name), cl, seed + 3,
                                  seller.name if contract_signed else None, buyer.name if contract_signed else None, None,
                                  sign_date, f"CLF2026{rng.randint(10000, 99999)}", a_role="出卖人", b_role="买受人",
                                  title="芜湖市存量房买卖合同",
                                  header_fields=[("出卖人证件号码", seller.id_number), ("买受人证件号码", buyer.id_number)],
                                  separate_sign=True)
        cdesc = "存量房买卖合同" + ("" if contract_signed else "（出卖人、买受人签字处空白）")
        if contract == "ok":
            if contract_how == "pdf":
                files.append(mkfile(name, "买卖合同.pdf", cdesc + " 全部页 文本PDF", lambda r: pdf_text(contract_())))
            elif contract_how == "scan_shuffled":
                files.append(mkfile(name, "扫描全能王 2026-11-25 10.31.pdf", cdesc + " 扫描PDF 页序打乱（3,1,2）",
                                    lambda r: scan_pdf([contract_()[i] for i in (2, 0, 1)], r)))
            elif contract_how == "photos":
                n = len(contract_())
                for i in range(n):
                    files.append(mkfile(name, f"微信图片_202611251{i:02d}.jpg", f"{cdesc} 第{i + 1}页 微信压缩照片",
                                        (lambda i_: lambda r: shoot(contract_()[i_], r, wechat=True))(i)))
        elif contract == "one_page":
            files.append(mkfile(name, "合同.jpg", "存量房买卖合同 只有封面一页 手机照片", lambda r: shoot(contract_()[0], r)))
        if tax == "ok":
            files.append(mkfile(name, "完税证明.png", "契税税收完税证明 截图PNG",
                                lambda r: shot(tax_certificate(buyer, house, round(price * 0.01, 2), dt.date(2026, 11, rng.randint(18, 26)), seed + 4), r, "电子税务局")))
        for e in extras:
            files.append(irrelevant(name, *e))
        if bundle:  # everything in one scanned PDF, in the applicant's own order
            pass
        cases.append(Case(name, item, None, files, exp, docs))

    ok = "ok"
    K = list(docs)
    case("pt-01-ready", exp=dict.fromkeys(K, ok))
    case("pt-02-contract-photos-heic", buyer_how="heic", seller_how="copy_photo", contract_how="photos", cert_how="two_up",
         exp=dict.fromkeys(K, ok))
    case("pt-03-contract-cover-only", contract="one_page", seller_how="cards_photo",
         exp={**dict.fromkeys(K, ok), "sale-contract": "invalid"})
    case("pt-04-contract-unsigned", contract_signed=False, contract_how="scan_shuffled", cert_how="photo",
         exp={**dict.fromkeys(K, ok), "sale-contract": "invalid"})
    case("pt-05-seller-expired-no-tax", seller_expired=True, tax="missing", extras=[("receipt", "IMG_5590.jpg")],
         exp={**dict.fromkeys(K, ok), "seller-id": "invalid", "tax-receipt": "missing"})
    case("pt-06-buyer-front-only-wrong-cert", buyer_how="jpeg", buyer_sides=("front",), cert="wrong",
         exp={**dict.fromkeys(K, ok), "buyer-id": "invalid", "property-certificate": "missing"})
    case("pt-07-form-unsigned", form_sign=False, seller_how="copy_scan_jpg", buyer_how="webp",
         exp={**dict.fromkeys(K, ok), "application-form": "invalid"})
    return cases


# ---------------------------------------------------------------------------
# item 4: 残疾人证申领 (disabled persons' federation)
# ---------------------------------------------------------------------------
DISABILITIES = [("肢体", "骨科", "右下肢膝上截肢术后（外伤所致），残端愈合良好。", "建议安装假肢，进行康复训练，定期复查。"),
                ("听力", "耳鼻咽喉科", "双耳感音神经性听力损失（右耳平均听阈85dB HL，左耳平均听阈90dB HL）。", "建议佩戴助听器，必要时评估人工耳蜗植入。"),
                ("视力", "眼科", "双眼视神经萎缩，矫正视力右眼0.04，左眼0.05。", "定期眼科随访，注意出行安全。"),
                ("肢体", "神经内科", "脑梗死后遗症，左侧肢体偏瘫，肌力3级。", "坚持康复训练，控制血压，定期复诊。")]
HOSPITALS = ["芜湖市第二人民医院", "皖南医学院第一附属医院", "芜湖市中医医院"]


def item_disability() -> list[Case]:
    item = "disability-certificate"
    cases = []
    docs = {"id-card": "居民身份证", "household-register": "户口簿", "application-form": "申请表", "medical-proof": "诊断证明"}

    def case(name, *, id_how="copy_scan_pdf", sides=("front", "back"), hukou="ok", hukou_how="two_up_scan", form_sign=True,
             form_mismatch=False, form_how="pdf", med="ok", med_date=dt.date(2026, 10, 15), med_seal=True, med_how="photo",
             extras=(), exp=None, bundle=False, expired=False):
        rng = random.Random(zlib.crc32(name.encode()))
        p = make_person(rng, (1952, 1995) if not expired else (1968, 1992), expired=expired)
        seed = rng.randrange(1 << 20)
        kind, dept, diag, advice = rng.choice(DISABILITIES)
        hosp = rng.choice(HOSPITALS)
        form_id = other_valid_id(p, rng) if form_mismatch else p.id_number
        files = []

        def form():
            rows = person_form_rows(p, form_id, [
                [("现居住地址", 25, True), (p.address, 145, False)],
                [("联系电话", 25, True), (p.phone, 40, False), ("监护人/联系人", 30, True), (rng.choice(SURNAMES) + rng.choice(GIVEN_F) + "（配偶）", 75, False)],
                [("申请残疾类别", 25, True), ("  ".join(("（√）" if k == kind else "（  ）") + k for k in ["视力", "听力", "言语", "肢体", "智力", "精神"]), 145, False)],
                [("申请类型", 25, True), ("（√）新办   （  ）换领   （  ）补办   （  ）迁移", 145, False)]])
            return form_page("中华人民共和国残疾人证申请表", rows, seed + 1, [("申请人（或监护人）签字：", p.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(10, 28)), hand=form_how != "pdf",
                             box_sections=[("户籍所在地乡镇（街道）残联审核意见：", 24), ("县级残联审核意见：", 24)])
        fdesc = "残疾人证申请表" + ("" if form_sign else "（签字处空白）") + ("（表上身份证号与身份证不一致）" if form_mismatch else "")
        pieces = []  # for the bundled PDF
        if form_how == "pdf":
            files.append(mkfile(name, "残疾人证申请表.pdf", fdesc + " 文本PDF", lambda r: pdf_text([form()])))
        elif form_how == "photo":
            files.append(mkfile(name, "IMG_0415.HEIC", fdesc + " 手填后手机照片 HEIC", lambda r: shoot(form(), r, fmt="heic")))
        elif form_how == "shot":
            files.append(mkfile(name, "Screenshot_20261126_094512.png", fdesc + " 手机截图PNG", lambda r: shot(form(), r)))
        files += id_files(name, p, id_how, seed, sides)
        if hukou == "ok":
            files += hukou_files(name, p, p, hukou_how, seed + 2)

        def mp():
            return diagnosis_page(p, hosp, dept, diag, advice, med_date, seed + 3, sealed=med_seal,
                                  doctor=rng.choice(SURNAMES) + rng.choice(GIVEN_M))
        mdesc = "医院诊断证明书" + ("" if med_seal else "（未盖章）") + (f"（{cn_date(med_date)}）" if med_date else "（无日期）")
        if med == "ok":
            if med_how == "photo":
                files.append(mkfile(name, "诊断证明.jpg", mdesc + " 手机照片", lambda r: shoot(mp(), r)))
            elif med_how == "scan":
                files.append(mkfile(name, "病历扫描.pdf", mdesc + " 彩色扫描PDF", lambda r: scan_pdf([mp()], r, gray=False)))
            elif med_how == "webp":
                files.append(mkfile(name, "zdzm.webp", mdesc + " 手机照片 WebP", lambda r: shoot(mp(), r, fmt="webp")))
            elif med_how == "rot90":
                files.append(mkfile(name, "微信图片_20261119075530.jpg", mdesc + " 手机照片 横拍旋转90°", lambda r: shoot(mp(), r, wechat=True, rot=90)))
        for e in extras:
            files.append(irrelevant(name, *e))
        cases.append(Case(name, item, None, files, exp, docs))

    ok = "ok"
    K = list(docs)
    case("dc-01-ready", exp=dict.fromkeys(K, ok))
    case("dc-02-ready-photos", id_how="jpeg_exif", hukou_how="photos", form_how="photo", med_how="rot90", extras=[("selfie", "IMG_0420.jpg")],
         exp=dict.fromkeys(K, ok))
    case("dc-03-diagnosis-too-old", med_date=dt.date(2025, 12, 22), id_how="copy_photo", hukou_how="pdf_scan",
         exp={**dict.fromkeys(K, ok), "medical-proof": "invalid"})
    case("dc-04-diagnosis-unsealed", med_seal=False, med_how="scan", id_how="heic",
         exp={**dict.fromkeys(K, ok), "medical-proof": "invalid"})
    case("dc-05-form-id-mismatch", form_mismatch=True, form_how="shot", hukou_how="heic",
         exp={**dict.fromkeys(K, ok), "application-form": "needs_staff"})
    case("dc-06-no-hukou-front-only", hukou="missing", sides=("front",), id_how="wechat", extras=[("menu", "微信图片_20261126121010.jpg")],
         exp={**dict.fromkeys(K, ok), "household-register": "missing", "id-card": "invalid"})
    case("dc-07-diagnosis-undated", med_date=None, med_how="webp", id_how="cards_photo", hukou_how="two_up_photo",
         exp={**dict.fromkeys(K, ok), "medical-proof": "needs_staff"})
    case("dc-09-expired-id", expired=True, id_how="copy_scan_pdf", med_how="scan", hukou_how="photos",
         exp={**dict.fromkeys(K, ok), "id-card": "invalid"})
    case("dc-08-no-diagnosis-unsigned", med="missing", form_sign=False, id_how="copy_scan_jpg",
         exp={**dict.fromkeys(K, ok), "medical-proof": "missing", "application-form": "invalid"})
    return cases


# ---------------------------------------------------------------------------
# item 5: 灵活就业人员参保登记 (human resources and social security)
# ---------------------------------------------------------------------------
def item_flexible_insurance() -> list[Case]:
    item = "flexible-employment-insurance"
    cases = []
    docs = {"id-card": "居民身份证", "registration-form": "申请表", "household-register": "户口簿"}

    def case(name, *, id_how="copy_scan_pdf", sides=("front", "back"), expired=False, form_sign=True, form_mismatch=False,
             form_how="pdf", hukou="ok", hukou_how="two_up_scan", extras=(), exp=None, bundle=False):
        rng = random.Random(zlib.crc32(name.encode()))
        p = make_person(rng, (1972, 2000), expired=expired)
        seed = rng.randrange(1 << 20)
        form_id = other_valid_id(p, rng) if form_mismatch else p.id_number
        files = []

        def form():
            rows = person_form_rows(p, form_id, [
                [("户口性质", 25, True), (rng.choice(["城镇", "农村"]), 40, False), ("联系电话", 30, True), (p.phone, 75, False)],
                [("居住地址", 25, True), (p.address, 145, False)],
                [("就业形式", 25, True), (rng.choice(["网约配送员", "个体经营", "自由职业", "非全日制用工"]), 40, False), ("参保起始年月", 30, True), ("2026年12月", 75, False)],
                [("参保险种", 25, True), ("（√）企业职工基本养老保险    （√）职工基本医疗保险", 145, False)],
                [("缴费档次", 25, True), (rng.choice(["60%", "100%", "60%"]), 40, False), ("缴费方式", 30, True), ("按月（银行代扣）", 75, False)]])
            return form_page("灵活就业人员参保登记表", rows, seed + 1, [("本人签字：", p.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(15, 29)), hand=form_how != "pdf", subtitle="芜湖市社会保险参保登记",
                             box_sections=[("经办机构意见：", 22)])
        fdesc = "灵活就业人员参保登记表" + ("" if form_sign else "（本人签字处空白）") + ("（表上身份证号与身份证不一致）" if form_mismatch else "")
        if bundle:  # the whole application scanned into one PDF: ID copy, form, hukou pages
            files.append(mkfile(name, "材料.pdf", "一个扫描PDF含全部材料：身份证正反面复印页、" + fdesc + "、户口簿首页、户口簿本人页",
                                lambda r: scan_pdf([id_sheet(p, seed), form()] + hukou_pages(p, [p], seed + 2), r)))
            cases.append(Case(name, item, None, files, exp, docs))
            return
        if form_how == "pdf":
            files.append(mkfile(name, "参保登记表.pdf", fdesc + " 文本PDF", lambda r: pdf_text([form()])))
        elif form_how == "photo":
            files.append(mkfile(name, "IMG_6102.jpg", fdesc + " 手填后手机照片", lambda r: shoot(form(), r)))
        elif form_how == "scan":
            files.append(mkfile(name, "扫描件.pdf", fdesc + " 手填后扫描PDF", lambda r: scan_pdf([form()], r)))
        files += id_files(name, p, id_how, seed, sides)
        if hukou == "ok":
            files += hukou_files(name, p, p, hukou_how, seed + 2, name="户口簿.jpg")
        for e in extras:
            files.append(irrelevant(name, *e))
        cases.append(Case(name, item, None, files, exp, docs))

    ok = "ok"
    K = list(docs)
    case("fe-01-ready", exp=dict.fromkeys(K, ok))
    case("fe-02-ready-heic", id_how="heic", hukou_how="heic", form_how="photo", exp=dict.fromkeys(K, ok))
    case("fe-03-unsigned", form_sign=False, form_how="scan", id_how="copy_photo", exp={**dict.fromkeys(K, ok), "registration-form": "invalid"})
    case("fe-04-expired-id", expired=True, id_how="cards_photo", hukou_how="photos", exp={**dict.fromkeys(K, ok), "id-card": "invalid"})
    case("fe-05-no-hukou", hukou="missing", id_how="webp", extras=[("receipt", "微信图片_20261128203011.jpg")],
         exp={**dict.fromkeys(K, ok), "household-register": "missing"})
    case("fe-06-form-id-mismatch", form_mismatch=True, id_how="copy_scan_jpg", hukou_how="pdf_scan",
         exp={**dict.fromkeys(K, ok), "registration-form": "needs_staff"})
    case("fe-08-one-pdf-bundle", bundle=True, form_how="scan", exp=dict.fromkeys(K, ok))
    case("fe-07-back-only-no-form", sides=("back",), id_how="jpeg", form_how="none", extras=[("selfie", "IMG_6120.jpg")],
         exp={**dict.fromkeys(K, ok), "id-card": "invalid", "registration-form": "missing"})
    return cases


# ---------------------------------------------------------------------------
# item 6: 高龄津贴申领 (civil affairs)
# ---------------------------------------------------------------------------
COMMUNITIES = [("汀棠街道", "康乐社区居民委员会"), ("范罗山街道", "和平社区居民委员会"), ("弋矶山街道", "团结社区居民委员会"),
               ("方村街道", "万春村民委员会"), ("荆山街道", "新时代社区居民委员会")]


def item_elderly_allowance() -> list[Case]:
    item = "elderly-allowance"
    cases = []
    docs = {"application-form": "申请表", "id-card": "居民身份证", "household-register": "户口簿", "bank-card": "银行卡",
            "community-certificate": "证明信"}

    def case(name, *, id_how="copy_scan_pdf", sides=("front", "back"), form_sign=True, form_how="pdf", hukou="ok",
             hukou_how="two_up_scan", bank="card", letter_date=dt.date(2026, 11, 18), letter_seal=True, letter_how="photo",
             letter_="ok", extras=(), exp=None, album=False):
        rng = random.Random(zlib.crc32(name.encode()))
        p = make_person(rng, (1934, 1946), OLD_CODES)
        child = make_person(rng, (1962, 1975), male=rng.random() < 0.5, name=p.name[0] + rng.choice(GIVEN_M + GIVEN_F))
        seed = rng.randrange(1 << 20)
        street, comm = rng.choice(COMMUNITIES)
        org = "芜湖市镜湖区" + street + comm
        files = []
        pref = "微信图片_20261127" if album else ""

        def fname(default, i):
            return f"{pref}{i:06d}.jpg" if album else default

        def form():
            rows = person_form_rows(p, p.id_number, [
                [("年龄", 25, True), (f"{p.age}周岁", 40, False), ("联系电话", 30, True), (child.phone, 75, False)],
                [("现居住地址", 25, True), (p.address, 145, False)],
                [("开户银行", 25, True), ("芜湖扬子农村商业银行" if bank == "card" else "中国邮政储蓄银行", 60, False), ("代理人", 25, True), (f"{child.name}（子女）", 60, False)]])
            return form_page("芜湖市高龄津贴申请审批表", rows, seed + 1,
                             [("申请人（代理人）签字：", child.name if form_sign else None)],
                             dt.date(2026, 11, rng.randint(20, 29)), hand=form_how != "pdf",
                             box_sections=[("村（居）委会初审意见：", 24), ("街道（乡镇）审核意见：", 24), ("区民政局审批意见：", 24)])
        fdesc = "高龄津贴申请审批表" + ("" if form_sign else "（签字处空白）")
        if form_how == "pdf":
            files.append(mkfile(name, "高龄津贴申请表.pdf", fdesc + " 文本PDF", lambda r: pdf_text([form()])))
        elif form_how == "photo":
            files.append(mkfile(name, fname("申请表.jpg", 101), fdesc + " 手填后手机照片", lambda r: shoot(form(), r, wechat=album)))
        files += id_files(name, p, id_how, seed, sides,
                          names={"front": fname("身份证正面.jpg", 102), "back": fname("身份证反面.jpg", 103)} if album else None)
        if hukou == "ok":
            if album:
                hp = lambda: hukou_pages(p, [p], seed + 2)
                files.append(mkfile(name, fname("", 104), "居民户口簿首页 微信压缩照片", lambda r: shoot(hp()[0], r, wechat=True)))
                files.append(mkfile(name, fname("", 105), "居民户口簿本人页 微信压缩照片", lambda r: shoot(hp()[1], r, wechat=True)))
            else:
                files += hukou_files(name, p, p, hukou_how, seed + 2, name="户口本.jpg")
        if bank == "card":
            files.append(mkfile(name, fname("银行卡.jpg", 106), "本人银行卡正面 手机照片", lambda r: shoot(bank_card(p, seed + 3), r, wechat=album)))
        elif bank == "passbook":
            files.append(mkfile(name, "存折.heic", "本人存折首页 手机照片 HEIC", lambda r: shoot(passbook_page(p, seed + 3), r, fmt="heic")))

        def lt():
            body = [f"兹证明{p.name}，{p.sex}，{p.birth.year}年{p.birth.month}月出生，公民身份号码{p.id_number}，"
                    f"户籍在我{'村' if '村民' in comm else '社区'}，现居住于{p.address}，本人健在，生活基本能够自理，由其子女{child.name}照料。",
                    "以上情况属实，该同志符合高龄津贴申领条件。", "特此证明。"]
            return letter("证  明", body, org, letter_date, seed + 4, sealed=letter_seal, seal_org=org,
                          hand=rng.random() < 0.4, letterhead=None)
        ldesc = f"{comm}出具的证明" + ("" if letter_seal else "（未盖章）") + (f"（落款{cn_date(letter_date)}）" if letter_date else "（无落款日期）")
        if letter_ == "ok":
            if letter_how == "photo":
                files.append(mkfile(name, fname("证明.jpg", 107), ldesc + " 手机照片", lambda r: shoot(lt(), r, wechat=album)))
            elif letter_how == "scan":
                files.append(mkfile(name, "社区证明.pdf", ldesc + " 彩色扫描PDF", lambda r: scan_pdf([lt()], r, gray=False)))
            elif letter_how == "big":
                files.append(mkfile(name, "IMG_20261120_151212.jpg", ldesc + " 手机原图3024×4032", lambda r: shoot(lt(), r, big=True)))
            elif letter_how == "heic":
                files.append(mkfile(name, "IMG_7002.HEIC", ldesc + " 手机照片 HEIC（EXIF方向6）", lambda r: shoot(lt(), r, fmt="heic", exif=6)))
        for e in extras:
            files.append(irrelevant(name, *e))
        cases.append(Case(name, item, None, files, exp, {**docs, "bank-card": "存折" if bank == "passbook" else "银行卡"}))

    ok = "ok"
    K = list(docs)
    case("ea-01-ready", exp=dict.fromkeys(K, ok))
    case("ea-02-album-ready", album=True, form_how="photo", id_how="wechat", extras=[("selfie", "微信图片_20261127000108.jpg")],
         exp=dict.fromkeys(K, ok))
    case("ea-03-letter-unsealed", letter_seal=False, letter_how="scan", bank="passbook", id_how="copy_photo",
         exp={**dict.fromkeys(K, ok), "community-certificate": "invalid"})
    case("ea-04-letter-undated", letter_date=None, letter_how="big", id_how="cards_photo", hukou_how="photos",
         exp={**dict.fromkeys(K, ok), "community-certificate": "needs_staff"})
    case("ea-05-letter-too-old", letter_date=dt.date(2026, 6, 8), letter_how="heic", id_how="heic",
         exp={**dict.fromkeys(K, ok), "community-certificate": "invalid"})
    case("ea-06-no-bank-back-only", bank="none", sides=("back",), id_how="jpeg", extras=[("menu", "IMG_7010.jpg")],
         exp={**dict.fromkeys(K, ok), "bank-card": "missing", "id-card": "invalid"})
    case("ea-07-unsigned-no-letter", form_sign=False, letter_="missing", hukou_how="pdf_scan",
         exp={**dict.fromkeys(K, ok), "application-form": "invalid", "community-certificate": "missing"})
    return cases


def cases() -> list[Case]:
    out = (item_residence_permit() + item_business_change() + item_property_transfer() + item_disability()
           + item_flexible_insurance() + item_elderly_allowance())
    for c in out:
        names = [f.name for f in c.files]
        assert len(names) == len(set(names)), (c.name, names)
    return out
