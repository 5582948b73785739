"""Held-out pre-review corpus, writer c.

Hall: 浙江省嘉兴市南湖区行政服务中心 (invented details).  Five items from five departments.
Everything is deterministic: every File.build() draws from a random generator seeded by the
case and file name.  Only stdlib, numpy, PIL, cv2, reportlab, pillow_heif and stdnum are used.
"""

import datetime
import io
import math
import random
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from stdnum.cn import ric, uscc

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.timezone.utc)
CATALOGUE = Path(__file__).with_name("catalogue.yml")


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
    files: list
    expected: dict
    documents: dict


# ----------------------------------------------------------------------------------------------
# fonts
FONT_FILES = {
    "hei": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "zen": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "ming": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
}
PT_MM = 25.4 / 72.0


@lru_cache(maxsize=512)
def pil_font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILES[name], max(4, px))


def text_mm(s: str, size: float, font: str) -> float:
    """Width in mm of s at size (pt)."""
    return pil_font(font, 200).getlength(s) / 200.0 * size * PT_MM


_RL_READY = False


def _rl_fonts():
    global _RL_READY
    if _RL_READY:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for k, p in FONT_FILES.items():
        if p.endswith(".ttc"):
            pdfmetrics.registerFont(TTFont("c_" + k, p, subfontIndex=0))
        else:
            pdfmetrics.registerFont(TTFont("c_" + k, p))
    _RL_READY = True


# ----------------------------------------------------------------------------------------------
# a page: drawing operations in millimetres (origin top-left, text y = baseline)
class Page:
    def __init__(self, w: float = 210, h: float = 297, bg=(255, 255, 255)):
        self.w, self.h, self.bg = w, h, bg
        self.ops: list = []

    def text(self, x, y, s, size=10.5, font="ming", color=(20, 20, 20), align="l", bold=False, alpha=255, angle=0):
        self.ops.append(("text", x, y, str(s), size, font, tuple(color), align, bold, alpha, angle))

    def para(self, x, y, w, s, size=10.5, font="ming", leading=1.65, indent=2, color=(20, 20, 20)):
        """Wrap Chinese text into width w; returns the y below the paragraph."""
        lh = size * PT_MM * leading
        for part in s.split("\n"):
            line = "\u3000" * indent
            for ch in part:
                if text_mm(line + ch, size, font) > w and line.strip():
                    if ch in "，。、；：）》”！？":
                        line += ch
                        ch = ""
                    self.text(x, y, line, size, font, color)
                    y += lh
                    line = ch
                else:
                    line += ch
            if line:
                self.text(x, y, line, size, font, color)
                y += lh
        return y

    def line(self, x1, y1, x2, y2, width=0.3, color=(20, 20, 20)):
        self.ops.append(("line", x1, y1, x2, y2, width, tuple(color)))

    def rect(self, x, y, w, h, width=0.3, color=(20, 20, 20), fill=None):
        self.ops.append(("rect", x, y, w, h, width, tuple(color) if color else None, tuple(fill) if fill else None))

    def ellipse(self, x, y, w, h, width=0.3, color=(20, 20, 20), fill=None):
        self.ops.append(("ellipse", x, y, w, h, width, tuple(color) if color else None, tuple(fill) if fill else None))

    def image(self, x, y, w, h, img: Image.Image):
        self.ops.append(("image", x, y, w, h, img))

    def grid(self, x, y, cols, rows, width=0.35, color=(20, 20, 20)):
        """cols: list of column widths, rows: list of row heights; draws all cell lines."""
        W, H = sum(cols), sum(rows)
        yy = y
        self.line(x, yy, x + W, yy, width, color)
        for r in rows:
            yy += r
            self.line(x, yy, x + W, yy, width, color)
        xx = x
        self.line(xx, y, xx, y + H, width, color)
        for c in cols:
            xx += c
            self.line(xx, y, xx, y + H, width, color)

    def watermark(self, s, size=26, color=(120, 120, 120), alpha=40, angle=30, step=(70, 55)):
        yy = 20.0
        row = 0
        while yy < self.h + 20:
            xx = -20.0 + (row % 2) * step[0] / 2
            while xx < self.w + 20:
                self.text(xx, yy, s, size, "hei", color, "l", False, alpha, angle)
                xx += step[0]
            yy += step[1]
            row += 1


