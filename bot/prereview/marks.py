"""Marks on a page that are not text: an official red seal, and whether a signature space is filled.

Plain functions of an image's pixels (BGR, as OpenCV holds them) and the text boxes read on it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import cv2
import numpy as np

# A seal is at least this share of the page's shorter side across (a 4 cm seal on A4 is 19 %),
# and at most this share (a red cover or background is not a seal).
SEAL_MIN_SIDE = 0.035
SEAL_MAX_SIDE = 0.6
# Round or oval: the long axis at most this many times the short one.
SEAL_MAX_ELONGATION = 1.8
# The ring must go round: this share of points along its outline is red.
SEAL_RING_COVER = 0.6
# Inside, a seal is ring, star and lettering: neither empty nor solid red.
SEAL_FILL = (0.06, 0.8)
# A page whose most colourful pixels (this percentile) differ less than this between their channels
# is stored without colour (a grey scan): it cannot show a red seal. A photo has tints and noise.
GREY_PERCENTILE = 99.5
GREY_CHROMA = 8

# "申请人签字：", "委托人（签名）", "签章：" — a label, not 签字 inside a sentence.
_SIGNATURE_LABEL = re.compile(
    r"(签字|签名|签章|签署)(?:\s*[/／、]\s*(?:盖章|捺印|手印|签章))?[)）]?\s*(?:[（(][^）)]{0,8}[）)])?\s*(?:[:：]|$)"
)
_NOT_A_SIGNATURE = re.compile(
    r"[\s:：()（）_＿\-—.·/]|日期|年|月|日|盖章|公章|签字|签名|签章|[0-9]|Date|date|[（(][^）)]*[）)]"
)


@dataclass(frozen=True)
class Box:
    """A piece of text on the page and its axis-aligned box in pixels."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def is_grey(bgr: np.ndarray) -> bool:
    """Whether the image carries no colour (a black-and-white scan or photocopy)."""
    small = cv2.resize(
        bgr, (400, max(1, round(400 * bgr.shape[0] / bgr.shape[1]))), interpolation=cv2.INTER_AREA
    )
    chroma = small.max(axis=2).astype(np.int16) - small.min(axis=2)
    return float(np.percentile(chroma, GREY_PERCENTILE)) < GREY_CHROMA


Ellipse = tuple[tuple[float, float], tuple[float, float], float]  # OpenCV's (centre, axes, angle)


