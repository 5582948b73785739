"""Load a catalogue from a YAML/JSON file or a folder of them, reporting every problem precisely."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.schema import Catalogue

SAMPLE_CATALOGUE = Path(__file__).parent / "catalogue"
_LIST_SECTIONS = ("departments", "windows", "items")
_SUFFIXES = {".yml", ".yaml", ".json"}

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue, located in its file."""

    file: str
    line: int | None
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {self.message}"


class CatalogueError(Exception):
    """The catalogue cannot be used; `problems` says everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the catalogue:\n" + "\n".join(map(str, errors)))


@dataclass
class _Source:
    path: Path
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)


@dataclass
class _Merged:
    """The merged raw data and, for every list element, the file and index it came from."""

    data: dict[str, Any]
    origins: dict[str, list[tuple[_Source, int]]]
    center_source: _Source | None


def _line_map(node: yaml.Node, loc: Loc = ()) -> dict[Loc, int]:
    lines = {loc: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_map(value, (*loc, str(key.value))))
            lines[(*loc, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            lines.update(_line_map(value, (*loc, index)))
    return lines


def _display_name(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if root.is_dir() else path.name


def _read(path: Path, root: Path) -> _Source | Problem:
    name = _display_name(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Problem(name, None, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        return Problem(name, exc.lineno, "", f"invalid JSON: {exc.msg} (column {exc.colno})")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        return Problem(name, line, "", f"invalid YAML: {reason}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Problem(name, 1, "", "the file must hold a mapping with center/departments/windows/items")
    try:
        lines = _line_map(yaml.compose(text)) if text.strip() else {}
    except yaml.YAMLError:
        lines = {}
    return _Source(path=path, data=data, lines=lines)


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix in _SUFFIXES and not any(part.startswith(".") for part in p.parts)
    )


def _merge(sources: list[_Source], root: Path) -> tuple[_Merged, list[Problem]]:
    problems: list[Problem] = []
    merged: dict[str, Any] = {section: [] for section in _LIST_SECTIONS}
    origins: dict[str, list[tuple[_Source, int]]] = {section: [] for section in _LIST_SECTIONS}
    center_source: _Source | None = None
    for source in sources:
        name = _display_name(source.path, root)
        for key, value in source.data.items():
            line = source.lines.get((str(key),))
            if key == "center":
                if center_source is not None:
                    first = _display_name(center_source.path, root)
                    problems.append(Problem(name, line, "center", f"center is already defined in {first}"))
                    continue
                merged["center"] = value
                center_source = source
            elif key in _LIST_SECTIONS:
                if not isinstance(value, list):
                    problems.append(Problem(name, line, str(key), "expected a list"))
                    continue
                merged[key].extend(value)
                origins[key].extend((source, index) for index in range(len(value)))
            else:
                allowed = ", ".join(("center", *_LIST_SECTIONS))
                problems.append(Problem(name, line, str(key), f"unknown section (allowed: {allowed})"))
    if center_source is None:
        first = _display_name(sources[0].path, root) if sources else str(root)
        problems.append(
            Problem(first, None, "center", "required section is missing (center.id, center.name)")
        )
    return _Merged(merged, origins, center_source), problems


def _format_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Locator:
    """Turns a location in the merged catalogue into a file, a line and a local path."""

    def __init__(self, merged: _Merged, root: Path):
        self.merged = merged
        self.root = root

    def problem(self, loc: Loc, message: str, severity: str = "error") -> Problem:
        source, local = self._resolve(loc)
        name = _display_name(source.path, self.root) if source else str(self.root)
        line = None
        if source:
            for cut in range(len(local), -1, -1):
                line = source.lines.get(local[:cut])
                if line:
                    break
        return Problem(name, line, _format_path(local), message, severity)

    def _resolve(self, loc: Loc) -> tuple[_Source | None, Loc]:
        if loc and loc[0] in _LIST_SECTIONS and len(loc) > 1 and isinstance(loc[1], int):
            origins = self.merged.origins[str(loc[0])]
            if loc[1] < len(origins):
                source, index = origins[loc[1]]
                return source, (loc[0], index, *loc[2:])
        if loc and loc[0] == "center":
            return self.merged.center_source, loc
        return None, loc


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "enum":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"expected one of {expected}"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _pydantic_loc(error: dict[str, Any]) -> Loc:
    # A plain string for a text field is validated as {zh: ...}; drop pydantic's function tags.
    return tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))


def _duplicates(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _semantic_problems(catalogue: Catalogue, at: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    for section in _LIST_SECTIONS:
        entries = getattr(catalogue, section)
        dupes = _duplicates([e.id for e in entries])
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry.id in dupes and entry.id in seen:
                problems.append(at.problem((section, index, "id"), f"duplicate id {entry.id!r}"))
            seen.add(entry.id)
    departments = {d.id for d in catalogue.departments}
    windows = {w.id for w in catalogue.windows}
    for index, item in enumerate(catalogue.items):
        here = ("items", index)
        if item.department and item.department not in departments:
            problems.append(at.problem((*here, "department"), f"unknown department {item.department!r}"))
        if item.window and item.window not in windows:
            problems.append(at.problem((*here, "window"), f"unknown window {item.window!r}"))
        base_ids = [m.id for m in item.materials]
        for dupe in _duplicates(base_ids):
            problems.append(at.problem((*here, "materials"), f"duplicate material id {dupe!r}"))
        for dupe in _duplicates([s.id for s in item.scenarios]):
            problems.append(at.problem((*here, "scenarios"), f"duplicate scenario id {dupe!r}"))
        for s_index, scenario in enumerate(item.scenarios):
            where = (*here, "scenarios", s_index)
            for r_index, removed in enumerate(scenario.remove_materials):
                if removed not in base_ids:
                    problems.append(
                        at.problem(
                            (*where, "remove_materials", r_index),
                            f"removes material {removed!r}, which the item does not have",
                        )
                    )
            for a_index, added in enumerate(scenario.add_materials):
                if added.id in base_ids and added.id not in scenario.remove_materials:
                    problems.append(
                        at.problem(
                            (*where, "add_materials", a_index, "id"),
                            f"adds material {added.id!r}, which the item already has",
                        )
                    )
        if not item.materials and not any(s.add_materials for s in item.scenarios):
            problems.append(at.problem((*here, "materials"), "no materials listed", "warning"))
        if item.bookable and not item.window:
            problems.append(at.problem((*here, "window"), "bookable item without a window", "warning"))
    if not catalogue.items:
        problems.append(at.problem(("items",), "the catalogue has no service items", "warning"))
    return problems


def check_catalogue(path: Path) -> tuple[Catalogue | None, list[Problem]]:
    """Read and check a catalogue; returns it (None if it has errors) and every problem found."""
    path = Path(path)
    if not path.exists():
        return None, [Problem(str(path), None, "", "no such file or folder")]
    files = _files(path)
    if not files:
        return None, [Problem(str(path), None, "", "no .yml, .yaml or .json files in this folder")]
    read = [_read(f, path) for f in files]
    problems = [r for r in read if isinstance(r, Problem)]
    sources = [r for r in read if isinstance(r, _Source)]
    merged, merge_problems = _merge(sources, path)
    problems += merge_problems
    at = _Locator(merged, path)
    try:
        catalogue = Catalogue.model_validate(merged.data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(at.problem(_pydantic_loc(error), _pydantic_message(error)))
        return None, problems
    problems += _semantic_problems(catalogue, at)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return catalogue, problems


def load_catalogue(path: Path) -> Catalogue:
    """The catalogue at `path`, or CatalogueError listing every problem."""
    catalogue, problems = check_catalogue(path)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue
