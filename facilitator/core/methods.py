"""The method library: common co-design activities, ready to drop into an agenda.

Two sources, one list: the bundled library (``resources/methods/methods.json``,
read-only, in our own words) and the facilitator's own templates, saved from
their agenda items into a JSON file in their user data folder. Nothing here
knows about Qt or where that folder is: callers pass paths.

A method becomes an agenda item with :func:`agenda_item` (a fresh id each
time); an agenda item becomes a template with :func:`method_from_item`.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from facilitator.core.agenda import AgendaItem, Kind, Phase
from facilitator.core.ids import new_id

FORMAT = 1
MAX_TEMPLATES = 500
MAX_TEXT = 4000


class LibraryError(Exception):
    """A template file that cannot be read or written; the message is for people."""


@dataclass(frozen=True)
class Method:
    id: str
    title: str
    minutes: int = 15
    kind: Kind = Kind.ACTIVITY
    phase: Phase = Phase.NONE
    summary: str = ""
    instructions: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    own: bool = False  # the facilitator's own template (can be deleted), not a bundled one

    @property
    def words(self) -> str:
        """Everything a search looks at, folded."""
        return " ".join((self.title, self.summary, self.instructions, self.notes, " ".join(self.tags))).casefold()


def _method(raw: object, own: bool) -> Method | None:
    """One method from its JSON form, or None when it is not usable (a bad entry never hides the rest)."""
    if not isinstance(raw, dict):
        return None
    title = " ".join(str(raw.get("title", "")).split())[:200]
    if not title:
        return None
    try:
        minutes = int(raw.get("minutes", 15))
        kind = Kind(raw.get("kind", "activity"))
        phase = Phase(raw.get("phase", "none"))
    except (TypeError, ValueError):
        return None
    if not 0 <= minutes <= 600:
        return None
    tags = raw.get("tags", [])
    return Method(
        id=str(raw.get("id") or new_id()),
        title=title,
        minutes=minutes,
        kind=kind,
        phase=phase,
        summary=str(raw.get("summary", ""))[:MAX_TEXT],
        instructions=str(raw.get("instructions", ""))[:MAX_TEXT],
        notes=str(raw.get("notes", ""))[:MAX_TEXT],
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        own=own,
    )


def read_methods(path: Path, own: bool = False) -> list[Method]:
    """The methods in one library file. A missing file is an empty library; a damaged one says so."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise LibraryError(f"The method library {path.name} could not be read ({exc}).") from exc
    entries = data.get("methods") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LibraryError(f"The method library {path.name} is not a list of methods.")
    return [m for m in (_method(e, own) for e in entries[:MAX_TEMPLATES]) if m is not None]


def load_library(bundled: Path, own: Path | None = None) -> tuple[list[Method], str]:
    """The bundled methods, then the user's own (sorted by title), and a warning if the user's file is damaged.

    A damaged template file never stops the bundled library from showing,
    and it is never overwritten until the user saves a template again.
    """
    methods = read_methods(bundled)
    warning = ""
    if own is not None:
        try:
            mine = read_methods(own, own=True)
        except LibraryError as exc:
            mine, warning = [], str(exc)
        methods += sorted(mine, key=lambda m: m.title.casefold())
    return methods, warning


def _stem(word: str) -> str:
    """A rough English stem, so "vote" finds "voting" and "clusters" finds "clustering"."""
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def search(methods: Iterable[Method], query: str) -> list[Method]:
    """Methods whose words hold every word of ``query`` (any order, any case, any ending); title matches first."""
    stems = [_stem(w) for w in re.findall(r"\w+", query.casefold())]
    found = [m for m in methods if all(s in m.words for s in stems)]
    if not stems:
        return found
    return sorted(found, key=lambda m: not all(s in m.title.casefold() for s in stems))


def agenda_item(method: Method) -> AgendaItem:
    """A new agenda item from a method: its title, minutes, kind, phase and both kinds of instructions."""
    return AgendaItem(
        title=method.title,
        minutes=method.minutes,
        kind=method.kind,
        phase=method.phase,
        instructions=method.instructions,
        notes=method.notes,
    )


def method_from_item(item: AgendaItem, title: str | None = None) -> Method:
    """A template from one of the facilitator's agenda items (its diamond and wall belong to that day only)."""
    name = " ".join((title if title is not None else item.title).split())
    return Method(
        id=new_id(),
        title=name or item.title,
        minutes=item.minutes,
        kind=item.kind,
        phase=item.phase,
        summary="",
        instructions=item.instructions,
        notes=item.notes,
        own=True,
    )


def _to_json(method: Method) -> dict:
    data = asdict(method)
    data.pop("own")
    data["kind"], data["phase"], data["tags"] = method.kind.value, method.phase.value, list(method.tags)
    return data


def write_own(path: Path, methods: Sequence[Method]) -> None:
    """Write the user's templates whole, atomically: a crash leaves the old file or the new one, never half."""
    payload = {"format": FORMAT, "methods": [_to_json(m) for m in methods if m.own]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".methods-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise LibraryError(f"Your templates could not be saved to {path} ({exc.strerror or exc}).") from exc


def save_own(path: Path, method: Method) -> list[Method]:
    """Add (or replace, by title) one of the user's templates; returns the user's templates now saved."""
    mine = read_methods(path, own=True)  # a damaged file raises: never overwrite what we could not read
    mine = [m for m in mine if m.title.casefold() != method.title.casefold()]
    if len(mine) >= MAX_TEMPLATES:
        raise LibraryError(f"You already have {MAX_TEMPLATES} templates; delete some first.")
    mine.append(Method(**{**asdict(method), "own": True}))
    write_own(path, mine)
    return mine


def delete_own(path: Path, method_id: str) -> list[Method]:
    mine = [m for m in read_methods(path, own=True) if m.id != method_id]
    write_own(path, mine)
    return mine


@dataclass
class Library:
    """The library as a screen shows it: every method, and where the user's own are kept."""

    bundled: Path
    own: Path | None = None
    methods: list[Method] = field(default_factory=list)
    warning: str = ""

    def reload(self) -> None:
        self.methods, self.warning = load_library(self.bundled, self.own)
