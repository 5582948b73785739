"""Text lines of an image, read with PP-OCRv4 through rapidocr, and put in reading order."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Lines are found on a copy this small (text 15 px high or more), then read from the full image.
DET_MAX_SIDE = 1280
# Both cores for OCR: the worker runs at a lower priority (nice), so the web server still comes first.
OCR_THREADS = 2


class OcrOverrun(Exception):
    """The image could not be read within the worker's memory."""


@dataclass(frozen=True)
class Line:
    box: np.ndarray  # 4×2 corners in the image, clockwise from where rapidocr's crop starts
    text: str
    score: float
    flipped: bool  # the angle classifier turned the crop upside down before reading it


class Ocr:
    """PP-OCRv4 through rapidocr's stages (models ship inside its wheel), with lines in reading order."""

    def __init__(self) -> None:
        import cv2
        from rapidocr_onnxruntime import RapidOCR

        cv2.setNumThreads(1)
        # "max": the detector never enlarges what it is given (a thin strip would become huge).
        self.engine = RapidOCR(intra_op_num_threads=OCR_THREADS, inter_op_num_threads=1, det_limit_type="max")

    def lines(self, pixels: np.ndarray) -> list[Line]:
        """The lines of text in a BGR image."""
        import cv2
        from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError

        try:
            return self._lines(pixels)
        except (MemoryError, ONNXRuntimeError, cv2.error) as error:
            # Under the worker's address-space cap a failed allocation surfaces as any of these.
            raise OcrOverrun from error

    def _lines(self, pixels: np.ndarray) -> list[Line]:
        """Detects lines on a copy at most DET_MAX_SIDE, then reads each from the full-size image."""
        import cv2
        import numpy as np

        height, width = pixels.shape[:2]
        scale = min(1.0, DET_MAX_SIDE / max(height, width))
        small = pixels
        if scale < 1:
            small = cv2.resize(
                pixels, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
            )
        boxes, _ = self.engine.text_det(small)
        if boxes is None or len(boxes) == 0:
            return []
        boxes = [np.asarray(box, dtype=np.float32) / scale for box in boxes]
        crops = self.engine.get_crop_img_list(pixels, boxes)
        crops, flips, _ = self.engine.text_cls(crops)
        texts, _ = self.engine.text_rec(crops)
        threshold = self.engine.text_cls.cls_thresh
        return [
            Line(box, text, float(score), label == "180" and flip_score > threshold)
            for box, (text, score, *_), (label, flip_score) in zip(boxes, texts, flips, strict=True)
            if score >= self.engine.text_score and text.strip()
        ]


def in_reading_order(lines: list[Line]) -> str:
    """The lines joined row by row as a reader sees them, whichever way up the page was photographed."""
    import numpy as np

    directions = []
    for line in lines:
        box = line.box
        along, across = box[1] - box[0], box[3] - box[0]
        # rapidocr turns a crop at least half again as tall as wide a quarter turn, and so reads down it.
        direction = across if np.linalg.norm(across) >= 1.5 * np.linalg.norm(along) else along
        directions.append(-direction if line.flipped else direction)
    angle = reading_angle(directions)
    cos, sin = math.cos(-angle), math.sin(-angle)
    placed = []
    for line in lines:
        x, y = line.box.mean(axis=0)
        height = min(np.linalg.norm(line.box[1] - line.box[0]), np.linalg.norm(line.box[3] - line.box[0]))
        # (down the page, along the line) once the page is turned upright
        placed.append((x * sin + y * cos, x * cos - y * sin, height, line.text))
    placed.sort()
    rows: list[list[tuple[float, float, float, str]]] = []
    for item in placed:
        if rows and item[0] - rows[-1][0][0] < 0.5 * max(item[2], rows[-1][0][2]):
            rows[-1].append(item)
        else:
            rows.append([item])
    return "\n".join(" ".join(item[3] for item in sorted(row, key=lambda i: i[1])) for row in rows)


def reading_angle(directions: list[np.ndarray]) -> float:
    """The page's reading direction (radians, image coordinates): the quarter turn most lines
    agree on, refined by their median skew within it."""
    angles = [math.atan2(d[1], d[0]) for d in directions]
    weights = [math.hypot(d[0], d[1]) for d in directions]
    quarters = [round(a / (math.pi / 2)) % 4 for a in angles]
    votes = [sum(w for q, w in zip(quarters, weights, strict=True) if q == quarter) for quarter in range(4)]
    quarter = votes.index(max(votes))
    base = quarter * math.pi / 2
    skews = [
        math.remainder(a - base, 2 * math.pi) for a, q in zip(angles, quarters, strict=True) if q == quarter
    ]
    return base + statistics.median(skews)
