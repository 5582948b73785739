"""The pre-review desk: takes a chat's uploads into its case, reads them, reports, and lets staff decide."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from bot.prereview.cases import Case, CaseStatus, CaseStore, StoredFile
from bot.prereview.documents import Document, DocumentReader, FileProblem, Page, ReadLimits
from bot.prereview.recognise import last_material, split_into_parts
from bot.prereview.review import Report, review
from bot.privacy import masked
from knowledge.schema import Catalogue, Lang, Material

log = logging.getLogger(__name__)

CASE_FULL = "case_full"  # a file over the per-case total: not kept
CASE_CROWDED = "case_crowded"  # a file over the number of files a case takes: not kept
NOT_KEPT = (CASE_FULL, CASE_CROWDED)
REFERENCE_HOURS = 24  # how long a chat's reference takes uploads over the API


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class DeskSettings:
    limits: ReadLimits = field(default_factory=ReadLimits)
    max_case_bytes: int = 100 * 1024 * 1024
    max_files: int = 30
    retention_days: int = 30


@dataclass(frozen=True)
class Recognised:
    """What one new file was taken for: material names with page ranges, or its problem."""

    file: StoredFile
    materials: list[tuple[str, int, int]]  # (material id, first page, last page)


def _display_name(name: str) -> str:
    """The file name as shown: no folders, no control characters, not too long."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip() or "file"
    return name[-120:]