def red_seals(bgr: np.ndarray) -> list[Ellipse]:
    """The red seals (round or oval rings of red ink) the image shows."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, saturation, value = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= 10) | (hue >= 160)) & (saturation >= 60) & (value >= 70)
    mask = red.astype(np.uint8) * 255
    short = min(bgr.shape[:2])
    size = max(3, round(short / 250) * 2 + 1)
    closed = cv2.morphologyEx(
        mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    return [ellipse for contour in contours if (ellipse := _seal(contour, mask, closed, short))]


def grey_seals(bgr: np.ndarray) -> bool:
    """Whether a grey scan shows a seal: a round ring of ink, drawn all the way round (a copy turns
    the red grey; an oval or a broken ring stays unseen, and staff look)."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    short = min(grey.shape)
    scale = min(1.0, 1000 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    side = min(small.shape)
    circles = cv2.HoughCircles(
        cv2.medianBlur(small, 5),
        cv2.HOUGH_GRADIENT,
        dp=1.5,
        minDist=side * 0.1,
        param1=120,
        param2=40,
        minRadius=round(side * SEAL_MIN_SIDE / 2),
        maxRadius=round(side * SEAL_MAX_SIDE / 4),
    )
    if circles is None or short == 0:
        return False
    paper = float(np.percentile(small, 90))
    ink = (small < 0.75 * paper).astype(np.uint8)
    return any(_ring_drawn(ink, x, y, r) for x, y, r in circles[0])


def _ring_drawn(ink: np.ndarray, x: float, y: float, radius: float) -> bool:
    """Ink all round a circle (not text crossed by it), and not a filled disc."""
    hits = 0
    for step in range(72):
        t = 2 * math.pi * step / 72
        px, py = round(x + radius * math.cos(t)), round(y + radius * math.sin(t))
        window = ink[max(0, py - 2) : py + 3, max(0, px - 2) : px + 3]
        hits += bool(window.size and window.max())
    inside = np.zeros_like(ink)
    cv2.circle(inside, (round(x), round(y)), max(1, round(radius * 0.8)), 1, -1)
    return hits / 72 >= 0.85 and float(ink[inside > 0].mean()) < 0.5


def without_seals(bgr: np.ndarray, seals: list[Ellipse]) -> np.ndarray:
    """The image with the seals' red ink lifted, so that the date and name printed under a seal
    read again: inside each seal a pixel keeps its red channel, where red ink is as light as paper."""
    if not seals:
        return bgr
    inside = np.zeros(bgr.shape[:2], np.uint8)
    for (cx, cy), (axis_a, axis_b), angle in seals:
        cv2.ellipse(inside, ((cx, cy), (axis_a * 1.1, axis_b * 1.1), angle), 255, -1)
    lifted = bgr.copy()
    lifted[inside > 0] = bgr[:, :, 2:3].repeat(3, axis=2)[inside > 0]
    return lifted


def _seal(contour: np.ndarray, mask: np.ndarray, closed: np.ndarray, short: int) -> Ellipse | None:
    """The ellipse of one red outline if it is a seal: big enough, round or oval, a ring all round,
    not solid."""
    _, _, width, height = cv2.boundingRect(contour)
    if (
        len(contour) < 20
        or min(width, height) < SEAL_MIN_SIDE * short
        or max(width, height) > SEAL_MAX_SIDE * short
    ):
        return None
    if max(width, height) > SEAL_MAX_ELONGATION * min(width, height):
        return None
    (cx, cy), (axis_a, axis_b), angle = cv2.fitEllipse(contour)
    if min(axis_a, axis_b) <= 0 or cv2.contourArea(contour) < 0.6 * math.pi * axis_a * axis_b / 4:
        return None
    turn = math.radians(angle)
    hits = 0
    for step in range(48):
        t = 2 * math.pi * step / 48
        # a point just inside the fitted outline, where the ring's ink is
        dx, dy = 0.46 * axis_a * math.cos(t), 0.46 * axis_b * math.sin(t)
        x = round(cx + dx * math.cos(turn) - dy * math.sin(turn))
        y = round(cy + dx * math.sin(turn) + dy * math.cos(turn))
        window = closed[max(0, y - 2) : y + 3, max(0, x - 2) : x + 3]
        hits += bool(window.size and window.max())
    if hits / 48 < SEAL_RING_COVER:
        return None
    inside = np.zeros_like(mask)
    cv2.ellipse(inside, ((cx, cy), (axis_a, axis_b), angle), 255, -1)
    fill = float((mask[inside > 0] > 0).mean())
    return ((cx, cy), (axis_a, axis_b), angle) if SEAL_FILL[0] <= fill <= SEAL_FILL[1] else None


def signature(bgr: np.ndarray, boxes: list[Box]) -> bool | None:
    """Whether the page's signature spaces are signed: True when one is, False when there are
    spaces and all are empty, None when the page has no signature space."""
    labels = [box for box in boxes if _SIGNATURE_LABEL.search(box.text)]
    if not labels:
        return None
    return any(_signed(bgr, label, boxes) for label in labels)


def _signed(bgr: np.ndarray, label: Box, boxes: list[Box]) -> bool:
    """Something written in the space after the label: text read there (OCR reads some hands), or
    ink strokes where no text was read."""
    after = label.text[_SIGNATURE_LABEL.search(label.text).end() :]
    if _NOT_A_SIGNATURE.sub("", after):
        return True
    height = max(label.height, 8.0)
    row = [
        b
        for b in boxes
        if b is not label
        and b.x0 >= label.x1 - height
        and abs(_middle(b) - _middle(label)) < height
        and re.search(r"\w", b.text)  # a stray ）： is no text ahead
    ]
    ahead = min(row, key=lambda b: b.x0, default=None)
    end = label.x1 + 7 * height
    if ahead is not None and not _NOT_A_SIGNATURE.sub("", ahead.text):
        end = min(end, ahead.x0)  # the date that follows the signature space
    left, right = round(label.x1), min(bgr.shape[1], round(end))
    top, bottom = max(0, round(label.y0 - 0.8 * height)), min(bgr.shape[0], round(label.y1 + 0.6 * height))
    inside = [
        b
        for b in boxes
        if b is not label and left <= (b.x0 + b.x1) / 2 <= right and top <= _middle(b) <= bottom
    ]
    if any(_NOT_A_SIGNATURE.sub("", b.text) for b in inside) or _signed_below(label, boxes):
        return True
    region = bgr[top:bottom, left : max(left + 1, right)].copy()
    for b in boxes:  # printed text around the space is not a signature
        region[
            max(0, round(b.y0) - top) : max(0, round(b.y1) - top),
            max(0, round(b.x0) - left) : max(0, round(b.x1) - left),
        ] = 255
    return _has_strokes(region, height)


def _signed_below(label: Box, boxes: list[Box]) -> bool:
    """ "全体股东签字：" with each signer on a line below it: "周立街： 周立衡"."""
    height = max(label.height, 8.0)
    below = [b for b in boxes if label.y1 <= b.y0 < label.y1 + 4 * height and b.x1 > label.x0 - height]
    for box in below:
        signer, colon, written = box.text.partition("：" if "：" in box.text else ":")
        name = _NOT_A_SIGNATURE.sub("", written)
        if colon and _SIGNER.fullmatch(signer.strip()) and name and _SIGNER.fullmatch(name):
            return True
    return False


# A person's name (2 to 4 Chinese characters), not a field of the form or a role (经办人, 甲方).
_SIGNER = re.compile(
    r"(?![\u4e00-\u9fff]*(意见|电话|日期|地址|时间|单位|编号|号码|盖章|签字|签名|机构))"
    r"[\u4e00-\u9fff]{1,3}[^人方员章\W]"
)


def _middle(box: Box) -> float:
    return (box.y0 + box.y1) / 2


def _has_strokes(region: np.ndarray, line_height: float) -> bool:
    """Ink in a region that is not a printed rule: strokes at least half a text line tall."""
    if region.size == 0:
        return False
    hsv = cv2.cvtColor(region, cv2.COLOR_BGR2HSV)
    grey = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY)
    paper = float(np.percentile(grey, 90))
    red = ((hsv[:, :, 0] <= 10) | (hsv[:, :, 0] >= 160)) & (hsv[:, :, 1] >= 60)
    ink = (
        (grey < 0.6 * paper) | ((hsv[:, :, 1] >= 70) & (hsv[:, :, 0] >= 90) & (hsv[:, :, 0] <= 140))
    ) & ~red
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    strokes = 0
    for index in range(1, count):
        width, height, area = (
            stats[index, cv2.CC_STAT_WIDTH],
            stats[index, cv2.CC_STAT_HEIGHT],
            stats[index, cv2.CC_STAT_AREA],
        )
        if (
            height >= 0.4 * line_height
            and not (width > 4 * height and height < 0.3 * line_height)
            and area >= 8
        ):
            strokes += area
    return strokes >= 0.004 * region.shape[0] * region.shape[1]
