"""Capture styles: scanned PDFs, phone photos (JPEG/WebP/HEIC, EXIF orientation), screenshots,
photocopies with two items on one sheet."""
from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

try:
    from . import _kit as K
except ImportError:  # loaded without a package
    import _kit as K  # type: ignore


def _np_rng(seed):
    return np.random.RandomState(K.rng_for("np", seed).randrange(1 << 30))


# -- sheets --------------------------------------------------------------------------------

def sheet(items: list[Image.Image], seed: str, *, landscape=False, layout="v", ppm=6.0,
          caption: str = "") -> Image.Image:
    """Photocopy sheet (A4) with items (ID cards, small pages) placed on it."""
    w, h = (297, 210) if landscape else (210, 297)
    im = Image.new("RGB", (int(w * ppm), int(h * ppm)), (250, 250, 248))
    r = K.rng_for("sheet", seed)
    n = len(items)
    for i, it in enumerate(items):
        if layout == "grid":
            slot = (w * ppm / 2, h * ppm / 2)
            cx, cy = w * ppm * (0.27 + 0.46 * (i % 2)), h * ppm * (0.2 + 0.3 * (i // 2))
        elif layout == "v":
            slot = (w * ppm, h * ppm / max(n, 2) * (0.95))
            cx, cy = w * ppm / 2, h * ppm * (0.27 + 0.33 * i) if n <= 2 else h * ppm * (i + 0.5) / n
        else:
            slot = (w * ppm / n, h * ppm)
            cx, cy = w * ppm * (i + 0.5) / n, h * ppm / 2
        scale = min(slot[0] * 0.86 / it.width, slot[1] * 0.86 / it.height)
        if abs(it.width / it.height - 1.585) < 0.05:   # a card: copied at 1.5x its size
            scale = min(scale, (1.5 if layout != "grid" else 1.05) * ppm * 85.6 / it.width)
        sub = it.convert("RGB").resize((int(it.width * scale), int(it.height * scale)), Image.LANCZOS)
        sub = sub.rotate(r.uniform(-1.5, 1.5), expand=True, fillcolor=(250, 250, 248))
        im.paste(sub, (int(cx - sub.width / 2 + r.uniform(-8, 8)), int(cy - sub.height / 2)))
    if caption:
        f = K.pil_font("kai", int(6 * ppm))
        ImageDraw.Draw(im).text((w * ppm * 0.12, h * ppm * 0.93), caption, font=f, fill=(40, 40, 120))
    return im


def side_by_side(a: Image.Image, b: Image.Image, gap=40, bg=(245, 245, 242)) -> Image.Image:
    H = max(a.height, b.height)
    im = Image.new("RGB", (a.width + b.width + gap * 3, H + gap * 2), bg)
    im.paste(a.convert("RGB"), (gap, gap))
    im.paste(b.convert("RGB"), (a.width + gap * 2, gap))
    return im


# -- scans -----------------------------------------------------------------------------------

def scan_look(img: Image.Image, seed: str, *, skew=None, grey=True, dark=0.0) -> Image.Image:
    r = K.rng_for("scan", seed)
    npr = _np_rng(seed)
    g = img.convert("L") if grey else img.convert("RGB")
    ang = r.uniform(-1.6, 1.6) if skew is None else skew
    g = g.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=255 if grey else (255, 255, 255))
    a = np.asarray(g, dtype=np.float32)
    a = a * (0.93 - dark) + 10
    cv2.setRNGSeed(r.randrange(1 << 30))
    nz = np.zeros(a.shape, np.float32)
    cv2.randn(nz, 0, 5)
    a += nz
    mask = npr.rand(*a.shape[:2]) < 0.0009
    if a.ndim == 3:
        a[mask] = 40
    else:
        a[mask] = npr.randint(20, 90, mask.sum())
    # darker scanner edge
    edge = np.linspace(0.85, 1.0, 40)
    if a.ndim == 2:
        a[:, :40] *= edge[None, :]
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(0.5))