def render(page: Page, dpi: float = 150) -> Image.Image:
    k = dpi / 25.4
    W, H = int(round(page.w * k)), int(round(page.h * k))
    im = Image.new("RGB", (W, H), tuple(page.bg))
    d = ImageDraw.Draw(im, "RGBA")
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, size, font, color, align, bold, alpha, angle = op
            px = int(round(size * PT_MM * k))
            f = pil_font(font, px)
            sw = max(1, px // 28) if bold else 0
            fill = color + (alpha,)
            if angle:
                tw = int(f.getlength(s)) + 4 * px
                tmp = Image.new("RGBA", (tw, int(px * 2.2)), (0, 0, 0, 0))
                ImageDraw.Draw(tmp).text((2 * px, int(px * 1.6)), s, font=f, fill=fill, anchor="ls",
                                         stroke_width=sw, stroke_fill=fill)
                tmp = tmp.rotate(angle, expand=True, resample=Image.BICUBIC)
                im.paste(tmp, (int(x * k), int(y * k) - tmp.height // 2), tmp)
                d = ImageDraw.Draw(im, "RGBA")
            else:
                anchor = {"l": "ls", "c": "ms", "r": "rs"}[align]
                d.text((x * k, y * k), s, font=f, fill=fill, anchor=anchor, stroke_width=sw, stroke_fill=fill)
        elif kind == "line":
            _, x1, y1, x2, y2, w, color = op
            d.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=color, width=max(1, int(round(w * k))))
        elif kind in ("rect", "ellipse"):
            _, x, y, w, h, lw, color, fill = op
            box = [x * k, y * k, (x + w) * k, (y + h) * k]
            fn = d.rectangle if kind == "rect" else d.ellipse
            fn(box, outline=color, fill=fill, width=max(1, int(round(lw * k))) if color else 0)
        elif kind == "image":
            _, x, y, w, h, img = op
            sz = (max(1, int(round(w * k))), max(1, int(round(h * k))))
            sub = img.convert("RGBA").resize(sz, Image.LANCZOS)
            im.paste(sub, (int(round(x * k)), int(round(y * k))), sub)
            d = ImageDraw.Draw(im, "RGBA")
    return im


def pdf_text(pages: list, title="") -> bytes:
    """A real text PDF (reportlab); seals, signatures and photos are embedded images."""
    _rl_fonts()
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    mm = 72.0 / 25.4
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    if title:
        c.setTitle(title)
    for page in pages:
        H = page.h
        c.setPageSize((page.w * mm, page.h * mm))
        if tuple(page.bg) != (255, 255, 255):
            c.setFillColorRGB(*[v / 255 for v in page.bg])
            c.rect(0, 0, page.w * mm, page.h * mm, stroke=0, fill=1)
        for op in page.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, size, font, color, align, bold, alpha, angle = op
                c.saveState()
                c.setFillColorRGB(*[v / 255 for v in color])
                c.setStrokeColorRGB(*[v / 255 for v in color])
                c.setFillAlpha(alpha / 255)
                c.translate(x * mm, (H - y) * mm)
                if angle:
                    c.rotate(angle)
                t = c.beginText()
                t.setFont("c_" + font, size)
                w = c.stringWidth(s, "c_" + font, size)
                dx = {"l": 0, "c": -w / 2, "r": -w}[align]
                t.setTextOrigin(dx, 0)
                if bold:
                    t.setTextRenderMode(2)
                    c.setLineWidth(size * 0.035)
                t.textOut(s)
                c.drawText(t)
                c.restoreState()
            elif kind == "line":
                _, x1, y1, x2, y2, w, color = op
                c.setStrokeColorRGB(*[v / 255 for v in color])
                c.setLineWidth(w * mm)
                c.line(x1 * mm, (H - y1) * mm, x2 * mm, (H - y2) * mm)
            elif kind in ("rect", "ellipse"):
                _, x, y, w, h, lw, color, fill = op
                if fill:
                    c.setFillColorRGB(*[v / 255 for v in fill[:3]])
                    c.setFillAlpha(fill[3] / 255 if len(fill) > 3 else 1)
                if color:
                    c.setStrokeColorRGB(*[v / 255 for v in color[:3]])
                    c.setLineWidth(lw * mm)
                fn = c.rect if kind == "rect" else c.ellipse
                if kind == "rect":
                    c.rect(x * mm, (H - y - h) * mm, w * mm, h * mm, stroke=1 if color else 0, fill=1 if fill else 0)
                else:
                    c.ellipse(x * mm, (H - y - h) * mm, (x + w) * mm, (H - y) * mm, stroke=1 if color else 0,
                              fill=1 if fill else 0)
                c.setFillAlpha(1)
            elif kind == "image":
                _, x, y, w, h, img = op
                c.drawImage(ImageReader(img.convert("RGBA")), x * mm, (H - y - h) * mm, w * mm, h * mm, mask="auto")
        c.showPage()
    c.save()
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------
# seals, signatures, placeholders
RED = (214, 30, 36)


def seal(name: str, seed: int, kind: str = "round", size_mm: float = 40, bottom: str = "",
         color=RED, star=True) -> Image.Image:
    rng = np.random.default_rng(seed)
    s = 14  # px per mm
    if kind == "oval":
        a, b = size_mm / 2 * 1.25, size_mm / 2 * 0.85
    else:
        a = b = size_mm / 2
    W, H = int(2 * a * s) + 8, int(2 * b * s) + 8
    im = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    cx, cy = W / 2, H / 2
    lw = int(1.1 * s) if size_mm > 30 else int(0.8 * s)
    d.ellipse([cx - a * s, cy - b * s, cx + a * s, cy + b * s], outline=color + (255,), width=lw)
    if star and kind == "round":
        R = a * s * 0.3
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            r = R if i % 2 == 0 else R * 0.4
            pts.append((cx + r * math.cos(ang), cy + r * math.sin(ang)))
        d.polygon(pts, fill=color + (255,))
    # arc text
    n = len(name)
    span = 250 if kind == "round" else 200
    span = min(span, 22 * n + 20)
    fpx = int(min(a, b) * s * (0.36 if n < 12 else 0.3 if n < 17 else 0.25))
    f = pil_font("zen", fpx)
    ra, rb = a * s - lw - fpx * 0.62, b * s - lw - fpx * 0.62
    for i, ch in enumerate(name):
        th = 90 + span / 2 - (span * (i + 0.5) / n) if n > 1 else 90
        t = math.radians(th)
        px, py = cx + ra * math.cos(t), cy - rb * math.sin(t)
        ci = Image.new("RGBA", (fpx * 2, fpx * 2), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((fpx, fpx), ch, font=f, fill=color + (255,), anchor="mm")
        # squash horizontally like seal lettering
        ci = ci.resize((int(fpx * 1.6), fpx * 2)).rotate(th - 90, resample=Image.BICUBIC, expand=True)
        im.alpha_composite(ci, (int(px - ci.width / 2), int(py - ci.height / 2)))
    if bottom:
        bpx = int(min(fpx * 0.8, 1.25 * a * s / max(1, len(bottom))))
        bf = pil_font("zen", bpx)
        d.text((cx, cy + b * s * (0.55 if star and kind == "round" else 0.15)), bottom, font=bf, fill=color + (255,),
               anchor="mm")
    if kind != "round" and star:
        pass
    # uneven ink
    arr = np.array(im).astype(np.float32)
    small = rng.random((8, 8)).astype(np.float32)
    noise = cv2.resize(small, (W, H), interpolation=cv2.INTER_CUBIC)
    grain = rng.random((H, W)).astype(np.float32)
    mask = np.clip(0.55 + 0.45 * noise, 0.25, 1.0) * np.where(grain < 0.06, 0.35, 1.0)
    arr[..., 3] *= mask * 0.86
    out = Image.fromarray(arr.astype(np.uint8), "RGBA").filter(ImageFilter.GaussianBlur(0.9))
    out = out.rotate(float(rng.uniform(-14, 14)), resample=Image.BICUBIC, expand=True)
    return out


def seal_place(p: Page, x, y, name, seed, kind="round", size=40, bottom="", star=True):
    """Put a seal centred on (x, y)."""
    img = seal(name, seed, kind, size, bottom, star=star)
    w = img.width / 14.0
    h = img.height / 14.0
    p.image(x - w / 2, y - h / 2, w, h, img)


def signature(name: str, seed: int, color=None) -> Image.Image:
    rng = random.Random(seed)
    color = color or rng.choice([(22, 40, 140), (25, 25, 35), (10, 60, 160)])
    px = 90
    f = pil_font("kai", px)
    W = int(px * (len(name) + 1.6))
    im = Image.new("RGBA", (W, int(px * 1.8)), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    x = px * 0.3
    for ch in name:
        ci = Image.new("RGBA", (px * 2, px * 2), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((px, px), ch, font=f, fill=color + (255,), anchor="mm",
                                stroke_width=rng.choice([1, 2]), stroke_fill=color + (255,))
        ci = ci.rotate(rng.uniform(-12, 8), resample=Image.BICUBIC)
        sc = rng.uniform(0.85, 1.15)
        ci = ci.resize((int(ci.width * sc * rng.uniform(0.8, 1.0)), int(ci.height * sc)))
        im.alpha_composite(ci, (int(x - px * 0.35), int(px * 0.9 - ci.height / 2 + rng.uniform(-8, 8))))
        x += px * rng.uniform(0.62, 0.82) * sc
    # a flourish stroke
    pts = []
    x0 = px * 0.4 + rng.uniform(0, px)
    for i in range(12):
        t = i / 11
        pts.append((x0 + t * (x - x0 + px * 0.4), px * 1.35 + math.sin(t * math.pi * rng.uniform(1, 2.2)) * 10 - t * 18))
    d.line(pts, fill=color + (230,), width=3)
    # slant
    sh = rng.uniform(0.15, 0.35)
    im = im.transform(im.size, Image.AFFINE, (1, sh, -sh * im.height * 0.5, 0, 1, 0), resample=Image.BICUBIC)
    bbox = im.getbbox()
    return im.crop(bbox) if bbox else im


def sign_place(p: Page, x, y_base, name, seed, height=9.0):
    img = signature(name, seed)
    h = height
    w = img.width / img.height * h
    p.image(x, y_base - h * 0.8, w, h, img)


def photo_placeholder(w_px=300, h_px=380, seed=0, bg=(235, 240, 248)) -> Image.Image:
    rng = random.Random(seed)
    im = Image.new("RGBA", (w_px, h_px), bg + (255,))
    d = ImageDraw.Draw(im)
    tone = rng.choice([(80, 80, 90), (60, 55, 50), (95, 90, 100)])
    d.ellipse([w_px * 0.3, h_px * 0.16, w_px * 0.7, h_px * 0.58], fill=tone)
    d.ellipse([w_px * 0.08, h_px * 0.6, w_px * 0.92, h_px * 1.25], fill=tone)
    return im


def emblem(px=300) -> Image.Image:
    im = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([4, 4, px - 4, px - 4], fill=(200, 30, 30, 255), outline=(230, 180, 40, 255), width=px // 22)
    def star(cx, cy, R):
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            r = R if i % 2 == 0 else R * 0.4
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        d.polygon(pts, fill=(240, 200, 40, 255))
    star(px * 0.5, px * 0.36, px * 0.16)
    for i in range(4):
        star(px * (0.26 + i * 0.16), px * 0.62, px * 0.055)
    d.rectangle([px * 0.3, px * 0.74, px * 0.7, px * 0.8], fill=(240, 200, 40, 255))
    return im


def qr_placeholder(seed, px=210) -> Image.Image:
    rng = np.random.default_rng(seed)
    n = 25
    a = (rng.random((n, n)) < 0.5).astype(np.uint8)
    for (r, c) in [(0, 0), (0, n - 7), (n - 7, 0)]:
        a[r:r + 7, c:c + 7] = 1
        a[r + 1:r + 6, c + 1:c + 6] = 0
        a[r + 2:r + 5, c + 2:c + 5] = 1
    img = Image.fromarray((255 - a * 255).astype(np.uint8), "L").resize((px, px), Image.NEAREST)
    return img.convert("RGBA")


# ----------------------------------------------------------------------------------------------
# captures
def _rng(seed):
    return np.random.default_rng(seed)


def desk(w, h, rng, kind=None):
    """Desk background, float32 HxWx3; built at quarter resolution and upsampled."""
    kind = kind or rng.choice(["wood", "grey", "cloth", "dark"])
    base = {"wood": (150, 110, 72), "grey": (170, 172, 168), "cloth": (60, 85, 120), "dark": (55, 48, 44)}[kind]
    sw, sh = max(8, w // 4), max(8, h // 4)
    small = rng.random((6, 6)).astype(np.float32)
    low = cv2.resize(small, (sw, sh), interpolation=cv2.INTER_CUBIC)[..., None]
    img = np.array(base, np.float32)[None, None, :] * (0.8 + 0.35 * low)
    if kind == "wood":
        ys = np.arange(sh, dtype=np.float32)[:, None]
        xs = np.arange(sw, dtype=np.float32)[None, :]
        stripes = np.sin(ys / sh * 90 + np.sin(xs / sw * 6) * 3) * 10
        img = img + stripes[..., None]
    img = img + rng.standard_normal((sh, sw, 1), dtype=np.float32) * 4
    return cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)


def photo(page_img: Image.Image, seed: int, out=None, fill=0.78, persp=0.05, rot=0, low=False, blur=0.7,
          shadow=True, desk_kind=None) -> Image.Image:
    """The page photographed on a desk: perspective, paper shadow, light gradient, noise, blur."""
    rng = _rng(seed)
    h0, w0 = page_img.height, page_img.width
    if out is None:
        out = (1200, 1600) if h0 > w0 else (1600, 1200)
    W, H = out
    bg = desk(W, H, rng, desk_kind)
    sc = min(W * fill / w0, H * fill / h0)
    # pre-scale the page near its final size (faster warp, proper anti-aliasing)
    src_im = page_img.convert("RGB")
    if sc < 0.9:
        src_im = src_im.resize((max(1, int(w0 * sc * 1.1)), max(1, int(h0 * sc * 1.1))), Image.LANCZOS)
    src = np.asarray(src_im).astype(np.float32)
    h1, w1 = src.shape[:2]
    tw, th = w0 * sc, h0 * sc
    ox = (W - tw) / 2 + rng.uniform(-0.05, 0.05) * W
    oy = (H - th) / 2 + rng.uniform(-0.04, 0.04) * H
    j = persp * min(W, H)
    dst = np.float32([[ox, oy], [ox + tw, oy], [ox + tw, oy + th], [ox, oy + th]])
    dst += rng.uniform(-j, j, dst.shape).astype(np.float32)
    k = rng.uniform(0, persp) * tw
    dst[0, 0] += k
    dst[1, 0] -= k
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [w1, 0], [w1, h1], [0, h1]]), dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((h1, w1), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)
    # drop shadow of the paper (quarter resolution)
    q = cv2.resize(mask, (W // 4, H // 4), interpolation=cv2.INTER_AREA)
    q = cv2.GaussianBlur(q, (0, 0), 3)
    q = np.roll(q, (2, 3), (0, 1))
    sh = cv2.resize(q, (W, H), interpolation=cv2.INTER_LINEAR)
    light = np.ones((H // 8, W // 8), np.float32)
    if shadow:
        ys, xs = np.mgrid[0:H // 8, 0:W // 8].astype(np.float32)
        ang = rng.uniform(0, 2 * math.pi)
        g = np.cos(ang) * xs / (W / 8) + np.sin(ang) * ys / (H / 8)
        g = (g - g.min()) / (g.max() - g.min() + 1e-6)
        light = 0.72 + 0.3 * g
        if rng.random() < 0.5:
            cx, cy = rng.uniform(0.1, 0.9) * W / 8, rng.uniform(0.1, 0.9) * H / 8
            r = rng.uniform(0.15, 0.3) * max(W, H) / 8
            light = light * (1 - 0.25 * np.exp(-(((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * r * r))))
    if low:
        light = light * 0.55
    light = cv2.resize(light.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    m3 = mask[..., None]
    img = (bg * (1 - 0.35 * sh)[..., None]) * (1 - m3) + warped * m3
    img *= light[..., None]
    noise = rng.standard_normal((H, W, 1), dtype=np.float32) * (7.0 if low else 2.5)
    img += noise
    if low:
        img += np.array([0, 4, 14], np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    im = Image.fromarray(img, "RGB")
    if rot:
        im = im.rotate(rot, expand=True)
    return im


def scan(page_img: Image.Image, seed: int, gray=True, skew=1.0, speck=True) -> Image.Image:
    rng = _rng(seed)
    im = page_img.convert("L" if gray else "RGB")
    a = float(rng.uniform(-skew, skew))
    im = im.rotate(a, resample=Image.BICUBIC, expand=False, fillcolor=255 if gray else (255, 255, 255))
    arr = np.array(im).astype(np.float32)
    arr = arr * 0.92 + 8  # greyish paper
    arr = arr + rng.normal(0, 4, arr.shape)
    if speck:
        n = int(arr.shape[0] * arr.shape[1] / 9000)
        ys = rng.integers(0, arr.shape[0], n)
        xs = rng.integers(0, arr.shape[1], n)
        arr[ys, xs] = rng.uniform(20, 110, n) if arr.ndim == 2 else rng.uniform(20, 110, (n, 1))
    # darker edge band like a flatbed lid
    edge = int(arr.shape[1] * 0.012)
    arr[:, :edge] *= 0.6
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    arr = cv2.GaussianBlur(arr, (0, 0), 0.5)
    return Image.fromarray(arr)


def pdf_images(images: list, dpi=150) -> bytes:
    buf = io.BytesIO()
    ims = [i.convert("RGB") if i.mode not in ("L", "RGB") else i for i in images]
    ims[0].save(buf, "PDF", save_all=True, append_images=ims[1:], resolution=dpi,
                creationDate=time.strptime("2026-11-28 09:12:00", "%Y-%m-%d %H:%M:%S"),
                modDate=time.strptime("2026-11-28 09:12:00", "%Y-%m-%d %H:%M:%S"),
                producer="Scanner", title="scan")
    return buf.getvalue()


def encode(im: Image.Image, fmt: str, quality=85, exif_orient: int | None = None, big=None) -> bytes:
    """fmt: jpg, png, webp, heic.  exif_orient=6/8/3: pixels are stored rotated, tag says how to show."""
    if big:
        im = im.resize(big, Image.LANCZOS)
    exif = None
    if fmt in ("jpg", "heic"):
        exif = Image.Exif()
        exif[0x010F] = "Apple" if fmt == "heic" else "HUAWEI"
        exif[0x0110] = "iPhone 13" if fmt == "heic" else "ELS-AN00"
        exif[0x0132] = "2026:11:28 19:42:10"
        if exif_orient:
            # store the pixels so that applying the orientation gives the upright image back
            im = {6: im.transpose(Image.ROTATE_90), 8: im.transpose(Image.ROTATE_270),
                  3: im.transpose(Image.ROTATE_180)}[exif_orient]
            exif[0x0112] = exif_orient
    buf = io.BytesIO()
    if fmt == "jpg":
        im.convert("RGB").save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    elif fmt == "png":
        im.save(buf, "PNG", optimize=False)
    elif fmt == "webp":
        im.convert("RGB").save(buf, "WEBP", quality=quality, method=4)
    elif fmt == "heic":
        import pillow_heif
        pillow_heif.register_heif_opener()
        im.convert("RGB").save(buf, "HEIF", quality=quality, exif=exif.tobytes(), enc_params={"preset": "ultrafast"})
    else:
        raise ValueError(fmt)
    return buf.getvalue()


def screenshot(content: Image.Image, seed: int, title="文件预览", app_color=(255, 255, 255)) -> Image.Image:
    """A phone screenshot (1170 wide) with status bar and an app title bar around the content."""
    W = 1170
    c = content.convert("RGB")
    ch = int(c.height * (W - 40) / c.width)
    c = c.resize((W - 40, ch), Image.LANCZOS)
    H = max(2532, ch + 420)
    im = Image.new("RGB", (W, H), (242, 242, 246))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W, 150], fill=app_color)
    d.text((70, 70), "19:42", font=pil_font("hei", 44), fill=(0, 0, 0), anchor="lm")
    d.rectangle([W - 150, 52, W - 80, 88], outline=(0, 0, 0), width=3)
    d.rectangle([W - 146, 56, W - 100, 84], fill=(0, 0, 0))
    d.text((W // 2, 210), title, font=pil_font("hei", 50), fill=(0, 0, 0), anchor="mm")
    d.text((50, 210), "‹", font=pil_font("hei", 80), fill=(0, 0, 0), anchor="lm")
    d.line([(0, 270), (W, 270)], fill=(210, 210, 215), width=2)
    im.paste(c, (20, 300))
    d.rounded_rectangle([W // 2 - 140, H - 40, W // 2 + 140, H - 30], radius=5, fill=(30, 30, 30))
    return im


def sheet_of(images: list, seed: int, layout="v", note: str | None = None, note_sig: str | None = None,
             card=False) -> Page:
    """A4 photocopy sheet holding several images (ID card sides, contract pages…)."""
    rng = random.Random(seed)
    p = Page(210, 297)
    n = len(images)
    if card:
        # real size cards, two per row or stacked
        cw, chh = 85.6, 54
        if layout == "v":
            pos = [(62, 40 + i * 70) for i in range(n)]
        else:
            pos = [(15 + (i % 2) * 97, 40 + (i // 2) * 70) for i in range(n)]
        for (x, y), img in zip(pos, images):
            p.image(x + rng.uniform(-2, 2), y + rng.uniform(-2, 2), cw, chh, img)
        ylast = pos[-1][1] + 70
    else:
        if layout == "h":  # side by side on a landscape sheet
            p = Page(297, 210)
            w = 130
            for i, img in enumerate(images):
                h = w * img.height / img.width
                p.image(12 + i * 142, 10, w, h, img)
            ylast = 200
        else:
            y = 10
            for img in images:
                w = 180
                h = w * img.height / img.width
                p.image(15, y, w, h, img)
                y += h + 8
            ylast = y
    if note:
        p.text(40, min(ylast + 10, p.h - 25), note, 15, "kai", (30, 40, 130))
        if note_sig:
            sign_place(p, 120, min(ylast + 24, p.h - 10), note_sig, seed + 3, 11)
    return p


# ----------------------------------------------------------------------------------------------
# people and identifiers
def make_id(region: str, birth: str, seq: str) -> str:
    f = region + birth + seq
    n = f + ric.calc_check_digit(f + "0")
    assert ric.is_valid(n), n
    return n


def bad_check(n: str) -> str:
    digits = "0123456789X"
    c = digits[(digits.index(n[-1]) + 3) % 11]
    assert not ric.is_valid(n[:-1] + c)
    return n[:-1] + c


def make_uscc(body16: str) -> str:
    n = body16 + uscc.calc_check_digit(body16 + "0")
    assert uscc.is_valid(n), n
    return n


@dataclass
class Person:
    name: str
    sex: str
    birth: datetime.date
    addr: str
    region: str
    seq: str
    issuer: str = "嘉兴市公安局南湖区分局"
    valid: tuple = ("2018.05.12", "2038.05.12")
    nation: str = "汉"

    @property
    def id(self):
        return make_id(self.region, self.birth.strftime("%Y%m%d"), self.seq)


def D(s):
    return datetime.date.fromisoformat(s)


def cn_date(d: datetime.date, style=0) -> str:
    if style == 1:
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == 2:
        return f"{d.year}-{d.month:02d}-{d.day:02d}"
    if style == 3:
        up = "〇一二三四五六七八九"
        def num(n):
            if n < 10:
                return up[n]
            if n < 20:
                return "十" + (up[n % 10] if n % 10 else "")
            return up[n // 10] + "十" + (up[n % 10] if n % 10 else "")
        return "".join(up[int(c)] for c in str(d.year)) + "年" + num(d.month) + "月" + num(d.day) + "日"
    return f"{d.year}年{d.month}月{d.day}日"


# ----------------------------------------------------------------------------------------------
# document templates (each returns a Page or a list of Pages)
def id_front(p: Person, seed=0) -> Page:
    pg = Page(85.6, 54, (236, 242, 246))
    rng = random.Random(seed)
    # faint guilloche pattern
    for i in range(14):
        pg.ellipse(20 + i * 2.2, -10 + i * 1.3, 70 - i * 3, 60 - i * 2.5, 0.12, (200, 214, 226))
    lab = (60, 110, 160)
    val = (15, 15, 20)
    pg.text(6, 10, "姓  名", 6.2, "hei", lab)
    pg.text(18, 10.3, p.name, 9.2, "hei", val)
    pg.text(6, 17, "性  别", 6.2, "hei", lab)
    pg.text(18, 17, p.sex, 7.6, "hei", val)
    pg.text(30, 17, "民  族", 6.2, "hei", lab)
    pg.text(41, 17, p.nation, 7.6, "hei", val)
    pg.text(6, 23.5, "出  生", 6.2, "hei", lab)
    pg.text(18, 23.5, f"{p.birth.year}", 7.6, "hei", val)
    pg.text(28, 23.5, "年", 6.2, "hei", lab)
    pg.text(32.5, 23.5, f"{p.birth.month}", 7.6, "hei", val)
    pg.text(36.5, 23.5, "月", 6.2, "hei", lab)
    pg.text(41, 23.5, f"{p.birth.day}", 7.6, "hei", val)
    pg.text(45.5, 23.5, "日", 6.2, "hei", lab)
    pg.text(6, 30, "住  址", 6.2, "hei", lab)
    a = p.addr
    lines = [a[i:i + 11] for i in range(0, len(a), 11)]
    for i, ln in enumerate(lines[:3]):
        pg.text(18, 30 + i * 4.2, ln, 7.4, "hei", val)
    pg.text(6, 47.5, "公民身份号码", 6.2, "hei", lab)
    pg.text(27, 47.7, p.id, 9.6, "sans", val)
    pg.image(58, 7, 23, 29, photo_placeholder(230, 290, seed, (236, 242, 246)))
    return pg


def id_back(p: Person, seed=0) -> Page:
    pg = Page(85.6, 54, (240, 238, 232))
    for i in range(12):
        pg.ellipse(10 + i * 3, 5 + i * 1.0, 75 - i * 4, 50 - i * 2.5, 0.12, (222, 210, 200))
    pg.image(6, 5, 16, 16, emblem(200))
    pg.text(50, 13, "中华人民共和国", 10.5, "zen", (20, 20, 20), "c", True)
    pg.text(50, 25, "居 民 身 份 证", 15, "zen", (20, 20, 20), "c", True)
    pg.text(13, 40, "签发机关", 6.2, "hei", (60, 60, 60))
    pg.text(28, 40, p.issuer, 7.4, "hei")
    pg.text(13, 47, "有效期限", 6.2, "hei", (60, 60, 60))
    pg.text(28, 47, f"{p.valid[0]}-{p.valid[1]}", 7.4, "hei")
    return pg


def card_img(page: Page, dpi=300) -> Image.Image:
    """Render a card with rounded corners (transparent outside)."""
    im = render(page, dpi).convert("RGBA")
    m = Image.new("L", im.size, 0)
    ImageDraw.Draw(m).rounded_rectangle([0, 0, im.width - 1, im.height - 1], radius=int(im.width * 0.04), fill=255)
    im.putalpha(m)
    return im


def id_copy_sheet(people_sides: list, seed: int, note=None, note_sig=None, layout="v", watermark=None) -> Page:
    """people_sides: list of (Person, 'front'|'back')."""
    imgs = [card_img(id_front(pp, seed + i) if side == "front" else id_back(pp, seed + i))
            for i, (pp, side) in enumerate(people_sides)]
    pg = sheet_of(imgs, seed, layout, note, note_sig, card=True)
    if watermark:
        pg.watermark(watermark, 18, (90, 90, 90), 55, 25, (80, 45))
    return pg


def card_on_white(page: Page) -> Image.Image:
    """A card photographed alone: render with a small white margin so the desk shows around it."""
    return render(page, 300)


# --- 户口簿 -------------------------------------------------------------------------------------
def hukou_home(head: Person, huhao: str, addr: str, seed: int, sealed=True) -> Page:
    pg = Page(143, 105, (250, 247, 240))
    pg.rect(5, 5, 133, 95, 0.5, (120, 100, 80))
    pg.text(71.5, 16, "居 民 户 口 簿", 15, "ming", (40, 30, 20), "c", True)
    cols = [24, 40, 22, 37]
    rows = [11, 11, 22, 11, 11]
    x0, y0 = 10, 22
    pg.grid(x0, y0, cols, rows, 0.35, (90, 70, 60))
    cell = lambda ci, ri: (x0 + sum(cols[:ci]) + 2, y0 + sum(rows[:ri]) + rows[ri] / 2 + 1.5)
    for (ci, ri, t) in [(0, 0, "户  别"), (2, 0, "户主姓名"), (0, 1, "户  号"), (2, 1, "登记日期"), (0, 2, "住  址"),
                        (0, 3, "户口登记机关"), (0, 4, "承办人签章")]:
        x, y = cell(ci, ri)
        pg.text(x, y, t, 8, "ming", (90, 60, 40))
    pg.text(*cell(1, 0), "家庭户", 9, "kai")
    pg.text(*cell(3, 0), head.name, 9, "kai")
    pg.text(*cell(1, 1), huhao, 9, "kai")
    pg.text(*cell(3, 1), "2019年06月03日", 8.5, "kai")
    pg.para(x0 + cols[0] + 2, y0 + 22 + 8, 95, addr, 9, "kai", 1.5, 0)
    pg.text(*cell(1, 3), "嘉兴市公安局南湖区分局东栅派出所", 7.5, "kai")
    pg.text(*cell(1, 4), "章", 9, "kai")
    if sealed:
        seal_place(pg, 110, 76, "嘉兴市公安局南湖区分局东栅派出所", seed, "round", 30, "户口专用章")
    return pg


def hukou_card(pp: Person, rel: str, seed: int, sealed=True, birthplace="浙江省嘉兴市", edu="大学本科",
               work="", marital="已婚", moved="") -> Page:
    pg = Page(143, 105, (250, 248, 243))
    pg.text(71.5, 11, "常住人口登记卡", 13, "ming", (30, 30, 30), "c", True)
    x0, y0 = 6, 15
    cols = [20, 36, 20, 30, 25]
    rows = [8.5] * 9 + [10]
    pg.grid(x0, y0, cols, rows, 0.3, (70, 70, 70))
    def put(ci, ri, s, f="ming", sz=6.8, col=(60, 60, 60)):
        pg.text(x0 + sum(cols[:ci]) + 1.5, y0 + sum(rows[:ri]) + rows[ri] / 2 + 1.3, s, sz, f, col)
    labels = [("姓名", "户主或与户主关系"), ("曾用名", "性别"), ("出生地", "民族"), ("籍贯", "出生日期"),
              ("本市（县）其他住址", "宗教信仰"), ("公民身份号码", "身高"), ("文化程度", "婚姻状况"),
              ("服务处所", "职业"), ("何时由何地迁来本市", "兵役状况"), ("何时由何地迁来本址", "登记日期")]
    vals = [(pp.name, rel), ("", pp.sex), (birthplace, pp.nation + "族"), (birthplace[:3], cn_date(pp.birth)),
            ("", ""), (pp.id, ""), (edu, marital), (work, ""), (moved, ""), (moved, "2019年06月03日")]
    for ri, ((l1, l2), (v1, v2)) in enumerate(zip(labels, vals)):
        put(0, ri, l1, sz=5.8 if len(l1) > 4 else 6.8)
        put(1, ri, v1, "kai", 8 if ri != 5 else 7.4, (15, 15, 15))
        put(2, ri, l2, sz=5.6 if len(l2) > 4 else 6.8)
        put(3, ri, v2, "kai", 7.8, (15, 15, 15))
    pg.text(x0 + 108, y0 + 8, "承办人签章：", 6.5, "ming")
    pg.text(x0 + 112, y0 + 18, "王", 10, "kai", (170, 30, 30))
    if sealed:
        seal_place(pg, 122, 80, "嘉兴市公安局南湖区分局东栅派出所", seed + 1, "round", 26, "户口专用章")
    return pg


# --- 出生医学证明 --------------------------------------------------------------------------------
def birth_cert(baby: dict, mother: Person, father: Person, seed: int, sealed=True) -> Page:
    pg = Page(240, 170, (246, 250, 244))
    g = (70, 120, 90)
    pg.watermark("出生医学证明", 22, (150, 190, 165), 24, 0, (80, 38))
    pg.rect(6, 6, 228, 158, 1.2, g)
    pg.rect(9, 9, 222, 152, 0.3, g)
    for (x, y) in [(9, 9), (223, 9), (9, 153), (223, 153)]:
        pg.ellipse(x - 2, y - 2, 12, 12, 0.4, g)
    pg.text(120, 24, "出 生 医 学 证 明", 20, "zen", (30, 80, 50), "c", True)
    pg.text(120, 31, "BIRTH CERTIFICATE", 9, "serif", (30, 80, 50), "c")
    pg.text(218, 18, "编号 No.", 7, "hei", g, "r")
    pg.text(218, 24, baby["no"], 10, "serif", (170, 30, 30), "r")
    L = (60, 90, 70)
    V = (10, 10, 10)
    y = 44
    rowsx = [
        [("新生儿姓名", "Name", baby["name"], 20), ("性别", "Sex", baby["sex"], 120), ("出生孕周", "Gestational Age", baby["weeks"], 165)],
        [("出生时间", "Date of Birth", baby["time"], 20), ("出生体重", "Birth Weight", baby["weight"], 120), ("出生身长", "Birth Length", baby["length"], 165)],
        [("出生地点", "Place of Birth", "浙江省嘉兴市南湖区", 20), ("医疗机构名称", "Institution", baby["hospital"], 120)],
    ]
    for row in rowsx:
        for (zh, en, v, x) in row:
            pg.text(x, y, zh, 8.5, "hei", L)
            pg.text(x, y + 4, en, 5.5, "serif", L)
            pg.text(x + text_mm(zh, 8.5, "hei") + 3, y + 1, v, 10, "kai", V)
        y += 14
    for who, pp in [("母亲", mother), ("父亲", father)]:
        eng = "Mother" if who == "母亲" else "Father"
        pg.line(20, y - 6, 220, y - 6, 0.2, g)
        pg.text(20, y, f"{who}姓名", 8.5, "hei", L)
        pg.text(20, y + 4, f"{eng}'s Name", 5.5, "serif", L)
        pg.text(38, y + 1, pp.name, 10, "kai", V)
        pg.text(65, y, "年龄", 8.5, "hei", L)
        pg.text(65, y + 4, "Age", 5.5, "serif", L)
        pg.text(74, y + 1, str(2026 - pp.birth.year - (1 if (pp.birth.month, pp.birth.day) > (11, 10) else 0)), 10, "kai", V)
        pg.text(85, y, "国籍", 8.5, "hei", L)
        pg.text(85, y + 4, "Nationality", 5.5, "serif", L)
        pg.text(95, y + 1, "中国", 10, "kai", V)
        pg.text(110, y, "民族", 8.5, "hei", L)
        pg.text(110, y + 4, "Ethnicity", 5.5, "serif", L)
        pg.text(120, y + 1, "汉", 10, "kai", V)
        pg.text(132, y, "有效身份证件号码", 8.5, "hei", L)
        pg.text(132, y + 4, "ID No.", 5.5, "serif", L)
        pg.text(160, y + 1, pp.id, 10, "sans", V)
        y += 14
    pg.line(20, y - 6, 220, y - 6, 0.2, g)
    pg.text(20, y + 4, "签发日期 Date of Issue", 8.5, "hei", L)
    pg.text(62, y + 5, baby["issued"], 10, "kai", V)
    pg.text(150, y + 4, "签证机构（盖章） Issued by", 8.5, "hei", L)
    if sealed:
        seal_place(pg, 190, y + 2, baby["hospital"], seed, "round", 38, "出生医学证明专用章")
    pg.text(120, 162, "国家卫生健康委员会监制", 6.5, "ming", g, "c")
    return pg


# --- 结婚证 -------------------------------------------------------------------------------------
def marriage_cert(h: Person, w: Person, date: datetime.date, no: str, seed: int) -> Page:
    pg = Page(180, 125, (252, 240, 236))
    pg.line(90, 0, 90, 125, 0.6, (220, 190, 185))
    r = (175, 40, 40)
    pg.text(45, 20, "结 婚 证", 16, "ming", r, "c", True)
    pg.text(12, 38, "持证人", 8.5, "ming", (110, 70, 70))
    pg.text(32, 38, w.name, 11, "kai")
    pg.text(12, 50, "登记日期", 8.5, "ming", (110, 70, 70))
    pg.text(32, 50, cn_date(date), 11, "kai")
    pg.text(12, 62, "结婚证字号", 8.5, "ming", (110, 70, 70))
    pg.text(32, 62, no, 10, "sans")
    pg.text(12, 74, "备注", 8.5, "ming", (110, 70, 70))
    pg.para(12, 92, 70, "申请结婚，经审查符合《中华人民共和国民法典》关于结婚的规定，予以登记，发给此证。", 7.5, "ming", 1.5, 2,
            (80, 50, 50))
    pg.text(45, 118, "中华人民共和国民政部监制", 6, "ming", (150, 90, 90), "c")
    pg.image(110, 10, 55, 38, photo_placeholder(550, 380, seed, (200, 40, 40)))
    seal_place(pg, 158, 40, "嘉兴市南湖区民政局", seed, "round", 26, "婚姻登记专用章")
    y = 62
    for pp in (h, w):
        pg.text(98, y, "姓名", 7.5, "ming", (110, 70, 70))
        pg.text(110, y, pp.name, 10, "kai")
        pg.text(135, y, "性别", 7.5, "ming", (110, 70, 70))
        pg.text(145, y, pp.sex, 10, "kai")
        pg.text(98, y + 7, "国籍", 7.5, "ming", (110, 70, 70))
        pg.text(110, y + 7, "中国", 10, "kai")
        pg.text(135, y + 7, "出生日期", 7.5, "ming", (110, 70, 70))
        pg.text(150, y + 7, pp.birth.strftime("%Y-%m-%d"), 8, "sans")
        pg.text(98, y + 14, "身份证件号", 7.5, "ming", (110, 70, 70))
        pg.text(117, y + 14, pp.id, 8.5, "sans")
        y += 26
    return pg


def premarital_exam(h: Person, w: Person, seed: int) -> Page:
    pg = Page(210, 148, (255, 255, 255))
    pg.text(105, 18, "婚前医学检查证明", 16, "hei", (20, 20, 20), "c", True)
    pg.text(190, 28, "编号：HQ2019-0517", 8, "ming", (60, 60, 60), "r")
    y = 42
    for pp in (h, w):
        pg.text(20, y, f"姓名：{pp.name}    性别：{pp.sex}    出生日期：{cn_date(pp.birth)}    身份证号：{pp.id}", 9, "ming")
        y += 10
    y = pg.para(20, y + 4, 170, "经婚前医学检查，双方未发现医学上不宜结婚的情形。医学意见：建议可以结婚。", 10, "ming")
    pg.text(20, y + 8, "主检医师：", 9, "ming")
    sign_place(pg, 40, y + 8, "陆文娟", seed, 8)
    pg.text(120, y + 16, "嘉兴市南湖区妇幼保健院", 9, "ming")
    pg.text(120, y + 24, "2019年5月17日", 9, "ming")
    seal_place(pg, 140, y + 14, "嘉兴市南湖区妇幼保健院", seed, "round", 32, "婚检专用章")
    return pg


# --- 情况说明 (handwritten on lined paper) ------------------------------------------------------
def late_statement(baby: dict, father: Person, mother: Person, reason: str, date, seed: int, signed=True) -> Page:
    pg = Page(185, 260, (255, 253, 246))
    for i in range(26):
        pg.line(12, 30 + i * 8.6, 173, 30 + i * 8.6, 0.15, (170, 190, 215))
    pg.line(24, 0, 24, 260, 0.2, (230, 150, 150))
    ink = (25, 40, 120)
    pg.text(92, 24, "关于未按时申报出生登记的情况说明", 15, "kai", ink, "c")
    body = (f"东栅派出所：\n我叫{father.name}，公民身份号码{father.id}，妻子{mother.name}。我们的孩子{baby['name']}于"
            f"{baby['date_cn']}在{baby['hospital']}出生，出生医学证明编号{baby['no']}。{reason}未能在出生后一个月内申报出生登记，"
            "现申请为孩子办理出生登记，随父落户。以上情况属实，如有虚假，本人愿意承担相应法律责任。\n特此说明。")
    y = pg.para(26, 37.5, 145, body, 12.5, "kai", 1.93, 2, ink)
    pg.text(100, y + 12, "说明人（签名）：", 12.5, "kai", ink)
    if signed:
        sign_place(pg, 140, y + 13, father.name, seed, 11)
    if date:
        pg.text(115, y + 30, cn_date(date), 12.5, "kai", ink)
    return pg


# --- 离婚证? no.  selfie / menu / receipt (irrelevant) ------------------------------------------
def menu(seed: int) -> Page:
    pg = Page(150, 210, (38, 30, 26))
    pg.text(75, 25, "老街面馆 · 今日菜单", 17, "zen", (240, 210, 150), "c", True)
    items = [("片儿川", 22), ("雪菜肉丝面", 18), ("虾爆鳝面", 38), ("大排面", 24), ("葱油拌面", 14), ("小馄饨", 12),
             ("粽子（鲜肉）", 8), ("酸梅汤", 6)]
    y = 45
    for n, pr in items:
        pg.text(20, y, n, 13, "hei", (240, 235, 225))
        pg.text(130, y, f"¥{pr}", 13, "hei", (240, 210, 150), "r")
        pg.line(20, y + 3, 130, y + 3, 0.2, (90, 80, 70))
        y += 17
    pg.text(75, 195, "扫码点餐 · 加面 3 元", 9, "hei", (200, 190, 170), "c")
    return pg


def receipt(seed: int, title="联华超市（南湖店）", lines=None) -> Page:
    rng = random.Random(seed)
    lines = lines or [("农夫山泉550ml", 2.0), ("光明纯牛奶", 5.5), ("卷纸10卷", 26.9), ("鸡蛋15枚", 13.8), ("垃圾袋", 7.9)]
    pg = Page(80, 150, (250, 250, 247))
    pg.text(40, 12, title, 10, "hei", (20, 20, 20), "c", True)
    pg.text(5, 20, f"单号：{rng.randint(10**9, 10**10)}", 6.5, "hei")
    pg.text(5, 25, "时间：2026-11-26 18:31:07", 6.5, "hei")
    pg.line(5, 28, 75, 28, 0.2)
    y = 34
    tot = 0
    for n, pr in lines:
        pg.text(5, y, n, 7, "hei")
        pg.text(75, y, f"{pr:.2f}", 7, "sans", (20, 20, 20), "r")
        tot += pr
        y += 6
    pg.line(5, y, 75, y, 0.2)
    pg.text(5, y + 7, "合计", 8, "hei", (20, 20, 20), "l", True)
    pg.text(75, y + 7, f"{tot:.2f}", 8, "sans", (20, 20, 20), "r")
    pg.text(5, y + 14, "支付方式：微信支付", 6.5, "hei")
    pg.text(40, y + 26, "谢谢惠顾 欢迎再次光临", 7, "hei", (20, 20, 20), "c")
    return pg


def no_text_image(seed: int, size=(1200, 1600)) -> Image.Image:
    """Selfie-like picture: a blurred face-ish shape against a room, no text."""
    rng = _rng(seed)
    W, H = size
    img = desk(W, H, rng, "grey")
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(H * 0.55), W, H], fill=(90, 70, 60))
    d.ellipse([W * 0.3, H * 0.18, W * 0.7, H * 0.6], fill=(222, 186, 160))
    d.ellipse([W * 0.28, H * 0.12, W * 0.72, H * 0.34], fill=(40, 30, 25))
    d.ellipse([W * 0.15, H * 0.6, W * 0.85, H * 1.2], fill=(60, 90, 140))
    d.ellipse([W * 0.4, H * 0.36, W * 0.45, H * 0.39], fill=(50, 40, 40))
    d.ellipse([W * 0.55, H * 0.36, W * 0.6, H * 0.39], fill=(50, 40, 40))
    return im.filter(ImageFilter.GaussianBlur(6))


# --- company documents ---------------------------------------------------------------------------
def company_application(co: dict, lr: Person, lr_id_printed: str, date, seed: int, signed=True) -> list:
    p1 = Page(210, 297)
    shade = (232, 236, 242)
    p1.text(105, 22, "公司登记（备案）申请书", 17, "hei", (10, 10, 10), "c", True)
    p1.text(105, 29, "Application for Company Registration (Filing)", 8, "serif", (90, 90, 90), "c")
    p1.text(20, 40, "□基本信息（必填项）", 10, "hei", (10, 10, 10), "l", True)
    rows = [("名    称", co["name"]), ("名称预先核准文号/统一社会信用代码", co["uscc"]),
            ("住    所", co["addr"]), ("生产经营地", co["addr"]), ("联系电话", co["phone"]), ("邮政编码", "314001"),
            ("法定代表人姓名", lr.name), ("注册资本", co["capital"]), ("公司类型", "有限责任公司（自然人投资或控股）"),
            ("设立方式", "☑发起设立"), ("经营范围", co["scope"]), ("经营期限", "☑长期"), ("申请执照副本数量", "1 个")]
    x0, y = 20, 45
    for lab, val in rows:
        h = 16 if lab == "经营范围" else 9.5
        p1.rect(x0, y, 55, h, 0.35, (30, 30, 30), shade)
        p1.rect(x0 + 55, y, 115, h, 0.35, (30, 30, 30))
        p1.text(x0 + 2, y + h / 2 + 1.4, lab, 8 if len(lab) < 12 else 6.5, "hei")
        if lab == "经营范围":
            p1.para(x0 + 57, y + 5, 110, val, 7.5, "ming", 1.45, 0)
        else:
            p1.text(x0 + 57, y + h / 2 + 1.5, val, 9, "ming")
        y += h
    p1.text(20, y + 10, "□法定代表人信息", 10, "hei", (10, 10, 10), "l", True)
    y += 14
    for lab, val in [("姓    名", lr.name), ("身份证件类型", "中华人民共和国居民身份证"), ("身份证件号码", lr_id_printed),
                     ("移动电话", co["phone"]), ("电子邮箱", co["mail"])]:
        p1.rect(x0, y, 55, 9.5, 0.35, (30, 30, 30), shade)
        p1.rect(x0 + 55, y, 115, 9.5, 0.35, (30, 30, 30))
        p1.text(x0 + 2, y + 6.2, lab, 8, "hei")
        p1.text(x0 + 57, y + 6.3, val, 9, "sans" if lab == "身份证件号码" else "ming")
        y += 9.5
    p1.text(105, 287, "第 1 页 共 2 页", 7, "ming", (90, 90, 90), "c")
    p2 = Page(210, 297)
    p2.text(20, 25, "□申请人声明", 10, "hei", (10, 10, 10), "l", True)
    p2.rect(20, 30, 170, 120, 0.35)
    p2.para(24, 40, 162, "本公司依照《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》申请登记、备案，"
            "提交材料真实有效。通过联络员登录企业信用信息公示系统向登记机关报送、向社会公示的企业信息为本企业提供、发布的信息，"
            "信息真实、有效。谨此对真实性承担责任。", 9.5, "ming", 1.8)
    p2.text(30, 115, "法定代表人签字：", 10, "hei")
    p2.line(62, 116, 120, 116, 0.3)
    if signed:
        sign_place(p2, 66, 115, lr.name, seed, 10)
    p2.text(130, 115, "公司盖章", 10, "hei")
    p2.text(130, 135, cn_date(date), 10, "ming")
    p2.text(20, 165, "注：1. 本申请书适用于有限责任公司、股份有限公司设立登记。", 7.5, "ming", (80, 80, 80))
    p2.text(20, 171, "    2. 申请书应当使用A4纸，依法向社会公示的信息以外，其他信息仅用于登记。", 7.5, "ming", (80, 80, 80))
    p2.text(105, 287, "第 2 页 共 2 页", 7, "ming", (90, 90, 90), "c")
    return [p1, p2]


def articles(co: dict, holders: list, date, seed: int, unsigned: set = frozenset(), pages=4) -> list:
    chapters = [
        ("第一章 总则", ["依据《中华人民共和国公司法》（以下简称《公司法》）及其他有关法律、行政法规的规定，由" +
                      "、".join(h[0].name for h in holders) + "共同出资，设立" + co["name"] + "（以下简称公司），特制定本章程。",
                      "公司名称：" + co["name"] + "。", "公司住所：" + co["addr"] + "。",
                      "公司经营范围：" + co["scope"]]),
        ("第二章 注册资本及股东出资", ["公司注册资本：" + co["capital"] + "。"] +
         [f"股东{h[0].name}，以货币认缴出资{h[1]}万元，于2046年12月31日前缴足。" for h in holders]),
        ("第三章 公司的机构及其产生办法、职权、议事规则", [
            "股东会由全体股东组成，是公司的权力机构，行使《公司法》规定的职权。",
            "股东会的首次会议由出资最多的股东召集和主持。股东会会议由股东按照出资比例行使表决权。",
            "公司不设董事会，设董事一人，由股东会选举产生，董事任期三年，任期届满，可连选连任。",
            "公司设经理，由董事决定聘任或者解聘。公司不设监事会，设监事一人，由股东会选举产生。",
            "公司的法定代表人由董事担任。担任法定代表人的董事辞任的，视为同时辞去法定代表人。",
            "股东会行使下列职权：（一）选举和更换董事、监事，决定有关董事、监事的报酬事项；（二）审议批准董事的报告；"
            "（三）审议批准监事的报告；（四）审议批准公司的利润分配方案和弥补亏损方案；（五）对公司增加或者减少注册资本作出决议；"
            "（六）对发行公司债券作出决议；（七）对公司合并、分立、解散、清算或者变更公司形式作出决议；（八）修改公司章程。",
            "股东会会议分为定期会议和临时会议。定期会议每年召开一次。代表十分之一以上表决权的股东、董事、监事提议召开临时会议的，应当召开临时会议。",
            "召开股东会会议，应当于会议召开十五日前通知全体股东。股东会应当对所议事项的决定作成会议记录，出席会议的股东应当在会议记录上签名。",
            "董事对股东会负责，行使下列职权：召集股东会会议，并向股东会报告工作；执行股东会的决议；决定公司的经营计划和投资方案；"
            "制订公司的利润分配方案和弥补亏损方案；决定公司内部管理机构的设置；制定公司的基本管理制度。",
            "监事行使下列职权：检查公司财务；对董事、高级管理人员执行职务的行为进行监督；提议召开临时股东会会议；向股东会会议提出提案。"]),
        ("第四章 股权转让", ["股东之间可以相互转让其全部或者部分股权。",
                         "股东向股东以外的人转让股权的，应当将股权转让的数量、价格、支付方式和期限等事项书面通知其他股东，其他股东在同等条件下有优先购买权。"]),
        ("第五章 财务、会计、利润分配及劳动用工制度", ["公司应当依照法律、行政法规和国务院财政部门的规定建立本公司的财务、会计制度。",
                                          "公司利润分配按照《公司法》及有关法律、法规，国务院财政主管部门的规定执行。"]),
        ("第六章 公司的解散事由与清算办法", ["公司的营业期限为长期，自公司营业执照签发之日起计算。",
                                   "公司有下列情形之一的，经依法清算后解散：股东会决议解散；依法被吊销营业执照、责令关闭或者被撤销；人民法院依法予以解散。"]),
        ("第七章 附则", ["公司登记事项以公司登记机关核定的为准。", "本章程一式三份，股东各留存一份，公司留存一份。"]),
    ]
    pgs = []
    n = 0
    per = max(1, math.ceil(len(chapters) / (pages - 0.5)))
    cur = Page(210, 297)
    cur.text(105, 28, co["name"], 14, "ming", (10, 10, 10), "c", True)
    cur.text(105, 38, "章  程", 16, "ming", (10, 10, 10), "c", True)
    y = 52
    art = 1
    cnums = "一二三四五六七八九十"
    def an(i):
        if i <= 10:
            return cnums[i - 1]
        if i < 20:
            return "十" + (cnums[i - 11] if i > 10 and i % 10 else "")
        return cnums[i // 10 - 1] + "十" + (cnums[i % 10 - 1] if i % 10 else "")
    for ci, (title, arts) in enumerate(chapters):
        if y > 240 or ci == 4:
            pgs.append(cur)
            cur = Page(210, 297)
            y = 25
        cur.text(105, y, title, 11, "hei", (10, 10, 10), "c", True)
        y += 9
        for a in arts:
            y = cur.para(22, y, 166, f"第{an(art)}条  " + a, 10.5, "ming", 1.8, 2) + 2.5
            art += 1
            if y > 262:
                pgs.append(cur)
                cur = Page(210, 297)
                y = 25
    y += 8
    if y > 215:
        pgs.append(cur)
        cur = Page(210, 297)
        y = 30
    cur.text(22, y, "全体股东签字：", 10.5, "hei", (10, 10, 10), "l", True)
    y += 14
    for i, (h, amt) in enumerate(holders):
        cur.text(35, y, f"股东：{h.name}", 10, "ming")
        cur.text(85, y, "（签字）", 10, "ming")
        cur.line(102, y + 1, 150, y + 1, 0.3)
        if h.name not in unsigned:
            sign_place(cur, 106, y, h.name, seed + i, 10)
        y += 16
    cur.text(120, y + 6, cn_date(date), 10, "ming")
    pgs.append(cur)
    for i, pg in enumerate(pgs):
        pg.text(105, 287, f"— {i + 1} —", 8, "ming", (90, 90, 90), "c")
    return pgs


def shareholder_resolution(co: dict, holders: list, lr: Person, date, seed: int, unsigned=frozenset()) -> Page:
    pg = Page(210, 297, (255, 255, 252))
    pg.text(105, 30, co["name"], 13, "kai", (10, 10, 10), "c")
    pg.text(105, 42, "股 东 会 决 议", 18, "zen", (10, 10, 10), "c", True)
    body = (f"会议时间：{cn_date(date)}\n会议地点：{co['addr']}\n会议性质：首次股东会\n"
            f"出席会议股东：{'、'.join(h.name for h, _ in holders)}，代表公司100%表决权。\n"
            f"经全体股东一致同意，形成决议如下：\n一、选举{lr.name}为公司董事，担任公司法定代表人；\n"
            f"二、选举{holders[-1][0].name}为公司监事；\n三、聘任{lr.name}为公司经理；\n四、同意公司章程。")
    y = pg.para(25, 62, 160, body, 11, "kai", 1.95, 0)
    pg.text(25, y + 14, "全体股东签字：", 11, "kai")
    y += 30
    for i, (h, _) in enumerate(holders):
        pg.text(40, y, h.name + "：", 11, "kai")
        pg.line(62, y + 1, 110, y + 1, 0.3)
        if h.name not in unsigned:
            sign_place(pg, 64, y, h.name, seed + 10 + i, 10)
        y += 16
    pg.text(130, y + 10, cn_date(date), 11, "kai")
    return pg


# --- lease contract, property certificate -----------------------------------------------------------
def lease(lessor: Person, lessee, house: dict, start, end, seed: int, date, sign_a=True, sign_b=True,
          purpose="居住", rent="3200", pages=3, lessee_is_company=False) -> list:
    """lessee: Person or company dict (name, uscc, rep)."""
    p = [Page(210, 297) for _ in range(pages)]
    t = p[0]
    t.text(105, 26, "房 屋 租 赁 合 同", 18, "ming", (0, 0, 0), "c", True)
    t.text(190, 36, "合同编号：NH-ZL-" + str(1000 + seed % 9000), 8, "ming", (80, 80, 80), "r")
    t.text(22, 48, f"出租方（甲方）：{lessor.name}", 10.5, "ming")
    t.text(22, 56, f"身份证号码：{lessor.id}", 10.5, "ming")
    if lessee_is_company:
        t.text(22, 66, f"承租方（乙方）：{lessee['name']}", 10.5, "ming")
        t.text(22, 74, f"统一社会信用代码：{lessee['uscc']}", 10.5, "ming")
    else:
        t.text(22, 66, f"承租方（乙方）：{lessee.name}", 10.5, "ming")
        t.text(22, 74, f"身份证号码：{lessee.id}", 10.5, "ming")
    term = (f"自{cn_date(start)}起至{cn_date(end)}止" if start else "双方另行约定")
    clauses = [
        "根据《中华人民共和国民法典》及有关规定，为明确甲、乙双方的权利义务关系，经双方协商一致，签订本合同。",
        f"第一条  甲方将坐落于{house['addr']}的房屋（建筑面积{house['area']}平方米，不动产权证书号：{house['cert']}）出租给乙方作{purpose}使用。",
        f"第二条  租赁期限{term}。租赁期满，甲方有权收回房屋，乙方如要求续租，应提前一个月书面通知甲方。",
        f"第三条  租金为每月人民币{rent}元整，按季度支付，乙方应于每季度首月五日前支付当季租金。押金为一个月租金。",
        "第四条  租赁期间，水、电、燃气、网络、物业管理费由乙方承担；房屋主体结构的维修由甲方负责。",
        "第五条  乙方不得擅自改变房屋结构和用途，不得转租；因乙方使用不当造成房屋及设施损坏的，乙方应负责修复或赔偿。",
        "第六条  甲方应保证出租房屋权属清楚，无共有人异议；租赁期间甲方出售房屋的，应提前三个月通知乙方，乙方在同等条件下享有优先购买权。",
        "第七条  任何一方未按约定履行义务的，应向对方支付相当于一个月租金的违约金。",
        "第八条  本合同签订之日起三十日内，由双方向房屋所在地住房和城乡建设主管部门办理租赁登记备案。",
        "第九条  本合同在履行中发生争议，由双方协商解决；协商不成的，向房屋所在地人民法院起诉。",
        "第十条  本合同一式三份，甲、乙双方各执一份，备案机关一份，自双方签字之日起生效。",
    ]
    y = 88
    pi = 0
    for cl in clauses:
        if y > 255 and pi < pages - 1:
            pi += 1
            y = 28
        y = p[pi].para(22, y, 166, cl, 10.5, "ming", 1.75, 0 if cl.startswith("第") else 2) + 3
    last = p[-1]
    y = max(y + 10, 170) if pi == pages - 1 else 60
    last.text(22, y, "甲方（签字）：", 10.5, "ming")
    last.line(50, y + 1, 95, y + 1, 0.3)
    last.text(112, y, "乙方（签字/盖章）：", 10.5, "ming")
    last.line(148, y + 1, 190, y + 1, 0.3)
    if sign_a:
        sign_place(last, 52, y, lessor.name, seed + 1, 10)
    if sign_b:
        if lessee_is_company:
            seal_place(last, 168, y - 4, lessee["name"], seed + 2, "round", 38)
            sign_place(last, 150, y + 2, lessee["rep"], seed + 3, 9)
        else:
            sign_place(last, 150, y, lessee.name, seed + 2, 10)
    last.text(22, y + 14, "联系电话：138 5733 2019", 10, "ming")
    last.text(112, y + 14, "联系电话：159 6830 4417", 10, "ming")
    last.text(22, y + 26, f"签订日期：{cn_date(date)}", 10.5, "ming")
    for i, pg in enumerate(p):
        pg.text(105, 285, f"第{i + 1}页 共{pages}页", 8, "ming", (100, 100, 100), "c")
    return p


def property_cert(owner: Person, house: dict, seed: int, sealed=True, date=D("2019-07-22")) -> list:
    a = Page(190, 130, (250, 247, 235))
    a.rect(4, 4, 182, 122, 0.8, (150, 120, 60))
    a.text(95, 22, house["cert"], 11, "ming", (30, 30, 30), "c")
    a.para(20, 42, 150, "根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，对不动产权利人申请登记的本证所列不动产权利，"
           "经审查核实，准予登记，颁发此证。", 10, "ming", 1.8)
    a.text(105, 90, "登记机构（章）", 10, "ming")
    a.text(105, 102, cn_date(date), 10, "ming")
    if sealed:
        seal_place(a, 125, 92, "嘉兴市自然资源和规划局", seed, "round", 40, "不动产登记专用章")
    a.text(95, 120, "中华人民共和国自然资源部监制    编号 NO " + house["no"], 7, "ming", (120, 100, 60), "c")
    b = Page(190, 130, (250, 247, 235))
    rows = [("权 利 人", owner.name), ("共有情况", "单独所有"), ("坐    落", house["addr"]),
            ("不动产单元号", house["unit"]), ("权利类型", "国有建设用地使用权/房屋所有权"), ("权利性质", "出让/市场化商品房"),
            ("用    途", "城镇住宅用地/住宅"), ("面    积", f"共有宗地面积 5321.6m² / 房屋建筑面积 {house['area']}m²"),
            ("使用期限", "国有建设用地使用权 2008年05月20日起2078年05月19日止"), ("权利其他状况", "专有建筑面积 81.23m²，分摊建筑面积 " + str(round(float(house['area']) - 81.23, 2)) + "m²")]
    y = 10
    for lab, val in rows:
        h = 11
        b.rect(8, y, 34, h, 0.35, (120, 100, 60))
        b.rect(42, y, 140, h, 0.35, (120, 100, 60))
        b.text(10, y + 7, lab, 8, "ming", (90, 70, 40))
        b.text(44, y + 7, val, 8.5 if len(val) < 34 else 7.2, "kai")
        y += h
    return [a, b]


def purchase_contract(buyer: Person, house: dict, seed: int) -> Page:
    pg = Page(210, 297, (248, 248, 244))
    pg.text(105, 40, "商品房买卖合同", 22, "zen", (0, 0, 0), "c", True)
    pg.text(105, 52, "（预售）", 12, "zen", (0, 0, 0), "c")
    pg.text(105, 70, "合同编号：YS2018-033567", 10, "ming", (60, 60, 60), "c")
    pg.text(40, 110, "出卖人：嘉兴禾城置业有限公司", 12, "ming")
    pg.text(40, 125, f"买受人：{buyer.name}", 12, "ming")
    pg.text(40, 140, f"房屋坐落：{house['addr']}", 11, "ming")
    pg.text(105, 250, "中华人民共和国住房和城乡建设部", 10, "ming", (60, 60, 60), "c")
    pg.text(105, 258, "国家市场监督管理总局  制定", 10, "ming", (60, 60, 60), "c")
    return pg


# --- death and funeral ---------------------------------------------------------------------------
def death_cert(dead: Person, dday, place, cause, seed: int, hosp="嘉兴市第二医院") -> Page:
    pg = Page(210, 200)
    pg.text(105, 16, "居民死亡医学证明（推断）书", 15, "hei", (0, 0, 0), "c", True)
    pg.text(105, 23, "（第四联  死者家属保存）", 8, "hei", (60, 60, 60), "c")
    pg.text(190, 30, "编号：330402202611" + str(seed % 9000 + 1000), 7.5, "ming", (180, 30, 30), "r")
    x0, y0 = 12, 33
    cols = [26, 40, 22, 30, 24, 44]
    rows = [10, 10, 10, 10, 26, 12]
    pg.grid(x0, y0, cols, rows)
    def put(ci, ri, s, f="ming", sz=8, col=(30, 30, 30)):
        pg.text(x0 + sum(cols[:ci]) + 1.5, y0 + sum(rows[:ri]) + min(rows[ri], 10) / 2 + 1.5, s, sz, f, col)
    put(0, 0, "死者姓名"); put(1, 0, dead.name, "kai", 10); put(2, 0, "性别"); put(3, 0, dead.sex, "kai", 10)
    put(4, 0, "民族"); put(5, 0, "汉族", "kai", 10)
    put(0, 1, "有效身份证件"); put(1, 1, dead.id, "sans", 7); put(2, 1, "出生日期"); put(3, 1, cn_date(dead.birth), "kai", 8)
    put(4, 1, "婚姻状况"); put(5, 1, "丧偶", "kai", 10)
    put(0, 2, "常住地址"); put(1, 2, dead.addr[:20], "kai", 8)
    put(0, 3, "死亡日期"); put(1, 3, cn_date(dday), "kai", 9); put(2, 3, "死亡地点"); put(3, 3, place, "kai", 9)
    put(4, 3, "主要职业"); put(5, 3, "退休人员", "kai", 9)
    put(0, 4, "致死的主要")
    pg.text(x0 + 1.5, y0 + 48, "疾病诊断", 8, "ming")
    pg.text(x0 + 28, y0 + 47, "(a) 直接死亡原因：" + cause[0], 9, "kai")
    pg.text(x0 + 28, y0 + 55, "(b) 引起(a)的疾病或情况：" + cause[1], 9, "kai")
    pg.text(x0 + 28, y0 + 62, "发病到死亡大概间隔时间：约3年", 8, "kai")
    put(0, 5, "医师签名"); put(2, 5, "填表日期"); put(3, 5, cn_date(dday), "kai", 9)
    sign_place(pg, x0 + 28, y0 + 91, "沈国庆", seed, 8)
    pg.text(120, y0 + 112, "医疗卫生机构盖章", 9, "ming")
    seal_place(pg, 160, y0 + 108, hosp, seed, "round", 36, "死亡证明专用章")
    pg.text(105, 192, "注：此联由死者家属保存，用于办理户籍注销、殡葬及社会保险待遇等事项。", 7, "ming", (80, 80, 80), "c")
    return pg


def cremation_cert(dead: Person, cday, seed: int) -> Page:
    pg = Page(180, 110, (255, 252, 240))
    pg.rect(4, 4, 172, 102, 0.5, (90, 90, 90))
    pg.text(90, 18, "嘉兴市殡仪馆", 12, "hei", (40, 40, 40), "c")
    pg.text(90, 30, "火 化 证 明", 18, "hei", (0, 0, 0), "c", True)
    pg.text(165, 40, f"No.{2026}{seed % 90000 + 10000}", 8, "sans", (180, 30, 30), "r")
    y = 52
    for a, b in [(f"死者姓名：{dead.name}", f"性别：{dead.sex}"), (f"身份证号：{dead.id}", f"年龄：{2026 - dead.birth.year}岁"),
                 (f"火化日期：{cn_date(cday)}", "骨灰处理：家属领回")]:
        pg.text(15, y, a, 10, "kai")
        pg.text(120, y, b, 10, "kai")
        y += 12
    pg.text(110, 96, cn_date(cday), 9, "ming")
    seal_place(pg, 130, 86, "嘉兴市殡仪馆", seed, "round", 34, "火化业务专用章")
    return pg


def letterhead_letter(org: str, org_en: str, title: str, body: str, date, seed: int, sealed=True, seal_name=None,
                      addr="", style=0) -> Page:
    """A certificate letter 兹证明……特此证明 on letterhead paper."""
    pg = Page(210, 297)
    if style == 0:
        pg.text(22, 22, org, 13, "hei", (150, 20, 20), "l", True)
        pg.text(22, 28, org_en, 7, "serif", (150, 20, 20))
        pg.line(20, 32, 190, 32, 0.8, (150, 20, 20))
        pg.line(20, 33.4, 190, 33.4, 0.25, (150, 20, 20))
    else:
        pg.text(105, 22, org, 14, "ming", (20, 40, 110), "c", True)
        pg.line(30, 27, 180, 27, 0.4, (20, 40, 110))
    pg.text(105, 56, title, 20, "hei" if style == 0 else "ming", (0, 0, 0), "c", True)
    y = pg.para(25, 76, 160, body, 12, "ming" if style == 0 else "kai", 2.0)
    y += 6
    pg.text(40, y + 4, "特此证明。", 12, "ming" if style == 0 else "kai")
    pg.text(168, y + 34, org, 11.5, "ming", (0, 0, 0), "r")
    if date:
        pg.text(160, y + 46, cn_date(date, 3 if style else 0), 11.5, "ming", (0, 0, 0), "r")
    if sealed:
        seal_place(pg, 140, y + 36, seal_name or org, seed, "round", 40)
    if addr:
        pg.line(20, 275, 190, 275, 0.3, (150, 20, 20))
        pg.text(105, 281, addr, 7.5, "ming", (110, 110, 110), "c")
    return pg


def bank_card(no: str, seed: int, bank="浙北农商银行", en="ZHEBEI RURAL COMMERCIAL BANK") -> Page:
    rng = random.Random(seed)
    pg = Page(85.6, 54, (18, 92, 80))
    for i in range(8):
        pg.ellipse(40 + i * 3, -20 + i * 4, 80, 80, 0.4, (40, 130, 110))
    pg.text(6, 10, bank, 9, "zen", (245, 230, 180), "l", True)
    pg.text(6, 14.5, en, 4.2, "sans", (235, 225, 190))
    pg.rect(8, 20, 11, 8.5, 0.2, (120, 100, 40), (215, 185, 100))
    pg.text(6, 38, " ".join(no[i:i + 4] for i in range(0, len(no), 4)), 10.5, "sans", (250, 250, 250))
    pg.text(6, 46, "丰收借记卡  DEBIT", 6, "hei", (235, 235, 235))
    pg.text(80, 49, "银联 UnionPay", 6, "hei", (250, 250, 250), "r", True)
    return pg


def passbook(name: str, acct: str, seed: int) -> Page:
    pg = Page(170, 120, (238, 244, 236))
    pg.text(85, 15, "浙北农商银行  活期储蓄存折", 12, "ming", (20, 80, 60), "c", True)
    rows = [("户    名", name), ("账    号", acct), ("开 户 行", "浙北农商银行南湖支行营业部"), ("开户日期", "2009年04月16日"),
            ("储    种", "活期储蓄"), ("通存通兑", "是")]
    y = 26
    for a, b in rows:
        pg.rect(15, y, 35, 11, 0.3, (60, 110, 90))
        pg.rect(50, y, 105, 11, 0.3, (60, 110, 90))
        pg.text(18, y + 7, a, 9, "ming", (40, 90, 70))
        pg.text(53, y + 7.3, b, 10.5, "sans" if a == "账    号" else "kai")
        y += 11
    seal_place(pg, 128, 100, "浙北农商银行南湖支行", seed, "oval", 26, "业务专用章", star=False)
    return pg


def funeral_form(dead: Person, app: Person, app_id_printed: str, rel: str, acct: str, date, seed: int,
                 signed=True, dday=D("2026-11-09")) -> Page:
    pg = Page(297, 210)
    pg.text(148, 16, "企业职工基本养老保险参保人员死亡待遇申领表", 15, "hei", (0, 0, 0), "c", True)
    pg.text(20, 26, "经办机构：嘉兴市南湖区社会保险事业管理中心", 8.5, "ming")
    pg.text(277, 26, f"填表日期：{cn_date(date, 2)}", 8.5, "ming", (0, 0, 0), "r")
    x0, y0 = 20, 30
    cols = [32, 50, 28, 46, 28, 73]
    rows = [11, 11, 11, 11, 11, 11, 11, 40]
    pg.grid(x0, y0, cols, rows, 0.35)
    def put(ci, ri, s, f="ming", sz=8.5, col=(20, 20, 20)):
        pg.text(x0 + sum(cols[:ci]) + 2, y0 + sum(rows[:ri]) + 7, s, sz, f, col)
    hand = (25, 40, 130)
    put(0, 0, "死亡人员姓名"); put(1, 0, dead.name, "kai", 11, hand); put(2, 0, "性别"); put(3, 0, dead.sex, "kai", 11, hand)
    put(4, 0, "身份证号"); put(5, 0, dead.id, "kai", 10, hand)
    put(0, 1, "人员类别"); put(1, 1, "☑退休  □在职", "ming"); put(2, 1, "死亡日期"); put(3, 1, cn_date(dday), "kai", 10, hand)
    put(4, 1, "死亡原因"); put(5, 1, "☑因病或非因工  □因工", "ming")
    put(0, 2, "申领人姓名"); put(1, 2, app.name, "kai", 11, hand); put(2, 2, "与死者关系"); put(3, 2, rel, "kai", 11, hand)
    put(4, 2, "申领人身份证号"); put(5, 2, app_id_printed, "kai", 10, hand)
    put(0, 3, "联系电话"); put(1, 3, "137 3573 2860", "kai", 10, hand); put(2, 3, "联系地址"); put(3, 3, app.addr[:12], "kai", 8, hand)
    put(0, 4, "收款银行"); put(1, 4, "浙北农商银行南湖支行", "kai", 9, hand); put(2, 4, "银行账号"); put(3, 4, acct, "kai", 9, hand)
    put(0, 5, "申领项目"); put(1, 5, "☑丧葬补助金   ☑抚恤金   ☑个人账户余额", "ming")
    put(0, 6, "供养亲属"); put(1, 6, "无", "kai", 10, hand)
    put(0, 7, "申领人承诺")
    pg.para(x0 + 34, y0 + 84, 215, "本人承诺所提供的材料真实有效，死亡人员的丧葬补助金、抚恤金由本人代表全体遗属领取，"
            "如有虚假或遗属间发生纠纷，由本人承担全部责任。", 9, "ming", 1.6)
    pg.text(x0 + 120, y0 + 109, "申领人签字：", 9.5, "ming")
    pg.line(x0 + 142, y0 + 110, x0 + 190, y0 + 110, 0.3)
    if signed:
        sign_place(pg, x0 + 146, y0 + 109, app.name, seed, 10)
    pg.text(x0 + 200, y0 + 109, f"{date.year} 年 {date.month} 月 {date.day} 日", 9.5, "ming")
    pg.text(20, 190, "经办人：              复核人：              经办机构（章）：", 8.5, "ming", (80, 80, 80))
    return pg


def fee_receipt(name: str, seed: int) -> Page:
    pg = Page(190, 110, (252, 250, 240))
    pg.text(95, 14, "浙江省医疗门诊收费票据（电子）", 12, "hei", (120, 40, 40), "c", True)
    pg.text(12, 26, f"交款人：{name}      开票日期：2026-11-08", 8.5, "ming")
    pg.grid(12, 30, [70, 30, 30, 36], [8] * 6, 0.3, (150, 80, 80))
    items = [("项目名称", "数量", "单价", "金额"), ("西药费", "1", "186.40", "186.40"), ("检查费", "1", "240.00", "240.00"),
             ("治疗费", "1", "98.00", "98.00"), ("床位费", "3", "45.00", "135.00"), ("合计", "", "", "659.40")]
    for r, row in enumerate(items):
        xs = [14, 84, 114, 144]
        for x, v in zip(xs, row):
            pg.text(x, 36 + r * 8, v, 8, "ming")
    pg.text(12, 90, "收款单位（章）：嘉兴市第二医院", 8.5, "ming")
    seal_place(pg, 150, 90, "嘉兴市第二医院", seed, "oval", 24, "财务专用章", star=True)
    return pg


# --- rental: power of attorney -----------------------------------------------------------------
def poa(principal: Person, agent: Person, matter: str, date, seed: int, signed=True) -> Page:
    pg = Page(210, 297, (255, 255, 255))
    pg.text(105, 35, "授 权 委 托 书", 19, "kai", (0, 0, 0), "c")
    y = 55
    for lab, v in [("委托人", f"{principal.name}    身份证号码：{principal.id}"), ("受托人", f"{agent.name}    身份证号码：{agent.id}")]:
        pg.text(25, y, f"{lab}：{v}", 11, "kai")
        y += 11
    y = pg.para(25, y + 8, 160, f"本人因工作原因无法亲自前往办理，现委托{agent.name}作为我的合法代理人，全权代表我办理{matter}"
                f"相关事宜，包括递交材料、签署相关文件、领取备案证明。受托人在上述事项范围内所签署的文件，我均予以承认。", 11.5, "kai", 2.0)
    y = pg.para(25, y + 4, 160, "委托期限：自签字之日起至上述事项办结之日止。受托人无转委托权。", 11.5, "kai", 2.0)
    pg.text(110, y + 24, "委托人（签字）：", 11.5, "kai")
    pg.line(145, y + 25, 188, y + 25, 0.3)
    if signed:
        sign_place(pg, 148, y + 24, principal.name, seed, 10)
    if date:
        pg.text(120, y + 40, cn_date(date), 11.5, "kai")
    return pg


# --- teacher qualification ---------------------------------------------------------------------------
def medical_form(pp: Person, date, seed: int, sealed=True, signed=True, hosp="嘉兴市南湖区人民医院") -> list:
    p1 = Page(210, 297)
    p1.text(105, 20, "浙江省教师资格申请人员体检表", 15, "hei", (0, 0, 0), "c", True)
    p1.text(22, 30, "申请资格种类：初级中学教师资格", 8.5, "ming")
    p1.text(190, 30, "体检编号：TJ" + str(20260000 + seed % 9999), 8.5, "ming", (0, 0, 0), "r")
    x0, y0 = 20, 33
    cols = [22, 40, 22, 40, 46]
    rows = [9, 9, 9, 9]
    p1.grid(x0, y0, cols, rows, 0.3)
    def put(ci, ri, s, f="ming", sz=7.8, yy=y0, rr=rows, cc=cols, pg=p1):
        pg.text(x0 + sum(cc[:ci]) + 1.5, yy + sum(rr[:ri]) + rr[ri] / 2 + 1.4, s, sz, f)
    put(0, 0, "姓名"); put(1, 0, pp.name, "kai", 10); put(2, 0, "性别"); put(3, 0, pp.sex, "kai", 10)
    put(0, 1, "出生年月"); put(1, 1, pp.birth.strftime("%Y.%m"), "kai", 10); put(2, 1, "民族"); put(3, 1, "汉", "kai", 10)
    put(0, 2, "身份证号"); put(1, 2, pp.id, "sans", 7.2); put(2, 2, "婚否"); put(3, 2, "未婚", "kai", 10)
    put(0, 3, "既往病史"); put(1, 3, "无", "kai", 10)
    p1.image(x0 + 128, y0 + 2, 28, 32, photo_placeholder(280, 320, seed))
    sections = [("五官科", [("视力", "左 5.0  右 4.9（矫正）"), ("色觉", "正常"), ("听力", "左 5m  右 5m"), ("嗅觉", "正常"), ("口腔", "未见异常")]),
                ("内科", [("血压", "118/76 mmHg"), ("心脏及血管", "未见异常"), ("呼吸系统", "未见异常"), ("腹部器官", "肝脾未触及"), ("神经及精神", "未见异常")]),
                ("外科", [("身高", "168 cm"), ("体重", "55 kg"), ("皮肤", "正常"), ("脊柱四肢", "未见异常"), ("淋巴", "未触及")]),
                ("辅助检查", [("胸部X线", "心肺膈未见明显异常"), ("心电图", "窦性心律"), ("血常规", "正常"), ("肝功能", "谷丙转氨酶 18 U/L")])]
    y = y0 + 40
    for sec, items in sections:
        n = len(items)
        p1.rect(x0, y, 22, 8 * n, 0.3)
        p1.text(x0 + 2, y + 4 * n + 1.5, sec, 8, "hei")
        for i, (a, b) in enumerate(items):
            p1.rect(x0 + 22, y + 8 * i, 34, 8, 0.3)
            p1.rect(x0 + 56, y + 8 * i, 70, 8, 0.3)
            p1.rect(x0 + 126, y + 8 * i, 44, 8, 0.3)
            p1.text(x0 + 24, y + 8 * i + 5.5, a, 7.5, "ming")
            p1.text(x0 + 58, y + 8 * i + 5.7, b, 8.5, "kai", (30, 40, 120))
            p1.text(x0 + 128, y + 8 * i + 5.5, "医师签名：", 6.5, "ming", (90, 90, 90))
            if signed:
                sign_place(p1, x0 + 144, y + 8 * i + 6.5, rng_name(seed + zlib.crc32(sec.encode()) % 97), seed + i + len(sec), 5)
        y += 8 * n + 2
    p1.rect(x0, y + 2, 170, 52, 0.4)
    p1.text(x0 + 3, y + 10, "体检结论：", 10, "hei", (0, 0, 0), "l", True)
    p1.text(x0 + 30, y + 10.5, "合  格", 14, "kai", (30, 40, 120))
    p1.text(x0 + 3, y + 30, "主检医师签名：", 9.5, "ming")
    p1.line(x0 + 30, y + 31, x0 + 75, y + 31, 0.3)
    if signed:
        sign_place(p1, x0 + 33, y + 30, "钱慧敏", seed + 50, 10)
    p1.text(x0 + 95, y + 30, "体检医院（盖章）", 9.5, "ming")
    p1.text(x0 + 100, y + 45, cn_date(date), 10, "ming")
    if sealed:
        seal_place(p1, x0 + 128, y + 32, hosp, seed, "round", 40, "体检专用章")
    p1.text(22, 290, "注：体检结论自体检之日起六个月内有效。", 7, "ming", (90, 90, 90))
    return [p1]


def rng_name(seed: int) -> str:
    r = random.Random(seed)
    return r.choice("王李张刘陈杨黄吴徐孙朱胡郭") + r.choice(["建平", "红", "丽萍", "伟", "晓东", "燕", "国华"])


def diploma(pp: Person, school: str, major: str, years: tuple, no: str, president: str, seed: int,
            degree=False) -> Page:
    pg = Page(260, 185, (253, 250, 240))
    red = (160, 30, 30)
    pg.rect(6, 6, 248, 173, 2.0, red)
    pg.rect(10, 10, 240, 165, 0.4, red)
    for i in range(0, 240, 6):
        pg.ellipse(10 + i, 7.2, 4, 2, 0.2, (200, 150, 90))
        pg.ellipse(10 + i, 175.8, 4, 2, 0.2, (200, 150, 90))
    title = "学 士 学 位 证 书" if degree else "毕  业  证  书"
    pg.text(130, 38, title, 26, "ming", red, "c", True)
    pg.image(28, 55, 30, 40, photo_placeholder(300, 400, seed, (80, 130, 200)))
    if degree:
        body = (f"{pp.name}，{pp.sex}，{pp.birth.year}年{pp.birth.month}月{pp.birth.day}日生。在{school}{major}专业完成了本科学习计划，"
                f"业已毕业。经审核符合《中华人民共和国学位法》的规定，授予教育学学士学位。")
    else:
        body = (f"学生{pp.name}，性别{pp.sex}，{pp.birth.year}年{pp.birth.month}月{pp.birth.day}日生，于{years[0]}年9月至{years[1]}年6月"
                f"在本校{major}专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。")
    y = pg.para(75, 62, 160, body, 13, "ming", 2.0)
    pg.text(75, y + 18, f"校    名：{school}", 12, "ming")
    pg.text(75, y + 30, ("学位评定委员会主席：" if degree else "校（院）长：") + president, 12, "ming")
    sign_place(pg, 130 if not degree else 150, y + 40, president, seed, 11)
    pg.text(205, y + 52, f"{years[1]}年6月20日", 12, "ming", (0, 0, 0), "r")
    seal_place(pg, 190, y + 30, school, seed, "round", 42)
    pg.text(28, 168, "证书编号：" + no, 10, "hei")
    return pg


def putonghua_ecert(pp: Person, grade: str, score: str, tdate, no: str, seed: int) -> Page:
    pg = Page(160, 230, (255, 255, 255))
    pg.rect(0, 0, 160, 34, 0, None, (196, 32, 38))
    pg.text(80, 16, "普通话水平测试等级证书", 14, "hei", (255, 255, 255), "c", True)
    pg.text(80, 25, "Certificate of Putonghua Proficiency Test", 6.5, "sans", (255, 235, 235), "c")
    pg.image(58, 42, 44, 56, photo_placeholder(440, 560, seed, (235, 240, 250)))
    y = 112
    for a, b in [("姓    名", pp.name), ("性    别", pp.sex), ("身份证号", pp.id), ("测试成绩", score + " 分"),
                 ("等    级", grade), ("测试时间", cn_date(tdate)), ("证书编号", no), ("发证单位", "浙江省语言文字工作委员会")]:
        pg.text(22, y, a, 9, "hei", (110, 110, 110))
        pg.text(50, y, b, 10 if a != "身份证号" else 9, "hei", (20, 20, 20), "l", a == "等    级")
        pg.line(22, y + 3, 140, y + 3, 0.15, (220, 220, 220))
        y += 10.5
    seal_place(pg, 118, 178, "浙江省语言文字工作委员会", seed, "round", 30, "")
    pg.image(60, 196, 24, 24, qr_placeholder(seed, 240))
    pg.text(90, 206, "扫码验证证书真伪", 7, "hei", (110, 110, 110))
    pg.text(90, 212, "国家普通话水平测试电子证书", 6.5, "hei", (150, 150, 150))
    return pg


def conduct_form(pp: Person, unit: str, opinion: str, date, seed: int, sealed=True) -> Page:
    pg = Page(210, 297)
    pg.text(105, 26, "申请认定教师资格人员思想品德鉴定表", 15, "zen", (0, 0, 0), "c", True)
    x0, y0 = 18, 36
    cols = [28, 48, 26, 72]
    rows = [12, 12, 12, 12]
    pg.grid(x0, y0, cols, rows, 0.4)
    def put(ci, ri, s, f="ming", sz=9.5):
        pg.text(x0 + sum(cols[:ci]) + 2, y0 + sum(rows[:ri]) + 7.6, s, sz, f)
    put(0, 0, "姓    名"); put(1, 0, pp.name, "kai", 11); put(2, 0, "性    别"); put(3, 0, pp.sex, "kai", 11)
    put(0, 1, "出生年月"); put(1, 1, f"{pp.birth.year}年{pp.birth.month}月", "kai", 11); put(2, 1, "政治面貌"); put(3, 1, "共青团员", "kai", 11)
    put(0, 2, "身份证号"); put(1, 2, pp.id, "sans", 8.5)
    put(0, 3, "工作单位或户籍所在地"[:6]); put(1, 3, unit, "kai", 10)
    pg.rect(x0, y0 + 48, 174, 150, 0.4)
    pg.text(x0 + 3, y0 + 58, "思想品德鉴定意见：", 10.5, "hei", (0, 0, 0), "l", True)
    y = pg.para(x0 + 6, y0 + 72, 162, opinion, 11.5, "kai", 2.0, 2, (25, 35, 110))
    pg.text(x0 + 100, y0 + 170, "鉴定单位（盖章）", 10, "ming")
    pg.text(x0 + 100, y0 + 178, "负责人签字：", 10, "ming")
    sign_place(pg, x0 + 124, y0 + 178, "姚建明", seed + 9, 9)
    if date:
        pg.text(x0 + 110, y0 + 190, f"{date.year} 年 {date.month} 月 {date.day} 日", 10, "ming")
    else:
        pg.text(x0 + 110, y0 + 190, "        年      月      日", 10, "ming")
    if sealed:
        seal_place(pg, x0 + 130, y0 + 168, unit, seed, "round", 40)
    pg.text(x0, y0 + 210, "说明：1. 在职人员由所在单位出具；非在职人员由户籍所在地街道（乡镇）出具。", 8, "ming", (80, 80, 80))
    pg.text(x0, y0 + 216, "      2. 本表须加盖鉴定单位公章方为有效。", 8, "ming", (80, 80, 80))
    return pg


def red_header(org_file: str, docno: str, title: str, body: str, org: str, date, seed: int, sealed=True) -> Page:
    pg = Page(210, 297)
    pg.text(105, 45, org_file, 24, "ming", (210, 20, 20), "c", True)
    pg.text(105, 62, docno, 11, "ming", (0, 0, 0), "c")
    pg.line(20, 67, 99, 67, 0.9, (210, 20, 20))
    pg.text(105, 69, "★", 10, "hei", (210, 20, 20), "c")
    pg.line(111, 67, 190, 67, 0.9, (210, 20, 20))
    pg.para(30, 88, 150, title, 16, "zen", 1.6, 0)
    y = pg.para(28, 118, 155, body, 12.5, "ming", 2.0)
    pg.text(165, y + 30, org, 12, "ming", (0, 0, 0), "r")
    pg.text(160, y + 42, cn_date(date), 12, "ming", (0, 0, 0), "r")
    if sealed:
        seal_place(pg, 142, y + 34, org, seed, "round", 42)
    pg.line(25, 270, 185, 270, 0.3)
    pg.text(25, 276, "抄送：区教育局教师资格认定中心。", 9, "ming")
    pg.line(25, 280, 185, 280, 0.3)
    return pg


# ----------------------------------------------------------------------------------------------
# capture helpers returning build() callables
def sd(*parts) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


def _pages(make):
    pg = make() if callable(make) else make
    return pg if isinstance(pg, list) else [pg]


def is_card(pg: Page) -> bool:
    return pg.w < 90


def b_textpdf(make, title=""):
    return lambda: pdf_text(_pages(make), title)


def b_scanpdf(make, seed, order=None, gray=True, dpi=150):
    def f():
        pages = _pages(make)
        ims = [scan(render(p, 300 if is_card(p) else dpi), seed + i, gray) for i, p in enumerate(pages)]
        if order == "rev":
            ims = ims[::-1]
        elif order:
            ims = [ims[i] for i in order]
        return pdf_images(ims, dpi)
    return f


def b_photo(make, seed, fmt="jpg", idx=0, big=None, exif=None, rot=0, low=False, blur=0.7, fill=0.78,
            persp=0.05, quality=85, out=None):
    def f():
        pg = _pages(make)[idx]
        if out is None and pg.w > 250:
            o = (2400, 1800)
        else:
            o = out
        im = photo(render(pg, 300 if is_card(pg) else 150), seed, out=o, fill=0.55 if is_card(pg) else fill,
                   persp=persp, rot=rot, low=low, blur=blur)
        if big:
            bw, bh = big
            if im.height > im.width:
                bw, bh = bh, bw
            return encode(im, fmt, quality, exif, (bw, bh))
        return encode(im, fmt, quality, exif)
    return f


def b_image(make, seed, fmt="png", dpi=150, quality=88):
    """A flat export (scanner app to image, or phone 'save as picture')."""
    def f():
        pg = _pages(make)[0]
        im = render(pg, 300 if is_card(pg) else dpi)
        return encode(im, fmt, quality)
    return f


def b_scanimg(make, seed, fmt="jpg", idx=0):
    def f():
        pg = _pages(make)[idx]
        return encode(scan(render(pg, 300 if is_card(pg) else 150), seed, gray=False), fmt, 82)
    return f


def b_screenshot(make, seed, title="文件预览"):
    def f():
        pg = _pages(make)[0]
        return encode(screenshot(render(pg, 200), seed, title), "png")
    return f


def b_raw(fn, fmt="jpg"):
    return lambda: encode(fn(), fmt, 80)


def b_album_pdf(makers, seed, order=None):
    """A 'scan everything into one PDF' upload: several documents, pages possibly shuffled."""
    def f():
        ims = []
        for i, mk in enumerate(makers):
            for j, p in enumerate(_pages(mk)):
                if is_card(p):
                    p = sheet_of([card_img(p)], seed + i, card=True)
                ims.append(scan(render(p, 150), seed + 10 * i + j, gray=(i % 2 == 0)))
        if order:
            ims = [ims[k] for k in order]
        return pdf_images(ims, 150)
    return f


def album_count(makers):
    return sum(len(_pages(m)) for m in makers)


# ----------------------------------------------------------------------------------------------
# people
def P(name, sex, birth, region, seq, addr, valid=("2018.05.12", "2038.05.12"), issuer="嘉兴市公安局南湖区分局"):
    return Person(name, sex, D(birth), addr, region, seq, issuer, valid)


ADDR_A = "浙江省嘉兴市南湖区东栅街道梅花洲路118号3幢2单元502室"
ADDR_B = "浙江省嘉兴市南湖区新兴街道由拳路66弄12号"
ADDR_C = "浙江省嘉兴市南湖区建设街道禾兴南路305号8幢1101室"

# newborn families
FA = P("陈嘉豪", "男", "1992-03-14", "330402", "351", ADDR_A)
MA = P("沈思婷", "女", "1994-07-21", "330411", "382", ADDR_A, ("2019.08.05", "2029.08.05"))
BABY_A = dict(name="陈沐阳", sex="男", weeks="39周", time="2026年11月10日04时26分", weight="3350克", length="50厘米",
              hospital="嘉兴市妇幼保健院", no="Q330561827", issued="2026年11月12日", date_cn="2026年11月10日")
FB = P("徐子轩", "男", "1990-10-02", "330402", "215", ADDR_B, ("2017.03.22", "2037.03.22"))
FB_EXP = P("徐子轩", "男", "1990-10-02", "330402", "215", ADDR_B, ("2014.04.10", "2024.04.10"))
MB = P("朱晓雯", "女", "1993-02-17", "330421", "146", ADDR_B, ("2020.11.30", "2040.11.30"), "嘉善县公安局")
BABY_B = dict(name="徐若溪", sex="女", weeks="38周+5天", time="2026年11月03日15时08分", weight="3120克", length="49厘米",
              hospital="嘉兴市第一医院", no="Q330562904", issued="2026年11月06日", date_cn="2026年11月3日")
FC = P("吴俊杰", "男", "1989-12-05", "330411", "517", ADDR_C, ("2016.01.18", "2036.01.18"), "嘉兴市公安局秀洲区分局")
MC = P("钱佳琪", "女", "1991-06-30", "330402", "268", ADDR_C, ("2021.07.02", "2041.07.02"))
BABY_C = dict(name="吴一诺", sex="女", weeks="40周", time="2026年08月16日09时51分", weight="3480克", length="51厘米",
              hospital="嘉兴市妇幼保健院", no="Q330540716", issued="2026年08月19日", date_cn="2026年8月16日")

# company
ADDR_CO = "浙江省嘉兴市南湖区南江路1856号创新大厦1201室"
CO = dict(name="嘉兴澄禾信息科技有限公司", uscc="（设立登记，无需填写）", addr=ADDR_CO, phone="138 5739 6621",
          mail="lihen.zhou@chenghe-tech.cn", capital="100万元人民币",
          scope="一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；"
                "数据处理服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。")
SH1 = P("周立衡", "男", "1988-05-21", "330102", "413", "浙江省杭州市上城区清波街道河坊街203号", ("2015.06.30", "2035.06.30"),
        "杭州市公安局上城分局")
SH2 = P("沈佳怡", "女", "1995-11-11", "320102", "628", "南京市玄武区玄武门街道湖南路17号2栋", ("2020.04.09", "2030.04.09"),
        "南京市公安局玄武分局")
SH2_EXP = P("沈佳怡", "女", "1995-11-11", "320102", "628", "南京市玄武区玄武门街道湖南路17号2栋", ("2013.12.02", "2023.12.02"),
            "南京市公安局玄武分局")
HOLDERS = [(SH1, 60), (SH2, 40)]
LANDLORD = P("杨国强", "男", "1983-09-08", "330402", "739", "浙江省嘉兴市南湖区解放街道中山东路88号", ("2017.10.20", "2037.10.20"))
HOUSE_CO = dict(addr=ADDR_CO, area="86.40", cert="浙（2019）嘉兴市不动产权第0046215号", no="33008215477",
                unit="330402 006013 GB00021 F00121201")

# funeral
DEAD1 = P("顾永良", "男", "1949-03-02", "310104", "057", "浙江省嘉兴市南湖区新兴街道梅湾街45号", ("2010.05.17", "长期"))
SON1 = P("顾卫东", "男", "1984-08-15", "330402", "033", "浙江省嘉兴市南湖区新兴街道梅湾街45号", ("2016.03.10", "2036.03.10"))
DEAD2 = P("朱美芳", "女", "1952-06-19", "310104", "226", "浙江省嘉兴市南湖区建设街道勤俭路22号", ("2012.09.03", "长期"))
DAU2 = P("李静", "女", "1984-01-25", "330402", "542", "浙江省嘉兴市南湖区建设街道勤俭路22号", ("2016.02.08", "2036.02.08"))
DAU2_EXP = P("李静", "女", "1984-01-25", "330402", "542", "浙江省嘉兴市南湖区建设街道勤俭路22号", ("2006.02.08", "2016.02.08"))
ACCT1 = "6230910299001837462"
ACCT2 = "6230910299004415208"

# rental
LESSOR = LANDLORD
LESSOR2 = P("潘美华", "女", "1985-02-14", "330402", "664", "浙江省嘉兴市南湖区解放街道建国南路17号", ("2012.05.06", "2022.05.06"))
LESSOR2_OK = P("潘美华", "女", "1985-02-14", "330402", "664", "浙江省嘉兴市南湖区解放街道建国南路17号", ("2022.04.28", "2042.04.28"))
LESSEE = P("林晓峰", "男", "1997-04-03", "420106", "273", "湖北省武汉市武昌区中南路街道中南二路9号", ("2019.06.11", "2029.06.11"),
           "武汉市公安局武昌分局")
AGENT = P("林晓雨", "女", "1999-10-09", "420106", "306", "湖北省武汉市武昌区中南路街道中南二路9号", ("2017.08.21", "2027.08.21"),
          "武汉市公安局武昌分局")
HOUSE_R = dict(addr="嘉兴市南湖区凌公塘路1299号锦湖花园7幢1单元603室", area="98.62", cert="浙（2018）嘉兴市不动产权第0031877号",
               no="33006127710", unit="330402 004007 GB00112 F00070603")
HOUSE_R2 = dict(addr="嘉兴市南湖区建国南路17号金穗公寓2幢402室", area="72.15", cert="浙（2020）嘉兴市不动产权第0052093号",
                no="33009934216", unit="330402 001015 GB00048 F00020402")

# teacher
TA = P("张雨桐", "女", "2003-09-17", "330483", "642", "浙江省桐乡市梧桐街道庆丰中路77号", ("2021.10.08", "2031.10.08"), "桐乡市公安局")
TB = P("孙浩然", "男", "1999-12-20", "330411", "191", "浙江省嘉兴市秀洲区新城街道洪兴路29号", ("2019.03.15", "2029.03.15"),
       "嘉兴市公安局秀洲区分局")
TC_EXP = P("何佳颖", "女", "2000-05-26", "330402", "480", "浙江省嘉兴市南湖区东栅街道东栅路52号", ("2016.07.01", "2026.07.01"))
SCHOOL = "嘉禾师范学院"
OPINION = ("该同志政治立场坚定，热爱祖国，拥护中国共产党的领导，遵纪守法，具有良好的思想品德和职业道德。在校期间学习刻苦，"
           "尊敬师长，团结同学，积极参加志愿服务和教育实习，无违法违纪记录。同意其申请认定教师资格。")


def kin_body(dead: Person, app: Person, rel: str, dday) -> str:
    return (f"兹证明{dead.name}（公民身份号码：{dead.id}），生前户籍地址为{dead.addr}，于{cn_date(dday)}因病去世。"
            f"{app.name}（公民身份号码：{app.id}）系{dead.name}之{rel}，双方为直系亲属关系。")


def conduct_letter_body(pp: Person) -> str:
    return (f"{pp.name}，{pp.sex}，{pp.birth.year}年{pp.birth.month}月生，公民身份号码{pp.id}，户籍在我街道辖区。"
            "经调查了解，该同志热爱祖国，拥护中国共产党的领导，遵守国家法律法规和社会公德，思想品德良好，无违法犯罪记录，"
            "未发现有违反教师职业道德的行为。同意其申请认定教师资格。")


# ----------------------------------------------------------------------------------------------
# cases
NEWBORN_DOCS = {"birth-certificate": "出生医学证明", "parents-household-register": "户口簿", "parents-id-cards": "居民身份证",
                "marriage-certificate": "结婚证", "late-statement": "情况说明"}
COMPANY_DOCS = {"application-form": "申请书", "articles-of-association": "公司章程", "shareholder-identity": "居民身份证",
                "domicile-proof": "房屋租赁合同", "legal-rep-appointment": "股东会决议"}
FUNERAL_DOCS = {"death-proof": "居民死亡医学证明", "claim-form": "申领表", "claimant-id-card": "居民身份证",
                "kinship-certificate": "证明信", "bank-account": "银行卡"}
RENTAL_DOCS = {"lease-contract": "房屋租赁合同", "property-certificate": "不动产权证书", "lessor-id": "居民身份证",
               "lessee-id": "居民身份证", "power-of-attorney": "授权委托书", "agent-id": "居民身份证"}
TEACHER_DOCS = {"applicant-id-card": "居民身份证", "medical-exam-form": "体检表", "diploma": "毕业证书",
                "putonghua-certificate": "普通话水平测试等级证书", "conduct-appraisal": "思想品德鉴定表"}


def _case(name, item, scenario, files, expected, docs, override=None):
    d = {k: docs[k] for k in expected}
    d.update(override or {})
    return Case(name, item, scenario, files, expected, d)


def _ok(keys, **changes):
    e = {k: "ok" for k in keys}
    e.update({k.replace("_", "-"): v for k, v in changes.items()})
    return e


def newborn_cases():
    item = "newborn-household-registration"
    base = ["birth-certificate", "parents-household-register", "parents-id-cards", "marriage-certificate"]
    late = base + ["late-statement"]
    out = []

    def hukou(f, m, s, sealed=True):
        return lambda: [hukou_home(f, "330402" + str(100000 + s % 899999), f.addr, s, sealed),
                        hukou_card(f, "户主", s + 1, sealed, work="嘉兴某科技公司"), hukou_card(m, "妻", s + 2, sealed)]

    # N1 everything right
    n = "newborn-01-ready"
    out.append(_case(n, item, None, [
        File("出生证.jpg", b_photo(lambda: birth_cert(BABY_A, MA, FA, 11), sd(n, 1)), "出生医学证明 手机照片 JPEG 横版"),
        File("户口本.pdf", b_scanpdf(hukou(FA, MA, 21), sd(n, 2)), "户口簿 首页+户主页+妻页 扫描PDF 3页"),
        File("身份证复印件.pdf", b_scanpdf(lambda: id_copy_sheet([(FA, "front"), (MA, "front"), (FA, "back"), (MA, "back")], 31,
                                                               note="复印件与原件一致", note_sig=FA.name, layout="g"), sd(n, 3)),
             "父母身份证正反面 四张同页复印件 扫描PDF"),
        File("IMG_3021.HEIC", b_photo(lambda: marriage_cert(FA, MA, D("2020-05-20"), "J330402-2020-003412", 41), sd(n, 4), "heic"),
             "结婚证内页 iPhone照片 HEIC"),
    ], _ok(base), NEWBORN_DOCS))

    # N2 marriage certificate missing, many phone photos, a selfie
    n = "newborn-02-no-marriage-cert"
    out.append(_case(n, item, None, [
        File("微信图片_20261128101523.jpg", b_photo(lambda: birth_cert(BABY_B, MB, FB, 12), sd(n, 1), low=True),
             "出生医学证明 暗光手机照片"),
        File("户口簿首页.webp", b_photo(lambda: hukou(FB, MB, 22)()[0], sd(n, 2), "webp"), "户口簿首页 照片 WebP"),
        File("户口簿-徐子轩.webp", b_photo(lambda: hukou(FB, MB, 22)()[1], sd(n, 3), "webp"), "户口簿户主页 照片 WebP"),
        File("户口簿-朱晓雯.webp", b_photo(lambda: hukou(FB, MB, 22)()[2], sd(n, 4), "webp"), "户口簿妻页 照片 WebP"),
        File("老公身份证正面.webp", b_photo(lambda: id_front(FB, 32), sd(n, 5), "webp"), "父亲身份证正面 照片"),
        File("老公身份证反面.webp", b_photo(lambda: id_back(FB, 32), sd(n, 6), "webp"), "父亲身份证反面 照片"),
        File("我的身份证.jpg", b_scanimg(lambda: id_copy_sheet([(MB, "front"), (MB, "back")], 33), sd(n, 7)),
             "母亲身份证正反面同页复印件 扫描JPEG"),
        File("IMG_5520.jpg", b_raw(lambda: no_text_image(sd(n, 8))), "自拍样照片 无文字（无关）"),
    ], _ok(base, marriage_certificate="missing"), NEWBORN_DOCS))

    # N3 birth certificate without the hospital's seal
    n = "newborn-03-birth-cert-unsealed"
    out.append(_case(n, item, None, [
        File("出生医学证明.pdf", b_scanpdf(lambda: birth_cert(BABY_A, MA, FA, 13, sealed=False), sd(n, 1), gray=False),
             "出生医学证明 无出生医学证明专用章 彩色扫描PDF"),
        File("户口簿.pdf", b_scanpdf(hukou(FA, MA, 23), sd(n, 2)), "户口簿3页 扫描PDF"),
        File("身份证.jpg", b_scanimg(lambda: id_copy_sheet([(FA, "front"), (FA, "back"), (MA, "front"), (MA, "back")], 34,
                                                         layout="g", watermark="仅供办理出生登记使用"), sd(n, 3)),
             "父母身份证正反面 同页复印件 水印 扫描JPEG"),
        File("结婚证.pdf", b_scanpdf(lambda: marriage_cert(FA, MA, D("2020-05-20"), "J330402-2020-003412", 43), sd(n, 4), gray=False),
             "结婚证 彩色扫描PDF"),
    ], _ok(base, birth_certificate="invalid"), NEWBORN_DOCS))

    # N4 mother's ID card: front side only; hukou pages out of order; rotated photos
    n = "newborn-04-mother-id-front-only"
    out.append(_case(n, item, None, [
        File("IMG_0417.HEIC", b_photo(lambda: birth_cert(BABY_B, MB, FB, 14), sd(n, 1), "heic"), "出生医学证明 iPhone照片 HEIC"),
        File("扫描件1.pdf", b_scanpdf(hukou(FB, MB, 24), sd(n, 2), order=[2, 0, 1]), "户口簿3页 页序颠倒 扫描PDF"),
        File("IMG_0418.jpg", b_photo(lambda: id_copy_sheet([(FB, "front"), (FB, "back")], 35), sd(n, 3), exif=6),
             "父亲身份证正反面复印件 照片 EXIF方向=6（像素旋转存储）"),
        File("IMG_0419.jpg", b_photo(lambda: id_front(MB, 36), sd(n, 4)), "母亲身份证 仅正面 照片"),
        File("IMG_0420.jpg", b_photo(lambda: marriage_cert(FB, MB, D("2021-10-01"), "J330402-2021-005107", 44), sd(n, 5), rot=180),
             "结婚证 照片 倒置180°"),
    ], _ok(base, parents_id_cards="invalid"), NEWBORN_DOCS))

    # N5 one scanned PDF with everything shuffled; father's ID card expired
    n = "newborn-05-album-pdf-father-id-expired"
    mk = [lambda: birth_cert(BABY_B, MB, FB_EXP, 15), hukou(FB_EXP, MB, 25), lambda: id_front(FB_EXP, 37),
          lambda: id_back(FB_EXP, 37), lambda: id_front(MB, 38), lambda: id_back(MB, 38),
          lambda: marriage_cert(FB_EXP, MB, D("2021-10-01"), "J330402-2021-005107", 45)]
    out.append(_case(n, item, None, [
        File("扫描全能王 2026-11-28 10.14.pdf", b_album_pdf(mk, sd(n, 1), order=[8, 0, 4, 1, 2, 3, 5, 7, 6]),
             "混合相册：出生证明、户口簿3页、父母身份证四面、结婚证 一个扫描PDF 9页 乱序；父亲身份证已过期"),
        File("小票.jpg", b_photo(lambda: receipt(sd(n, 2)), sd(n, 2)), "超市小票（无关）"),
    ], _ok(base, parents_id_cards="invalid"), NEWBORN_DOCS))

    # N6 late registration, everything right
    n = "newborn-06-late-ready"
    out.append(_case(n, item, "late-registration", [
        File("出生医学证明.png", b_image(lambda: birth_cert(BABY_C, MC, FC, 16), sd(n, 1), "png"), "出生医学证明 扫描导出PNG"),
        File("户口簿.pdf", b_scanpdf(hukou(FC, MC, 26), sd(n, 2)), "户口簿3页 扫描PDF"),
        File("夫妻身份证.jpg", b_photo(lambda: id_copy_sheet([(FC, "front"), (FC, "back"), (MC, "front"), (MC, "back")], 39,
                                                            layout="g"), sd(n, 3)), "父母身份证四面同页复印件 照片"),
        File("结婚证.jpg", b_photo(lambda: marriage_cert(FC, MC, D("2018-10-08"), "J330402-2018-002219", 46), sd(n, 4)),
             "结婚证 照片"),
        File("情况说明.jpg", b_photo(lambda: late_statement(BABY_C, FC, MC, "因孩子出生后住院治疗，家人忙于照顾，", D("2026-11-24"), 56),
                                    sd(n, 5)), "手写情况说明 已签名 2026-11-24 照片"),
    ], _ok(late), NEWBORN_DOCS))

    # N7 late, statement not signed; premarital check certificate instead of marriage certificate
    n = "newborn-07-late-unsigned-wrong-doc"
    out.append(_case(n, item, "late-registration", [
        File("IMG_7781.HEIC", b_photo(lambda: birth_cert(BABY_C, MC, FC, 17), sd(n, 1), "heic"), "出生医学证明 HEIC"),
        File("户口簿.pdf", b_scanpdf(hukou(FC, MC, 27), sd(n, 2)), "户口簿3页 扫描PDF"),
        File("身份证.pdf", b_scanpdf(lambda: [id_copy_sheet([(FC, "front"), (FC, "back")], 40),
                                           id_copy_sheet([(MC, "front"), (MC, "back")], 41)], sd(n, 3)), "父母身份证复印件 2页 扫描PDF"),
        File("结婚证明.jpg", b_photo(lambda: premarital_exam(FC, MC, 47), sd(n, 4)), "婚前医学检查证明（不是结婚证）照片"),
        File("情况说明.jpg", b_photo(lambda: late_statement(BABY_C, FC, MC, "因本人长期在外地工作，", D("2026-11-26"), 57, signed=False),
                                    sd(n, 5)), "手写情况说明 签名处空白"),
    ], _ok(late, late_statement="invalid", marriage_certificate="missing"), NEWBORN_DOCS))

    # N8 late, statement dated three months ago; very large photos
    n = "newborn-08-late-statement-old"
    out.append(_case(n, item, "late-registration", [
        File("IMG_20261129_093012.jpg", b_photo(lambda: birth_cert(BABY_C, MC, FC, 18), sd(n, 1), big=(4000, 3000)),
             "出生医学证明 4000×3000 照片"),
        File("IMG_20261129_093101.jpg", b_photo(hukou(FC, MC, 28), sd(n, 2), idx=0, big=(4000, 3000)), "户口簿首页 4000×3000 照片"),
        File("IMG_20261129_093140.jpg", b_photo(lambda: sheet_of([render(p, 150) for p in hukou(FC, MC, 28)()[1:]], 5, "h"),
                                                sd(n, 3), big=(4000, 3000)), "户口簿户主页和妻页 并排一张 照片"),
        File("IMG_20261129_093233.jpg", b_photo(lambda: id_copy_sheet([(FC, "front"), (FC, "back"), (MC, "front"), (MC, "back")],
                                                                      42, layout="g"), sd(n, 4), big=(4000, 3000)),
             "父母身份证四面复印件 4000×3000 照片"),
        File("IMG_20261129_093301.jpg", b_photo(lambda: marriage_cert(FC, MC, D("2018-10-08"), "J330402-2018-002219", 48), sd(n, 5),
                                                big=(4000, 3000)), "结婚证 4000×3000 照片"),
        File("说明.pdf", b_scanpdf(lambda: late_statement(BABY_C, FC, MC, "因办理出生医学证明更正耽误，", D("2026-09-02"), 58),
                                 sd(n, 6)), "手写情况说明 已签名 落款2026-09-02（超过30天） 扫描PDF"),
    ], _ok(late, late_statement="invalid"), NEWBORN_DOCS))
    return out


def company_cases():
    item = "company-establishment"
    base = ["application-form", "articles-of-association", "shareholder-identity", "domicile-proof", "legal-rep-appointment"]
    out = []
    lease_ok = lambda s: lease(LANDLORD, SH1, HOUSE_CO, D("2026-11-15"), D("2029-11-14"), s, D("2026-11-10"),
                               purpose="办公", rent="4500", pages=2)
    deed_ll = lambda s: property_cert(LANDLORD, HOUSE_CO, s)
    id_pdf = lambda holders, s, wm="仅供办理公司设立登记使用": b_scanpdf(
        lambda: [id_copy_sheet([(h, "front"), (h, "back")], s + i, watermark=wm) for i, h in enumerate(holders)], s)

    n = "company-01-ready"
    out.append(_case(n, item, None, [
        File("公司登记（备案）申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, SH1.id, D("2026-11-26"), 101), "申请书"),
             "申请书 2页 文本PDF 已签字"),
        File("章程.pdf", b_textpdf(lambda: articles(CO, HOLDERS, D("2026-11-26"), 102)), "公司章程 文本PDF 全体股东签字"),
        File("股东身份证.pdf", id_pdf([SH1, SH2], sd(n, 3)), "两位股东身份证正反面复印件 水印 扫描PDF 2页"),
        File("租赁合同.jpg", b_photo(lambda: sheet_of([render(p, 120) for p in lease_ok(103)], 7, "h"), sd(n, 4)),
             "租赁合同两页并排 照片"),
        File("房东房产证.jpg", b_photo(lambda: sheet_of([render(p, 150) for p in deed_ll(104)], 8, "v"), sd(n, 5)),
             "出租方不动产权证书两页 照片"),
        File("股东会决议.jpg", b_photo(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-26"), 105), sd(n, 6)),
             "股东会决议 全体股东签字 照片"),
    ], _ok(base), COMPANY_DOCS))

    n = "company-02-application-unsigned"
    out.append(_case(n, item, None, [
        File("申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, SH1.id, D("2026-11-27"), 111, signed=False)),
             "申请书 文本PDF 法定代表人签字处空白"),
        File("公司章程（签字版）.pdf", b_scanpdf(lambda: articles(CO, HOLDERS, D("2026-11-27"), 112), sd(n, 2)), "章程 4页 扫描PDF"),
        File("周立衡正面.webp", b_photo(lambda: id_front(SH1, 113), sd(n, 3), "webp"), "股东1身份证正面"),
        File("周立衡反面.webp", b_photo(lambda: id_back(SH1, 113), sd(n, 4), "webp"), "股东1身份证反面"),
        File("沈佳怡身份证.webp", b_photo(lambda: id_copy_sheet([(SH2, "front"), (SH2, "back")], 114), sd(n, 5), "webp"),
             "股东2身份证正反面复印件 照片"),
        File("产权证.pdf", b_scanpdf(lambda: property_cert(SH1, HOUSE_CO, 115), sd(n, 6)), "股东自有不动产权证书 扫描PDF 2页"),
        File("IMG_2210.HEIC", b_photo(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-27"), 116), sd(n, 7), "heic"),
             "股东会决议 HEIC"),
    ], _ok(base, application_form="invalid"), COMPANY_DOCS, {"domicile-proof": "不动产权证书"}))

    n = "company-03-articles-one-page-no-resolution"
    out.append(_case(n, item, None, [
        File("申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, SH1.id, D("2026-11-20"), 121)), "申请书 文本PDF"),
        File("章程签字页.jpg", b_photo(lambda: articles(CO, HOLDERS, D("2026-11-20"), 122)[-1], sd(n, 2)),
             "章程仅最后签字页 1页 照片"),
        File("股东身份证.pdf", id_pdf([SH1, SH2], sd(n, 3)), "两位股东身份证复印件 扫描PDF"),
        File("租赁合同.pdf", b_textpdf(lambda: lease_ok(123)), "租赁合同 文本PDF 2页 双方签字"),
        File("微信图片_20261127.jpg", b_photo(lambda: menu(sd(n, 5)), sd(n, 5)), "面馆菜单（无关）"),
    ], _ok(base, articles_of_association="invalid", legal_rep_appointment="missing"), COMPANY_DOCS))

    n = "company-04-id-mismatch-expired-shareholder"
    other = make_id("330102", "19880521", "431")
    out.append(_case(n, item, None, [
        File("申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, other, D("2026-11-25"), 131)),
             "申请书 法定代表人身份证号与上传身份证不一致（号码本身校验有效）"),
        File("章程.pdf", b_textpdf(lambda: articles(CO, HOLDERS, D("2026-11-25"), 132)), "章程 文本PDF"),
        File("身份证.pdf", id_pdf([SH1, SH2_EXP], sd(n, 3)), "股东身份证复印件 其中沈佳怡身份证2023年到期"),
        File("租房合同.jpg", b_photo(lambda: sheet_of([render(p, 120) for p in lease_ok(133)], 9, "h"), sd(n, 4), low=True),
             "租赁合同两页并排 暗光照片"),
        File("决议.pdf", b_scanpdf(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-25"), 134), sd(n, 5)),
             "股东会决议 扫描PDF"),
    ], _ok(base, application_form="needs_staff", shareholder_identity="invalid"), COMPANY_DOCS))

    n = "company-05-articles-unsigned-lease-ended"
    out.append(_case(n, item, None, [
        File("申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, SH1.id, D("2026-11-24"), 141)), "申请书 文本PDF"),
        File("章程.pdf", b_scanpdf(lambda: articles(CO, HOLDERS, D("2026-11-24"), 142, unsigned={"沈佳怡"}), sd(n, 2),
                                  order="rev"), "章程 扫描PDF 页序乱 股东沈佳怡签字处空白"),
        File("身份证.pdf", id_pdf([SH1, SH2], sd(n, 3)), "股东身份证复印件"),
        File("租赁合同.pdf", b_scanpdf(lambda: lease(LANDLORD, SH1, HOUSE_CO, D("2023-07-01"), D("2026-06-30"), 143,
                                                  D("2023-06-20"), purpose="办公", rent="4200", pages=2), sd(n, 4)),
             "租赁合同 租期2023-07-01至2026-06-30（已到期） 扫描PDF"),
        File("股东会决议.webp", b_photo(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-24"), 144), sd(n, 5), "webp"),
             "股东会决议 WebP"),
    ], _ok(base, articles_of_association="invalid", domicile_proof="invalid"), COMPANY_DOCS))

    n = "company-06-photo-album-shareholder-back-only"
    app = lambda: company_application(CO, SH1, SH1.id, D("2026-11-23"), 151)
    art = lambda: articles(CO, HOLDERS, D("2026-11-23"), 152)
    files = [File("IMG_4101.jpg", b_photo(app, sd(n, 1), idx=0), "申请书第1页 照片"),
             File("IMG_4102.jpg", b_photo(app, sd(n, 2), idx=1), "申请书第2页 签字页 照片")]
    for i in range(3):
        files.append(File(f"IMG_41{i + 3:02d}.jpg", b_photo(art, sd(n, 3 + i), idx=i, exif=6 if i == 1 else None),
                          f"章程第{i + 1}页 照片" + (" EXIF旋转" if i == 1 else "")))
    files += [
        File("IMG_4107.jpg", b_photo(lambda: id_copy_sheet([(SH1, "front"), (SH1, "back")], 153), sd(n, 7)), "股东1身份证正反面复印件"),
        File("IMG_4108.jpg", b_photo(lambda: id_back(SH2, 154), sd(n, 8)), "股东2身份证 仅反面 照片"),
        File("IMG_4109.jpg", b_photo(deed_ll(155), sd(n, 9), idx=0), "不动产权证书登记页 照片"),
        File("IMG_4110.jpg", b_photo(deed_ll(155), sd(n, 10), idx=1), "不动产权证书权利页 照片"),
        File("IMG_4111.jpg", b_photo(lambda: lease_ok(156), sd(n, 11), idx=0), "租赁合同第1页"),
        File("IMG_4112.jpg", b_photo(lambda: lease_ok(156), sd(n, 12), idx=1), "租赁合同第2页 签字页"),
        File("IMG_4113.jpg", b_photo(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-23"), 157), sd(n, 13)), "股东会决议"),
        File("IMG_4114.jpg", b_photo(lambda: menu(sd(n, 14)), sd(n, 14)), "菜单（无关）"),
    ]
    out.append(_case(n, item, None, files, _ok(base, shareholder_identity="invalid"), COMPANY_DOCS))

    n = "company-07-bad-id-digit-wrong-domicile-doc"
    out.append(_case(n, item, None, [
        File("申请书.pdf", b_textpdf(lambda: company_application(CO, SH1, bad_check(SH1.id), D("2026-11-28"), 161)),
             "申请书 法定代表人身份证号校验位错误"),
        File("章程.pdf", b_textpdf(lambda: articles(CO, HOLDERS, D("2026-11-28"), 162)), "章程 文本PDF"),
        File("股东身份证.pdf", id_pdf([SH1, SH2], sd(n, 3), None), "股东身份证复印件"),
        File("住所证明.jpg", b_photo(lambda: receipt(sd(n, 4), "创新大厦物业服务中心 收款收据",
                                                    [("物业管理费 2026.10-12", 1296.0), ("公共能耗费", 215.5)]), sd(n, 4)),
             "物业费收据（不是住所使用证明）"),
        File("决议.jpg", b_photo(lambda: shareholder_resolution(CO, HOLDERS, SH1, D("2026-11-28"), 165), sd(n, 5)), "股东会决议"),
    ], _ok(base, application_form="invalid", domicile_proof="missing"), COMPANY_DOCS))
    return out


def funeral_cases():
    item = "funeral-subsidy-pension-claim"
    base = ["death-proof", "claim-form", "claimant-id-card", "kinship-certificate", "bank-account"]
    out = []
    DD1, DD2 = D("2026-11-09"), D("2026-11-14")
    org1 = "嘉兴市南湖区新兴街道梅湾社区居民委员会"
    org2 = "嘉兴市南湖区建设街道勤俭社区居民委员会"
    kin1 = lambda s, date=D("2026-11-20"), sealed=True, style=0: letterhead_letter(
        org1, "MEIWAN COMMUNITY RESIDENTS' COMMITTEE, XINXING SUBDISTRICT" if style == 0 else "", "证  明",
        kin_body(DEAD1, SON1, "子", DD1), date, s, sealed, addr="地址：嘉兴市南湖区梅湾街101号  电话：0573-82090000", style=style)
    kin2 = lambda s, date=D("2026-11-21"), sealed=True: letterhead_letter(
        org2, "", "亲属关系证明", kin_body(DEAD2, DAU2, "女", DD2), date, s, sealed, style=1)

    n = "funeral-01-ready"
    out.append(_case(n, item, None, [
        File("死亡证明.pdf", b_scanpdf(lambda: death_cert(DEAD1, DD1, "医院", ("呼吸衰竭", "慢性阻塞性肺疾病"), 201), sd(n, 1)),
             "居民死亡医学证明（推断）书 扫描PDF"),
        File("申领表.pdf", b_textpdf(lambda: funeral_form(DEAD1, SON1, SON1.id, "儿子", ACCT1, D("2026-11-25"), 202, dday=DD1)),
             "死亡待遇申领表 横版 文本PDF 已签字"),
        File("身份证.jpg", b_scanimg(lambda: id_copy_sheet([(SON1, "front"), (SON1, "back")], 203,
                                                         note="此复印件仅用于领取丧葬补助金", note_sig=SON1.name), sd(n, 3)),
             "申领人身份证正反面复印件 扫描JPEG"),
        File("IMG_6632.HEIC", b_photo(lambda: kin1(204), sd(n, 4), "heic"), "社区居委会亲属关系证明 信笺 盖章 HEIC"),
        File("银行卡.jpg", b_photo(lambda: bank_card(ACCT1, 205), sd(n, 5)), "银行卡 照片"),
    ], _ok(base), FUNERAL_DOCS))

    n = "funeral-02-kinship-unsealed"
    out.append(_case(n, item, None, [
        File("火化证.jpg", b_photo(lambda: cremation_cert(DEAD2, D("2026-11-17"), 211), sd(n, 1)), "殡仪馆火化证明 照片"),
        File("申领表.pdf", b_scanpdf(lambda: funeral_form(DEAD2, DAU2, DAU2.id, "女儿", ACCT2, D("2026-11-24"), 212, dday=DD2),
                                   sd(n, 2)), "申领表 扫描PDF"),
        File("身份证正面.jpg", b_photo(lambda: id_front(DAU2, 213), sd(n, 3)), "申领人身份证正面"),
        File("身份证背面.jpg", b_photo(lambda: id_back(DAU2, 213), sd(n, 4)), "申领人身份证反面"),
        File("关系证明.jpg", b_photo(lambda: kin2(214, sealed=False), sd(n, 5)), "亲属关系证明 无公章"),
        File("存折.webp", b_photo(lambda: passbook(DAU2.name, ACCT2, 215), sd(n, 6), "webp"), "存折首页 WebP"),
    ], _ok(base, kinship_certificate="invalid"), FUNERAL_DOCS, {"death-proof": "火化证明", "bank-account": "存折"}))

    n = "funeral-03-kinship-undated-id-front-only"
    out.append(_case(n, item, None, [
        File("死亡证明.jpg", b_photo(lambda: death_cert(DEAD1, DD1, "家中", ("心源性猝死", "冠状动脉粥样硬化性心脏病"), 221), sd(n, 1)),
             "死亡医学证明 照片"),
        File("申请表.pdf", b_textpdf(lambda: funeral_form(DEAD1, SON1, SON1.id, "儿子", ACCT1, D("2026-11-27"), 222, dday=DD1)),
             "申领表 文本PDF"),
        File("IMG_1193.jpg", b_photo(lambda: id_front(SON1, 223), sd(n, 3)), "申领人身份证 仅正面"),
        File("证明.jpg", b_photo(lambda: kin1(224, date=None), sd(n, 4)), "亲属关系证明 盖章 但无落款日期"),
        File("卡.jpg", b_photo(lambda: bank_card(ACCT1, 225), sd(n, 5), rot=90), "银行卡 照片 旋转90°"),
    ], _ok(base, claimant_id_card="invalid", kinship_certificate="needs_staff"), FUNERAL_DOCS))

    n = "funeral-04-kinship-old-form-unsigned"
    out.append(_case(n, item, None, [
        File("火化证明.pdf", b_scanpdf(lambda: cremation_cert(DEAD2, D("2026-11-17"), 231), sd(n, 1)), "火化证明 扫描PDF"),
        File("申领表.jpg", b_photo(lambda: funeral_form(DEAD2, DAU2, DAU2.id, "女儿", ACCT2, D("2026-11-26"), 232, signed=False,
                                                      dday=DD2), sd(n, 2)), "申领表 照片 申领人签字处空白"),
        File("身份证.pdf", b_scanpdf(lambda: id_copy_sheet([(DAU2, "front"), (DAU2, "back")], 233), sd(n, 3)), "身份证复印件"),
        File("亲属关系证明.jpg", b_photo(lambda: kin2(234, date=D("2026-05-12")), sd(n, 4)), "亲属关系证明 2026-05-12出具（超过90天）"),
        File("存折.jpg", b_photo(lambda: passbook(DAU2.name, ACCT2, 235), sd(n, 5)), "存折 照片"),
    ], _ok(base, claim_form="invalid", kinship_certificate="invalid"), FUNERAL_DOCS,
        {"death-proof": "火化证明", "bank-account": "存折"}))

    n = "funeral-05-form-id-mismatch-no-death-proof"
    other = make_id("330402", "19840815", "053")
    out.append(_case(n, item, None, [
        File("医院发票.jpg", b_photo(lambda: fee_receipt(DEAD1.name, 241), sd(n, 1)), "医院门诊收费票据（不是死亡证明）"),
        File("申领表.pdf", b_textpdf(lambda: funeral_form(DEAD1, SON1, other, "儿子", ACCT1, D("2026-11-28"), 242, dday=DD1)),
             "申领表 申领人身份证号与上传身份证不一致"),
        File("身份证.png", b_screenshot(lambda: id_copy_sheet([(SON1, "front"), (SON1, "back")], 243), sd(n, 3), "扫描文件"),
             "身份证正反面复印件 手机截图PNG"),
        File("证明.pdf", b_scanpdf(lambda: kin1(244, style=1), sd(n, 4)), "亲属关系证明 扫描PDF"),
        File("银行卡.HEIC", b_photo(lambda: bank_card(ACCT1, 245), sd(n, 5), "heic"), "银行卡 HEIC"),
    ], _ok(base, death_proof="missing", claim_form="needs_staff"), FUNERAL_DOCS))

    n = "funeral-06-album-pdf-id-expired"
    mk = [lambda: funeral_form(DEAD2, DAU2_EXP, DAU2_EXP.id, "女儿", ACCT2, D("2026-11-23"), 251, dday=DD2),
          lambda: death_cert(DEAD2, DD2, "医院", ("多器官功能衰竭", "肺部感染"), 252), lambda: id_front(DAU2_EXP, 253),
          lambda: id_back(DAU2_EXP, 253), lambda: kin2(254), lambda: passbook(DAU2.name, ACCT2, 255)]
    out.append(_case(n, item, None, [
        File("材料.pdf", b_album_pdf(mk, sd(n, 1), order=[3, 1, 5, 0, 2, 4]),
             "混合相册：申领表、死亡证明、身份证两面、关系证明、存折 一个PDF 乱序；身份证2016年到期"),
    ], _ok(base, claimant_id_card="invalid"), FUNERAL_DOCS, {"bank-account": "存折"}))

    n = "funeral-07-no-bank-big-photos"
    out.append(_case(n, item, None, [
        File("IMG_20261130_141502.jpg", b_photo(lambda: death_cert(DEAD1, DD1, "医院", ("呼吸衰竭", "慢性阻塞性肺疾病"), 261),
                                                sd(n, 1), big=(4000, 3000)), "死亡证明 4000×3000"),
        File("IMG_20261130_141533.jpg", b_photo(lambda: funeral_form(DEAD1, SON1, SON1.id, "儿子", ACCT1, D("2026-11-30"), 262,
                                                                     dday=DD1), sd(n, 2), big=(4000, 3000), rot=180),
             "申领表 4000×3000 倒置"),
        File("IMG_20261130_141610.jpg", b_photo(lambda: id_copy_sheet([(SON1, "front"), (SON1, "back")], 263), sd(n, 3),
                                                big=(4000, 3000)), "身份证正反面复印件 4000×3000"),
        File("IMG_20261130_141655.jpg", b_photo(lambda: kin1(264), sd(n, 4), big=(4000, 3000)), "亲属关系证明 4000×3000"),
        File("IMG_20261130_141720.jpg", b_raw(lambda: no_text_image(sd(n, 5), (3000, 4000))), "无文字人像照片（无关）"),
    ], _ok(base, bank_account="missing"), FUNERAL_DOCS))
    return out


def rental_cases():
    item = "housing-lease-filing"
    base = ["lease-contract", "property-certificate", "lessor-id", "lessee-id"]
    agent = base + ["power-of-attorney", "agent-id"]
    out = []
    L = lambda s, **kw: lease(LESSOR, LESSEE, HOUSE_R, D("2026-11-20"), D("2027-11-19"), s, D("2026-11-18"), **kw)
    deed = lambda s, sealed=True: property_cert(LESSOR, HOUSE_R, s, sealed, D("2018-09-14"))
    idsheet = lambda pp, s, **kw: (lambda: id_copy_sheet([(pp, "front"), (pp, "back")], s, **kw))
    matter = "坐落于" + HOUSE_R["addr"] + "房屋的租赁登记备案"

    n = "rental-01-ready"
    out.append(_case(n, item, None, [
        File("房屋租赁合同.pdf", b_textpdf(lambda: L(301)), "租赁合同 3页 文本PDF 双方签字"),
        File("不动产权证书.pdf", b_scanpdf(lambda: deed(302), sd(n, 2), gray=False), "不动产权证书2页 彩色扫描PDF"),
        File("房东身份证.pdf", b_scanpdf(idsheet(LESSOR, 303, watermark="仅供房屋租赁备案使用"), sd(n, 3)), "出租人身份证复印件 水印"),
        File("身份证正面.webp", b_photo(lambda: id_front(LESSEE, 304), sd(n, 4), "webp"), "承租人身份证正面 WebP"),
        File("身份证反面.webp", b_photo(lambda: id_back(LESSEE, 304), sd(n, 5), "webp"), "承租人身份证反面 WebP"),
    ], _ok(base), RENTAL_DOCS))

    n = "rental-02-lessee-unsigned"
    out.append(_case(n, item, None, [
        File("合同.pdf", b_scanpdf(lambda: L(311, sign_b=False), sd(n, 1)), "租赁合同 扫描PDF 乙方签字处空白"),
        File("产权证.jpg", b_photo(lambda: sheet_of([render(p, 150) for p in deed(312)], 12, "v"), sd(n, 2)), "不动产权证书2页 照片"),
        File("甲方身份证.jpg", b_photo(idsheet(LESSOR, 313), sd(n, 3)), "出租人身份证复印件 照片"),
        File("乙方身份证.jpg", b_photo(idsheet(LESSEE, 314), sd(n, 4)), "承租人身份证复印件 照片"),
    ], _ok(base, lease_contract="invalid"), RENTAL_DOCS))

    n = "rental-03-purchase-contract-lessor-id-expired"
    L2 = lambda s: lease(LESSOR2, LESSEE, HOUSE_R2, D("2026-12-01"), D("2027-05-31"), s, D("2026-11-22"), rent="2300")
    out.append(_case(n, item, None, [
        File("IMG_8801.jpg", b_photo(lambda: sheet_of([render(p, 120) for p in L2(321)[:2]], 13, "h"), sd(n, 1)),
             "租赁合同第1、2页并排 照片"),
        File("IMG_8802.jpg", b_photo(lambda: L2(321)[2], sd(n, 2)), "租赁合同第3页 签字页 照片"),
        File("房产证.jpg", b_photo(lambda: purchase_contract(LESSOR2, HOUSE_R2, 322), sd(n, 3)), "商品房买卖合同封面（不是不动产权证书）"),
        File("房东身份证.jpg", b_photo(idsheet(LESSOR2, 323), sd(n, 4)), "出租人身份证复印件 有效期至2022年"),
        File("我的身份证.pdf", b_scanpdf(idsheet(LESSEE, 324), sd(n, 5)), "承租人身份证复印件"),
    ], _ok(base, property_certificate="missing", lessor_id="invalid"), RENTAL_DOCS, {"property-certificate": "不动产权证书"}))

    n = "rental-04-deed-unsealed-lessee-one-side"
    out.append(_case(n, item, None, [
        File("租赁合同.pdf", b_textpdf(lambda: L(331)), "租赁合同 文本PDF"),
        File("不动产权证.pdf", b_scanpdf(lambda: deed(332, sealed=False), sd(n, 2)), "不动产权证书 无登记机构印章 扫描PDF"),
        File("房东身份证.png", b_image(idsheet(LESSOR, 333), sd(n, 3), "png"), "出租人身份证复印件 PNG"),
        File("IMG_3390.HEIC", b_photo(lambda: id_back(LESSEE, 334), sd(n, 4), "heic"), "承租人身份证 仅反面 HEIC"),
    ], _ok(base, property_certificate="invalid", lessee_id="invalid"), RENTAL_DOCS))

    n = "rental-05-agent-ready"
    out.append(_case(n, item, "via-agent", [
        File("租赁合同.pdf", b_textpdf(lambda: L(341)), "租赁合同 文本PDF"),
        File("房产证.pdf", b_scanpdf(lambda: deed(342), sd(n, 2)), "不动产权证书 扫描PDF"),
        File("身份证复印件.pdf", b_scanpdf(lambda: [id_copy_sheet([(LESSOR, "front"), (LESSOR, "back")], 343),
                                                 id_copy_sheet([(LESSEE, "front"), (LESSEE, "back")], 344)], sd(n, 3)),
             "出租人、承租人身份证复印件 2页"),
        File("委托书.jpg", b_photo(lambda: poa(LESSEE, AGENT, matter, D("2026-11-22"), 345), sd(n, 4)), "授权委托书 已签字 照片"),
        File("代办人身份证.jpg", b_photo(idsheet(AGENT, 346), sd(n, 5), exif=8), "受托人身份证复印件 照片 EXIF方向=8"),
    ], _ok(agent), RENTAL_DOCS))

    n = "rental-06-agent-poa-unsigned-no-agent-id"
    out.append(_case(n, item, "via-agent", [
        File("租赁合同.pdf", b_scanpdf(lambda: L(351), sd(n, 1), order=[1, 2, 0]), "租赁合同 扫描PDF 页序乱"),
        File("房产证.jpg", b_photo(lambda: deed(352), sd(n, 2), idx=0), "不动产权证书登记页 照片"),
        File("房产证2.jpg", b_photo(lambda: deed(352), sd(n, 3), idx=1), "不动产权证书权利页 照片"),
        File("房东身份证.jpg", b_scanimg(idsheet(LESSOR, 353), sd(n, 4)), "出租人身份证复印件"),
        File("承租人身份证.jpg", b_scanimg(idsheet(LESSEE, 354), sd(n, 5)), "承租人身份证复印件"),
        File("委托书.pdf", b_scanpdf(lambda: poa(LESSEE, AGENT, matter, D("2026-11-25"), 355, signed=False), sd(n, 6)),
             "授权委托书 委托人签字处空白"),
    ], _ok(agent, power_of_attorney="invalid", agent_id="missing"), RENTAL_DOCS))

    n = "rental-07-agent-poa-old-heic-album"
    out.append(_case(n, item, "via-agent", [
        File("IMG_5101.HEIC", b_photo(lambda: L(361), sd(n, 1), "heic", idx=0), "租赁合同第1页 HEIC"),
        File("IMG_5102.HEIC", b_photo(lambda: L(361), sd(n, 2), "heic", idx=1), "租赁合同第2页 HEIC"),
        File("IMG_5103.HEIC", b_photo(lambda: L(361), sd(n, 3), "heic", idx=2), "租赁合同第3页 签字页 HEIC"),
        File("IMG_5104.HEIC", b_photo(lambda: sheet_of([render(p, 150) for p in deed(362)], 14, "v"), sd(n, 4), "heic"),
             "不动产权证书2页 HEIC"),
        File("IMG_5105.HEIC", b_photo(lambda: id_copy_sheet([(LESSOR, "front"), (LESSOR, "back"), (LESSEE, "front"),
                                                             (LESSEE, "back")], 363, layout="g"), sd(n, 5), "heic"),
             "出租人和承租人身份证四面同页复印件 HEIC"),
        File("IMG_5106.HEIC", b_photo(idsheet(AGENT, 364), sd(n, 6), "heic"), "受托人身份证复印件 HEIC"),
        File("IMG_5107.HEIC", b_photo(lambda: poa(LESSEE, AGENT, matter, D("2026-08-03"), 365), sd(n, 7), "heic"),
             "授权委托书 2026-08-03（超过60天） HEIC"),
        File("IMG_5108.HEIC", b_photo(lambda: receipt(sd(n, 8)), sd(n, 8), "heic"), "超市小票（无关）"),
    ], _ok(agent, power_of_attorney="invalid"), RENTAL_DOCS))

    n = "rental-08-no-lease"
    out.append(_case(n, item, None, [
        File("产权证.pdf", b_scanpdf(lambda: property_cert(LESSOR2_OK, HOUSE_R2, 371, True, D("2020-10-09")), sd(n, 1)),
             "不动产权证书 扫描PDF"),
        File("房东身份证.jpg", b_photo(idsheet(LESSOR2_OK, 372), sd(n, 2), low=True), "出租人身份证复印件 暗光"),
        File("租客身份证.jpg", b_photo(idsheet(LESSEE, 373), sd(n, 3)), "承租人身份证复印件"),
        File("微信图片_20261129.jpg", b_photo(lambda: menu(sd(n, 4)), sd(n, 4)), "菜单（无关）"),
    ], _ok(base, lease_contract="missing"), RENTAL_DOCS))
    return out


def teacher_cases():
    item = "teacher-qualification"
    base = ["applicant-id-card", "medical-exam-form", "diploma", "putonghua-certificate", "conduct-appraisal"]
    out = []
    dip = lambda pp, s, no, degree=False: diploma(pp, SCHOOL, "汉语言文学（师范）", (2022, 2026) if pp is TA else (2018, 2022), no,
                                                  "蒋文华", s, degree)
    cond = lambda pp, s, date=D("2026-11-05"), sealed=True: conduct_form(pp, "嘉禾师范学院文学院党委", OPINION, date, s, sealed)
    psc = lambda pp, s: putonghua_ecert(pp, "二级甲等", "88.6", D("2025-05-18"), "33042500" + str(s).zfill(5), s)
    ids = lambda pp, s: (lambda: id_copy_sheet([(pp, "front"), (pp, "back")], s, note="与原件一致", note_sig=pp.name))

    n = "teacher-01-ready"
    out.append(_case(n, item, None, [
        File("身份证.pdf", b_scanpdf(ids(TA, 401), sd(n, 1)), "身份证正反面复印件 扫描PDF"),
        File("体检表.pdf", b_scanpdf(lambda: medical_form(TA, D("2026-10-15"), 402), sd(n, 2)), "体检表 医院盖章 主检医师签名 扫描PDF"),
        File("毕业证.jpg", b_photo(lambda: dip(TA, 403, "103561202605001234"), sd(n, 3)), "毕业证书 横版 照片"),
        File("普通话证书.png", b_screenshot(lambda: psc(TA, 404), sd(n, 4), "电子证书"), "普通话电子证书 手机截图PNG"),
        File("思想品德鉴定表.jpg", b_photo(lambda: cond(TA, 405), sd(n, 5)), "思想品德鉴定表 盖章 照片"),
    ], _ok(base), TEACHER_DOCS))

    n = "teacher-02-medical-unsealed-degree-not-diploma"
    out.append(_case(n, item, None, [
        File("身份证.jpg", b_photo(ids(TA, 411), sd(n, 1)), "身份证复印件 照片"),
        File("体检表.jpg", b_photo(lambda: medical_form(TA, D("2026-10-20"), 412, sealed=False), sd(n, 2)), "体检表 未盖医院章"),
        File("学历证书.jpg", b_photo(lambda: dip(TA, 413, "1035642026001287", degree=True), sd(n, 3)), "学士学位证书（不是毕业证书）"),
        File("普通话.pdf", b_textpdf(lambda: psc(TA, 414)), "普通话电子证书 文本PDF"),
        File("鉴定表.pdf", b_scanpdf(lambda: cond(TA, 415), sd(n, 5)), "思想品德鉴定表 扫描PDF"),
    ], _ok(base, medical_exam_form="invalid", diploma="missing"), TEACHER_DOCS, {"diploma": "毕业证书"}))

    n = "teacher-03-medical-old-conduct-unsealed"
    out.append(_case(n, item, None, [
        File("IMG_2601.jpg", b_photo(ids(TB, 421), sd(n, 1)), "身份证复印件"),
        File("IMG_2602.jpg", b_photo(lambda: medical_form(TB, D("2026-03-02"), 422), sd(n, 2)), "体检表 2026-03-02（超过180天）"),
        File("IMG_2603.jpg", b_photo(lambda: dip(TB, 423, "103561202205000518"), sd(n, 3)), "毕业证书"),
        File("IMG_2604.jpg", b_photo(lambda: psc(TB, 424), sd(n, 4)), "普通话证书打印件 照片"),
        File("IMG_2605.jpg", b_photo(lambda: cond(TB, 425, D("2026-11-12"), sealed=False), sd(n, 5)), "思想品德鉴定表 未盖章"),
    ], _ok(base, medical_exam_form="invalid", conduct_appraisal="invalid"), TEACHER_DOCS))

    n = "teacher-04-conduct-undated-id-front-only"
    out.append(_case(n, item, None, [
        File("身份证正面.jpg", b_photo(lambda: id_front(TA, 431), sd(n, 1)), "身份证仅正面"),
        File("体检表.pdf", b_scanpdf(lambda: medical_form(TA, D("2026-11-02"), 432), sd(n, 2)), "体检表 扫描PDF"),
        File("毕业证书.webp", b_photo(lambda: dip(TA, 433, "103561202605001234"), sd(n, 3), "webp"), "毕业证书 WebP"),
        File("普通话证书.png", b_screenshot(lambda: psc(TA, 434), sd(n, 4), "电子证书"), "普通话电子证书 截图"),
        File("鉴定表.jpg", b_photo(lambda: cond(TA, 435, None), sd(n, 5)), "思想品德鉴定表 盖章 日期空白"),
    ], _ok(base, applicant_id_card="invalid", conduct_appraisal="needs_staff"), TEACHER_DOCS))

    n = "teacher-05-medical-unsigned-no-putonghua"
    out.append(_case(n, item, None, [
        File("sfz.pdf", b_scanpdf(ids(TB, 441), sd(n, 1)), "身份证复印件"),
        File("tijian.pdf", b_scanpdf(lambda: medical_form(TB, D("2026-11-10"), 442, signed=False), sd(n, 2)),
             "体检表 盖章 主检医师签名处空白"),
        File("biye.jpg", b_photo(lambda: dip(TB, 443, "103561202205000518"), sd(n, 3), rot=90), "毕业证书 旋转90°"),
        File("jianding.pdf", b_textpdf(lambda: cond(TB, 444, D("2026-11-18"))), "思想品德鉴定表 文本PDF 盖章"),
    ], _ok(base, medical_exam_form="invalid", putonghua_certificate="missing"), TEACHER_DOCS))

    n = "teacher-06-heic-album-id-expired"
    out.append(_case(n, item, None, [
        File("IMG_7001.HEIC", b_photo(lambda: id_front(TC_EXP, 451), sd(n, 1), "heic"), "身份证正面 HEIC"),
        File("IMG_7002.HEIC", b_photo(lambda: id_back(TC_EXP, 451), sd(n, 2), "heic"), "身份证反面 有效期至2026-07-01 HEIC"),
        File("IMG_7003.HEIC", b_photo(lambda: medical_form(TC_EXP, D("2026-09-28"), 452), sd(n, 3), "heic"), "体检表 HEIC"),
        File("IMG_7004.HEIC", b_photo(lambda: diploma(TC_EXP, SCHOOL, "学前教育", (2018, 2022), "103561202205000907", "蒋文华", 453),
                                      sd(n, 4), "heic"), "毕业证书 HEIC"),
        File("IMG_7005.HEIC", b_photo(lambda: psc(TC_EXP, 454), sd(n, 5), "heic"), "普通话证书 HEIC"),
        File("IMG_7006.HEIC", b_photo(lambda: red_header("嘉兴市南湖区东栅街道办事处", "南东街证〔2026〕41号",
                                                         f"关于{TC_EXP.name}同志思想品德情况的证明", conduct_letter_body(TC_EXP), "嘉兴市南湖区东栅街道办事处",
                                                         D("2026-10-30"), 455), sd(n, 6), "heic"), "街道红头思想品德证明 HEIC"),
        File("IMG_7007.HEIC", b_photo(lambda: menu(sd(n, 7)), sd(n, 7), "heic"), "菜单（无关）"),
    ], _ok(base, applicant_id_card="invalid"), TEACHER_DOCS, {"conduct-appraisal": "红头证明文件"}))

    n = "teacher-07-red-header-ready"
    out.append(_case(n, item, None, [
        File("IMG_9921.jpg", b_photo(ids(TB, 461), sd(n, 1), exif=6), "身份证复印件 EXIF方向=6"),
        File("体检表.jpg", b_photo(lambda: medical_form(TB, D("2026-09-16"), 462), sd(n, 2), big=(4000, 3000)), "体检表 4000×3000"),
        File("毕业证.pdf", b_scanpdf(lambda: dip(TB, 463, "103561202205000518"), sd(n, 3), gray=False), "毕业证书 彩色扫描PDF"),
        File("普通话证书.jpg", b_photo(lambda: psc(TB, 464), sd(n, 4), low=True), "普通话证书 暗光照片"),
        File("品德证明.pdf", b_textpdf(lambda: red_header("嘉兴市秀洲区新城街道办事处", "秀新街证〔2026〕73号",
                                                     f"关于{TB.name}同志思想品德情况的证明", conduct_letter_body(TB),
                                                     "嘉兴市秀洲区新城街道办事处", D("2026-11-16"), 465)),
             "街道办事处红头证明 文本PDF 盖章"),
    ], _ok(base), TEACHER_DOCS, {"conduct-appraisal": "红头证明文件"}))
    return out


def cases() -> list:
    return newborn_cases() + company_cases() + funeral_cases() + rental_cases() + teacher_cases()
