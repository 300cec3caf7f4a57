"""The :class:`Store`: documents and findings in SQLite (WAL), one transaction per document.

Rows are keyed by content-hashed ids, so adding a document twice is a no-op.
Every finding row carries its provenance: document id, section kind and
character span into the document's ``text``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from factionmap.model import (
    Actor,
    ActorProfile,
    Document,
    DocumentAnalysis,
    Event,
    Figure,
    IngestFailure,
    Mention,
    Quote,
    Section,
    TextSpan,
    content_id,
)
from factionmap.model import Location
from factionmap.model import event_id as model_event_id
from factionmap.store.dedupe import dedupe_text, find_near_duplicate, remember, signature
from factionmap.store.schema import migrate

__all__ = ["DEFAULT_DB", "Store", "StoreError", "content_hash", "event_id", "window_sql"]

DEFAULT_DB = "factionmap.db"
_PAGE = 256  # documents read per query by iter_analyses


def window_sql(since: str | None, until: str | None, alias: str = "d") -> tuple[str, list[str]]:
    """The ``WHERE`` clause (and parameters) of a publication window over ``documents`` as ``alias``:
    ISO dates compared with ``published``, inclusive (``until`` of ``2019-04`` takes all of April);
    documents without a date are left out when either bound is given."""
    sql, params = "1=1", []
    if since:
        sql += f" AND {alias}.published IS NOT NULL AND {alias}.published >= ?"
        params.append(since)
    if until:
        sql += f" AND {alias}.published IS NOT NULL AND {alias}.published <= ?"
        params.append(until + "\uffff")
    return sql, params


class StoreError(RuntimeError):
    """The database cannot be opened or used (the message names the path)."""


def content_hash(text: str) -> str:
    """sha256 of a document's text, the key for exact-duplicate detection."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def event_id(document_id: str, event: Event) -> str:
    """A content-hashed event id: same document, type, actors and trigger → same id."""
    return model_event_id(document_id, event)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A factionmap database.  ``Store(path)`` does no I/O; use ``with Store(path) as s``
    or call :meth:`open` / :meth:`close`.
    """

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    # -- lifecycle -------------------------------------------------------
    def open(self) -> Store:
        """Open (creating if needed) the database, in WAL mode, and apply migrations."""
        if self._conn is not None:
            return self
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        self._conn = conn
        return self

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (raises when the store is not open)."""
        if self._conn is None:
            raise StoreError(f"{self.path}: store is not open (use `with Store(path)` or .open())")
        return self._conn

    # -- writing -----------------------------------------------------------
    def add(self, analysis: DocumentAnalysis) -> bool:
        """Store a document and its findings in one transaction; False when already stored."""
        doc = analysis.document
        if self.has_document(doc.id):
            return False
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        if self.has_document(doc.id):  # another process stored it since the check above
            conn.execute("ROLLBACK")
            return False
        try:
            self._insert_document(doc, analysis)
            self._insert_actors(doc, analysis.actors)
            self._insert_events(doc, analysis.events)
            self._insert_quotes(doc, analysis.quotes)
            self._insert_figures(doc, analysis.figures)
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error) and _is_fatal(exc):
                raise StoreError(f"{self.path}: {exc}") from exc
            raise
        return True

    def add_failure(self, failure: IngestFailure) -> None:
        """Record an input that could not be read or analysed (errors table).

        The same failure again (same input, stage and message as its latest row, e.g. a
        feed that is down at every poll) only moves that row's time: one row, not one per run."""
        try:
            latest = self.conn.execute(
                "SELECT id, stage, message FROM errors WHERE input = ? ORDER BY id DESC LIMIT 1", (failure.name,)
            ).fetchone()
            if latest is not None and (latest[1], latest[2]) == (failure.stage, failure.message):
                self.conn.execute("UPDATE errors SET time = ? WHERE id = ?", (_now(), latest[0]))
                return
            self.conn.execute(
                "INSERT INTO errors (input, stage, message, time) VALUES (?, ?, ?, ?)",
                (failure.name, failure.stage, failure.message, _now()),
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot record the failure of {failure.name}: {exc}") from exc

    def _insert_document(self, doc: Document, analysis: DocumentAnalysis) -> None:
        digest = content_hash(doc.text)
        sig = signature(dedupe_text(doc))
        given = doc.duplicate_of if doc.duplicate_of and self.has_document(doc.duplicate_of) else None
        duplicate_of = given or self._first_copy(digest, sig)
        self.conn.execute(
            "INSERT INTO documents (id, name, url, title, author, published, source, language, text,"
            " content_hash, duplicate_of, skipped, errors, ingested_at, published_raw)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.name, doc.url, doc.title, doc.author, doc.published, doc.source, doc.language,
             doc.text, digest, duplicate_of, analysis.skipped, json.dumps(list(analysis.errors)), _now(),
             doc.published_raw),
        )
        if sig is not None:
            remember(self.conn, doc.id, sig)
        self.conn.executemany(
            'INSERT INTO sections (document, idx, kind, start, "end", author, published) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(doc.id, i, s.kind, s.start, s.end, s.author, s.published) for i, s in enumerate(doc.sections)],
        )

    def _first_copy(self, digest: str, sig: object) -> str | None:
        """The first stored copy of this text: exact (content hash), else near (MinHash)."""
        row = self.conn.execute(
            "SELECT coalesce(duplicate_of, id) FROM documents WHERE content_hash = ? ORDER BY rowid LIMIT 1", (digest,)
        ).fetchone()
        if row:
            return row[0]
        return find_near_duplicate(self.conn, sig) if sig is not None else None

    def _insert_actors(self, doc: Document, actors: Sequence[Actor]) -> None:
        for position, actor in enumerate(actors):
            self._upsert_profile(actor.profile)
            self.conn.execute(
                "INSERT OR IGNORE INTO document_actors (document, actor, position) VALUES (?, ?, ?)",
                (doc.id, actor.id, position),
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO mentions (document, actor, section, start, "end", text, rule, confidence)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc.id, actor.id, _section_kind(doc, m.start), m.start, m.end, m.text, m.rule, m.confidence)
                 for m in actor.mentions],
            )

    def _upsert_profile(self, p: ActorProfile) -> None:
        """Insert an actor; replace a stored profile only by one that codes more."""
        row = self.conn.execute("SELECT known, country, sector FROM actors WHERE id = ?", (p.id,)).fetchone()
        if row is not None:
            old = (bool(row[0]), row[1] is not None, row[2] is not None)
            if (p.known, p.country is not None, p.sector is not None) <= old:
                return
        self.conn.execute(
            "INSERT OR REPLACE INTO actors (id, name, country, sector, code, kind, known, affiliations)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (p.id, p.name, p.country, p.sector, p.code, p.kind, int(p.known), json.dumps(list(p.affiliations))),
        )

    def _insert_events(self, doc: Document, events: Sequence[Event]) -> None:
        for idx, e in enumerate(events):
            eid = event_id(doc.id, e)
            if self.conn.execute("SELECT 1 FROM events WHERE id = ?", (eid,)).fetchone():
                continue
            evidence = [{"start": s.start, "end": s.end} for s in e.evidence]
            self.conn.execute(
                "INSERT INTO events (id, document, idx, type, mode, context, negated, hedged, hypothetical,"
                " section, asserted_by, trigger_start, trigger_end, trigger_text, sentence_start, sentence_end,"
                " confidence, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, doc.id, idx, e.type, e.mode, e.context, int(e.negated), int(e.hedged), int(e.hypothetical),
                 e.section, e.asserted_by, e.trigger.start, e.trigger.end, e.trigger.text,
                 e.sentence.start, e.sentence.end, e.confidence, json.dumps(evidence)),
            )
            self._insert_time_place(eid, e)
            roles = [(eid, a, "source", i) for i, a in enumerate(e.source)]
            roles += [(eid, a, "target", i) for i, a in enumerate(e.target)]
            self.conn.executemany(
                "INSERT INTO event_actors (event, actor, role, position) VALUES (?, ?, ?, ?)", roles
            )

    def _insert_time_place(self, eid: str, e: Event) -> None:
        loc = e.location
        self.conn.execute(
            "UPDATE events SET date = ?, date_precision = ?, location = ?, country = ?, lat = ?, lon = ?,"
            " killed = ?, wounded = ?, displaced = ? WHERE id = ?",
            (e.date, e.date_precision, json.dumps(asdict(loc), ensure_ascii=False) if loc else None,
             loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
             e.killed, e.wounded, e.displaced, eid),
        )

    def _insert_quotes(self, doc: Document, quotes: Sequence[Quote]) -> None:
        self.conn.executemany(
            'INSERT INTO quotes (document, idx, section, speaker, speaker_text, text, start, "end", direct)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, i, _section_kind(doc, q.start), q.speaker, q.speaker_text, q.text, q.start, q.end,
              int(q.direct)) for i, q in enumerate(quotes)],
        )

    def _insert_figures(self, doc: Document, figures: Sequence[Figure]) -> None:
        self.conn.executemany(
            "INSERT INTO figures (document, idx, section, kind, value, value_max, qualifier, subject, actor,"
            ' start, "end", event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(doc.id, i, _section_kind(doc, f.start), f.kind, f.value, f.value_max, f.qualifier, f.subject,
              f.actor, f.start, f.end, f.event) for i, f in enumerate(figures)],
        )

    # -- reading -----------------------------------------------------------
    def has_document(self, document_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def has_url(self, url: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE url = ?", (url,)).fetchone() is not None

    def duplicate_of(self, document_id: str) -> str | None:
        """The id of the first copy of ``document_id``'s text, when it is a duplicate."""
        row = self.conn.execute("SELECT duplicate_of FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row else None

    def has_content(self, text: str) -> bool:
        """True when a document with exactly this text is stored."""
        row = self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(text),))
        return row.fetchone() is not None

    def resolve_document_id(self, prefix: str) -> str | None:
        """The id of the one document whose id is or starts with ``prefix`` (None when 0 or several)."""
        if self.has_document(prefix):
            return prefix
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2", (len(prefix), prefix)
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def iter_analyses(
        self, since: str | None = None, until: str | None = None, documents: Sequence[str] | None = None
    ) -> Iterator[DocumentAnalysis]:
        """Rebuild full :class:`DocumentAnalysis` records, in ingestion order.

        ``since``/``until`` compare ISO dates with ``published`` (inclusive;
        ``until`` of ``2019-04`` includes all of April); documents without a date
        are left out when either bound is given.  ``documents`` restricts to ids.
        A bound that is not a real date, or ``since`` after ``until``, raises
        :class:`~factionmap.ingest.published.DateBoundError` (a ``ValueError``).
        """
        from factionmap.ingest.published import check_date_window  # (the ingest package is heavy)

        since, until = check_date_window(since, until)
        last = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
        where, window = window_sql(since, until)
        sql, params = f"SELECT d.rowid AS _r, d.* FROM documents d WHERE d.rowid > ? AND d.rowid <= ? AND {where}", \
            [0, last, *window]
        if documents is not None:
            ids = list(documents)
            if not ids:
                return
            sql += f" AND d.id IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        sql += f" ORDER BY d.rowid LIMIT {_PAGE}"
        while True:  # keyset pages: one page of rows (texts included) in memory at a time, of the
            page = self.conn.execute(sql, params).fetchall()  # documents stored when the call began
            for row in page:
                yield self._rebuild(row)
            if len(page) < _PAGE:
                return
            params[0] = page[-1]["_r"]

    def _rebuild(self, row: sqlite3.Row) -> DocumentAnalysis:
        doc_id = row["id"]
        sections = tuple(
            Section(r["kind"], r["start"], r["end"], r["author"], r["published"])
            for r in self.conn.execute("SELECT * FROM sections WHERE document = ? ORDER BY idx", (doc_id,))
        )
        document = Document(
            id=doc_id, text=row["text"], sections=sections, name=row["name"] or "", url=row["url"],
            title=row["title"], author=row["author"], published=row["published"], source=row["source"],
            language=row["language"], duplicate_of=row["duplicate_of"], published_raw=row["published_raw"],
        )
        return DocumentAnalysis(
            document=document,
            actors=self._actors_of(doc_id),
            events=self._events_of(document),
            quotes=tuple(
                Quote(r["speaker"], r["speaker_text"], r["text"], r["start"], r["end"], bool(r["direct"]))
                for r in self.conn.execute("SELECT * FROM quotes WHERE document = ? ORDER BY idx", (doc_id,))
            ),
            figures=tuple(
                Figure(r["kind"], r["value"], r["start"], r["end"], r["qualifier"], r["subject"], r["actor"],
                       r["value_max"], r["event"])
                for r in self.conn.execute("SELECT * FROM figures WHERE document = ? ORDER BY idx", (doc_id,))
            ),
            skipped=row["skipped"],
            errors=tuple(json.loads(row["errors"] or "[]")),
        )

    def _actors_of(self, doc_id: str) -> tuple[Actor, ...]:
        actors = []
        rows = self.conn.execute(
            "SELECT a.* FROM document_actors d JOIN actors a ON a.id = d.actor WHERE d.document = ?"
            " ORDER BY d.position", (doc_id,),
        ).fetchall()
        for r in rows:
            mentions = tuple(
                Mention(m["start"], m["end"], m["text"], r["id"], m["rule"], m["confidence"])
                for m in self.conn.execute(
                    "SELECT * FROM mentions WHERE document = ? AND actor = ? ORDER BY start", (doc_id, r["id"])
                )
            )
            actors.append(Actor(profile_from_row(r), mentions))
        return tuple(actors)

    def _events_of(self, document: Document) -> tuple[Event, ...]:
        events = []
        text = document.text
        for r in self.conn.execute("SELECT * FROM events WHERE document = ? ORDER BY idx", (document.id,)).fetchall():
            roles: dict[str, list[str]] = {"source": [], "target": []}
            for a in self.conn.execute(
                "SELECT actor, role FROM event_actors WHERE event = ? ORDER BY role, position", (r["id"],)
            ):
                roles[a["role"]].append(a["actor"])
            s_start, s_end = r["sentence_start"], r["sentence_end"]
            events.append(Event(
                type=r["type"], source=tuple(roles["source"]), target=tuple(roles["target"]),
                trigger=TextSpan(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
                sentence=TextSpan(s_start, s_end, text[s_start:s_end]),
                section=r["section"], asserted_by=r["asserted_by"], mode=r["mode"], context=r["context"],
                negated=bool(r["negated"]), hedged=bool(r["hedged"]), hypothetical=bool(r["hypothetical"]),
                confidence=r["confidence"],
                evidence=tuple(TextSpan(s["start"], s["end"], text[s["start"]:s["end"]])
                               for s in json.loads(r["evidence"])),
                date=r["date"], date_precision=r["date_precision"],
                location=Location(**json.loads(r["location"])) if r["location"] else None,
                killed=r["killed"], wounded=r["wounded"], displaced=r["displaced"],
            ))
        return tuple(events)


#: SQLite errors after which no later document can be stored either (the batch must stop, saying why).
_FATAL = ("database or disk is full", "disk i/o error", "readonly database", "database disk image is malformed")


def _is_fatal(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and any(marker in text for marker in _FATAL) or (
        isinstance(exc, sqlite3.DatabaseError) and "malformed" in text
    )


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open; SQLite may already have rolled back
    (a full disk does), and a failing ROLLBACK must not hide the error that caused it."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def profile_from_row(r: sqlite3.Row) -> ActorProfile:
    """An :class:`ActorProfile` from an ``actors`` row."""
    return ActorProfile(
        id=r["id"], name=r["name"], country=r["country"], sector=r["sector"], kind=r["kind"],
        affiliations=tuple(json.loads(r["affiliations"] or "[]")), known=bool(r["known"]),
    )


def _section_kind(doc: Document, offset: int) -> str | None:
    section = doc.section_at(offset)
    return section.kind if section else None