def scan_pdf(imgs: list[Image.Image], seed: str, *, grey=True, dpi=150, order=None) -> bytes:
    pages = [scan_look(im, f"{seed}-{i}", grey=grey) for i, im in enumerate(imgs)]
    if order:
        pages = [pages[i] for i in order]
    buf = io.BytesIO()
    pages = [p.convert("RGB") if not grey else p for p in pages]
    # JPEG-compressed page images, like scanner software makes
    jp = []
    for p in pages:
        b = io.BytesIO(); p.save(b, "JPEG", quality=70); jp.append(Image.open(io.BytesIO(b.getvalue())))
    jp[0].save(buf, "PDF", save_all=True, append_images=jp[1:], resolution=dpi, producer="CanoScan", creationDate=_PDF_DATE, modDate=_PDF_DATE)
    return buf.getvalue()


def image_pdf(imgs: list[Image.Image], dpi=200) -> bytes:
    """PDF of page images (phone 'scan to PDF' apps), no text layer."""
    buf = io.BytesIO()
    ims = [i.convert("RGB") for i in imgs]
    ims[0].save(buf, "PDF", save_all=True, append_images=ims[1:], resolution=dpi, producer="CamScanner", creationDate=_PDF_DATE, modDate=_PDF_DATE)
    return buf.getvalue()


# -- phone photos ----------------------------------------------------------------------------

_PDF_DATE = __import__("time").gmtime(1795685400)  # 2026-11-26
DESKS = [(150, 110, 75), (190, 170, 140), (95, 95, 100), (215, 210, 200), (120, 85, 60), (60, 70, 60)]