class PrereviewDesk:
    def __init__(
        self,
        catalogue: Catalogue,
        store: CaseStore,
        folder: Path,
        reader: DocumentReader,
        settings: DeskSettings | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        secret: str | None = None,
    ):
        self.catalogue = catalogue
        self.store = store
        self.folder = folder
        self.reader = reader
        self.settings = settings or DeskSettings()
        self.clock = clock
        self._references = URLSafeTimedSerializer(secret or secrets.token_urlsafe(32), salt="prereview-chat")
        folder.mkdir(parents=True, exist_ok=True)

    # --- the applicant's side ---------------------------------------------------------------

    def reference(self, sender_id: str) -> str:
        """A signed reference to the chat, for its owner to upload files to it over the API."""
        return self._references.dumps(sender_id)

    def chat_of(self, reference: str) -> str | None:
        """The chat a reference was handed out by, while it is fresh; None for a forged or old one."""
        try:
            return str(self._references.loads(reference, max_age=REFERENCE_HOURS * 3600))
        except BadSignature:  # also a reference past its age
            return None

    def start(self, sender_id: str, item: str, scenario: str | None, lang: Lang) -> Case:
        """The chat's open case, now for `item` (files sent before the item was named stay in it)."""
        found = self.store.open_case(sender_id)
        # A case reported for another item stays with staff; a draft is taken over, files and all.
        usable = found is not None and (found.item in (None, item) or found.report is None)
        with self.store.session() as session, session.begin():
            case = session.get(Case, found.id) if found is not None and usable else None
            if case is None:
                case = Case(sender_id=sender_id)
                session.add(case)
            case.item, case.scenario, case.lang = item, scenario, lang
            case.status, case.updated_at = CaseStatus.draft, self.clock()
        return case

    def receive(
        self, sender_id: str, uploads: list[Upload], on_page: Callable[[int, int], None] | None = None
    ) -> Case:
        """Keep and read the files in the chat's open case (a new one when there is none)."""
        case = self.store.open_case(sender_id)
        with self.store.session() as session, session.begin():
            if case is None:
                case = Case(sender_id=sender_id)
                session.add(case)
                session.flush()
            files = list(session.scalars(select(StoredFile).where(StoredFile.case_id == case.id)))
        kept, count = sum(f.size for f in files if f.stored_as), sum(f.problem != CASE_CROWDED for f in files)
        for upload in uploads:
            kept += self._keep(case.id, upload, kept, count, on_page)
            count += 1
        with self.store.session() as session, session.begin():
            stored = session.get(Case, case.id)
            assert stored is not None
            stored.status, stored.updated_at = CaseStatus.draft, self.clock()
        return case

    def _keep(
        self, case_id: str, upload: Upload, kept: int, count: int, on_page: Callable[[int, int], None] | None
    ) -> int:
        """Read one file and store it if it passed (a refused one is noted, its bytes not kept); the
        bytes it adds to the case."""
        name = _display_name(upload.name)
        sha256 = hashlib.sha256(upload.data).hexdigest()
        row = StoredFile(case_id=case_id, name=name, sha256=sha256, size=len(upload.data), stored_as="")
        if count >= self.settings.max_files:
            row.problem = CASE_CROWDED
        elif kept + len(upload.data) > self.settings.max_case_bytes:
            row.problem = CASE_FULL
        else:
            document = self.reader.read(name, upload.data, on_page)
            row.kind, row.problem = document.kind, document.problem
            row.pages = [asdict(page) for page in document.pages]
        if row.problem in (None, FileProblem.unreadable):  # a hopeless scan is still one for staff to see
            row.stored_as = secrets.token_hex(16)
            path = self.folder / row.stored_as
            path.write_bytes(upload.data)
            path.chmod(0o600)
        log.info("pre-review %s: %s %s %s", case_id, sha256[:10], row.kind, row.problem or "read")
        with self.store.session() as session, session.begin():
            session.add(row)
        return len(upload.data) if row.stored_as else 0

    def recognise_new(self, case: Case) -> list[Recognised]:
        """The files not yet acknowledged, with what each was taken for; marks them acknowledged."""
        item = self.catalogue.item(case.item or "")
        if item is None:  # acknowledged once the item is named
            return []
        materials = item.materials_for(case.scenario)
        with self.store.session() as session, session.begin():
            new = list(
                session.scalars(
                    select(StoredFile)
                    .where(StoredFile.case_id == case.id, StoredFile.acknowledged.is_(False))
                    .order_by(StoredFile.id)
                )
            )
            for file in new:
                file.acknowledged = True
        taken = self._taken(case, materials, [f.id for f in new])
        recognised = []
        last: str | None = None  # page 2 of a form, photographed after page 1, goes with it
        for file in new:
            found: list[tuple[str, int, int]] = []
            if file.problem is None:
                parts, _ = split_into_parts(_document(file), materials, taken, after=last)
                last = last_material(parts) or last
                found = [(m, p.pages[0].number, p.pages[-1].number) for m, ps in parts.items() for p in ps]
            recognised.append(Recognised(file, sorted(found, key=lambda f: f[1])))
        return recognised

    def missing_required(self, case: Case) -> list[str]:
        """Required, not deferrable materials no file of the case has been taken for yet."""
        item = self.catalogue.item(case.item or "")
        if item is None:
            return []
        materials = item.materials_for(case.scenario)
        present = self._taken(case, materials)
        return [m.id for m in materials if m.required and not m.deferrable and m.id not in present]

    def _taken(self, case: Case, materials: list[Material], leave_out: list[int] | None = None) -> set[str]:
        """The materials the case's files (but those left out) have been taken for."""
        taken: set[str] = set()
        for file in self.store.files(case.id):
            if file.problem is None and file.id not in (leave_out or []):
                split_into_parts(_document(file), materials, taken)
        return taken

    def report(self, case: Case, lang: Lang) -> Report:
        """Check the case's files now; the case waits for staff with this report."""
        item = self.catalogue.item(case.item or "")
        if item is None:
            raise LookupError(f"case {case.id} has no item to check against")
        files = [f for f in self.store.files(case.id) if f.problem not in NOT_KEPT]
        result = review(
            item,
            case.scenario,
            [_document(f) for f in files],
            now=self.clock(),
            lang=lang,
            limits=self.settings.limits,
        )
        with self.store.session() as session, session.begin():
            stored = session.get(Case, case.id)
            assert stored is not None
            stored.report = result.model_dump(mode="json")
            stored.status, stored.updated_at = CaseStatus.submitted, self.clock()
        log.info("pre-review %s for %s: %s", case.id, masked(case.sender_id), result.verdict)
        return result

    def submit(
        self, sender_id: str, item: str, scenario: str | None, uploads: list[Upload], lang: Lang
    ) -> tuple[Case, Report]:
        """A whole case at once (the API): its files kept and checked, the case waiting for staff."""
        case = self.start(sender_id, item, scenario, lang)
        self.receive(sender_id, uploads)
        self.recognise_new(case)
        return case, self.report(case, lang)

    # --- staff ------------------------------------------------------------------------------

    def file_bytes(self, case_id: str, file_id: int) -> tuple[StoredFile, bytes] | None:
        file = next((f for f in self.store.files(case_id) if f.id == file_id), None)
        if file is None or not file.stored_as:
            return None
        return file, (self.folder / file.stored_as).read_bytes()

    def decide(self, case_id: str, confirm: bool, comment: str, staff: str) -> Case | None:
        """Confirm or return a submitted case; None when it is not waiting for a decision."""
        status = CaseStatus.confirmed if confirm else CaseStatus.returned
        if not self.store.decide(case_id, status, comment, staff):
            return None
        return self.store.get(case_id)

    def purge(self) -> int:
        """Delete the cases (reports and files) untouched for longer than the retention period."""
        cutoff = self.clock() - dt.timedelta(days=self.settings.retention_days)
        old = self.store.older_than(cutoff)
        for _, names in old:
            for name in names:
                if name:
                    (self.folder / name).unlink(missing_ok=True)
        self.store.delete([case for case, _ in old])
        if old:
            log.info("purged %d pre-review cases older than %s", len(old), cutoff.date())
        return len(old)


def _document(file: StoredFile) -> Document:
    problem = FileProblem(file.problem) if file.problem and file.problem not in NOT_KEPT else None
    return Document(
        name=file.name,
        sha256=file.sha256,
        size=file.size,
        kind=file.kind,
        pages=tuple(Page(**page) for page in file.pages),
        problem=problem,
    )