def photo(img: Image.Image, seed: str, *, out=(1600, 1200), tilt=0.08, light=1.0, blur=0.8,
          shadow=True, rot=0, desk=None) -> Image.Image:
    """The document photographed on a desk: perspective, shadow, low light, blur, noise."""
    r = K.rng_for("photo", seed)
    npr = _np_rng(seed + "p")
    W, H = out
    src = np.asarray(img.convert("RGB"))
    h0, w0 = src.shape[:2]
    desk = desk or DESKS[r.randrange(len(DESKS))]
    cv2.setRNGSeed(r.randrange(1 << 30))
    small = np.zeros((H // 8 + 1, W // 2 + 1), np.float32)
    cv2.randn(small, 0, 1)
    tex = cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)
    bg = np.empty((H, W, 3), np.float32)
    for ch in range(3):
        bg[..., ch] = desk[ch] + tex * 9
    # fit the page into ~82% of the frame
    s = min(W * 0.8 / w0, H * 0.84 / h0)
    pw, ph = w0 * s, h0 * s
    cx, cy = W / 2 + r.uniform(-0.04, 0.04) * W, H / 2 + r.uniform(-0.03, 0.03) * H
    def j(v):
        return r.uniform(-tilt, tilt) * v
    dst = np.float32([
        [cx - pw / 2 + j(pw), cy - ph / 2 + j(ph)],
        [cx + pw / 2 + j(pw), cy - ph / 2 + j(ph)],
        [cx + pw / 2 + j(pw), cy + ph / 2 + j(ph)],
        [cx - pw / 2 + j(pw), cy + ph / 2 + j(ph)],
    ])
    # perspective: top edge narrower (camera held at an angle)
    k = r.uniform(0, tilt) * pw
    dst[0, 0] += k; dst[1, 0] -= k
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [w0, 0], [w0, h0], [0, h0]]), dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_AREA).astype(np.float32)
    mask = cv2.warpPerspective(np.full((h0, w0), 255, np.uint8), M, (W, H))
    m = mask.astype(np.float32) * (1 / 255)
    # soft drop shadow under the paper
    sh = cv2.GaussianBlur(mask, (0, 0), 9).astype(np.float32) * (0.35 / 255)
    sh = np.roll(sh, (8, 10), axis=(0, 1))
    shade = 1 - sh
    if shadow:
        gs = np.zeros((24, 32), np.float32)
        yy, xx = np.mgrid[0:24, 0:32].astype(np.float32)
        ang = r.uniform(0, 2 * math.pi)
        gs = (np.cos(ang) * (xx / 31 - 0.5) + np.sin(ang) * (yy / 23 - 0.5))
        gs = cv2.resize((1 - 0.33 * np.clip(gs + 0.25, 0, 1)).astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    else:
        gs = np.ones((H, W), np.float32)
    cast = np.array([1.0 + r.uniform(-0.04, 0.06), 1.0, 1.0 - r.uniform(-0.02, 0.08)], np.float32) * light
    noise = np.zeros((H, W), np.float32)
    cv2.randn(noise, 0, 3 + 5 * (1 - light))
    out_a = np.empty((H, W, 3), np.float32)
    for ch in range(3):
        out_a[..., ch] = (bg[..., ch] * shade * (1 - m) + warped[..., ch] * m) * gs * cast[ch] + noise
    out_u8 = np.clip(out_a, 0, 255).astype(np.uint8)
    if blur:
        out_u8 = cv2.GaussianBlur(out_u8, (0, 0), blur)
    im = Image.fromarray(out_u8)
    if rot:
        im = im.rotate(rot, expand=True)
    return im


def jpeg(im: Image.Image, q=82, exif_orientation: int | None = None, camera=True) -> bytes:
    buf = io.BytesIO()
    ex = Image.Exif()
    if camera:
        ex[0x010F] = "Xiaomi"; ex[0x0110] = "Redmi K60"; ex[0x0132] = "2026:11:28 15:42:10"
    if exif_orientation:
        ex[0x0112] = exif_orientation
    im.convert("RGB").save(buf, "JPEG", quality=q, exif=ex.tobytes())
    return buf.getvalue()


def stored_for_orientation(upright: Image.Image, orientation: int) -> Image.Image:
    """Pixels as a camera stores them when it writes this EXIF orientation tag."""
    if orientation == 6:   # viewer rotates 90° clockwise
        return upright.transpose(Image.ROTATE_90)
    if orientation == 8:   # viewer rotates 90° counter-clockwise
        return upright.transpose(Image.ROTATE_270)
    if orientation == 3:
        return upright.transpose(Image.ROTATE_180)
    return upright


def webp(im: Image.Image, q=78) -> bytes:
    buf = io.BytesIO(); im.convert("RGB").save(buf, "WEBP", quality=q, method=4); return buf.getvalue()


def png(im: Image.Image) -> bytes:
    buf = io.BytesIO(); im.save(buf, "PNG", optimize=False, compress_level=6); return buf.getvalue()


def heic(im: Image.Image, q=70) -> bytes:
    import pillow_heif
    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "HEIF", quality=q, enc_params={"preset": "ultrafast"})
    return buf.getvalue()


def screenshot(doc: Image.Image, seed: str, *, app="皖事通", title="电子证照", time="10:24") -> Image.Image:
    """Phone screenshot (1080 wide) of an app showing a document image."""
    W = 1080
    s = (W - 60) / doc.width
    dh = int(doc.height * s)
    H = max(2340, dh + 520)
    im = Image.new("RGB", (W, H), (244, 245, 247))
    d = ImageDraw.Draw(im)
    f = K.pil_font("hei", 36)
    d.text((50, 40), time, font=f, fill=(20, 20, 20))
    d.text((W - 220, 40), "5G  86%", font=f, fill=(20, 20, 20))
    d.rectangle([0, 110, W, 250], fill=(22, 119, 255))
    d.text((W / 2, 180), f"{app} · {title}", font=K.pil_font("hei", 46), fill=(255, 255, 255), anchor="mm")
    d.text((40, 180), "〈", font=K.pil_font("hei", 50), fill=(255, 255, 255), anchor="lm")
    im.paste(doc.convert("RGB").resize((W - 60, dh), Image.LANCZOS), (30, 290))
    d.rounded_rectangle([60, 290 + dh + 60, W - 60, 290 + dh + 170], 50, fill=(22, 119, 255))
    d.text((W / 2, 290 + dh + 115), "下载 / 分享", font=K.pil_font("hei", 42), fill=(255, 255, 255), anchor="mm")
    return im
