"""A deterministic stream of real wall edits, applied through the app's own store.

The kill test's child process runs ``main()``: it applies each edit to the
model and to the project file, and after each commit prints ``committed N``.
The parent replays the same seeded stream on a model alone to know what the
file must hold after N (or N + 1) edits.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.store import ProjectFile

Edit = Callable[[Wall, ProjectFile | None], None]
CREATED = dt.datetime(2026, 12, 3, 10, 0, 0)


def initial_project(seed: int) -> Project:
    rng = random.Random(seed)
    wall = Wall("Kill test", id=f"wall-{seed}")
    wall.rounds.append(VoteRound("Round 1", id=f"round-{seed}"))
    for i in range(20):
        wall.add_note(
            Note(f"seed note {i}", x=rng.uniform(0, 2000), y=rng.uniform(0, 1000), created=CREATED, id=f"n{i}")
        )
    return Project(walls=[wall])


def edits(seed: int) -> Iterator[Edit]:
    """An endless, reproducible mix of the edits a note-taker makes."""
    rng = random.Random(seed * 7919 + 1)
    counter = 0
    while True:
        counter += 1
        kind = rng.choice(["add", "add", "move", "text", "group", "vote", "delete", "import", "ungroup"])
        yield _make(kind, rng, counter)


def _make(kind: str, rng: random.Random, n: int) -> Edit:
    choice = rng.random()  # drawn now so the stream does not depend on the wall's state order
    values = [rng.random() for _ in range(4)]

    def pick(ids: list[str]) -> str | None:
        return ids[int(choice * len(ids))] if ids else None

    def apply(wall: Wall, store: ProjectFile | None) -> None:
        note_ids = list(wall.notes)
        if kind == "add":
            note = wall.add_note(
                Note(f"idea {n} — café ŵ", x=values[0] * 3000, y=values[1] * 2000, created=CREATED, id=f"a{n}")
            )
            if store:
                store.save_notes(wall.id, [note])
        elif kind == "move" and note_ids:
            moved = note_ids[: 1 + int(values[0] * min(50, len(note_ids)))]
            for i in moved:
                wall.notes[i].x += 10.5
                wall.notes[i].y -= 3.25
            if store:
                store.move_notes([(i, wall.notes[i].x, wall.notes[i].y) for i in moved])
        elif kind == "text" and note_ids:
            note = wall.notes[pick(note_ids)]
            note.text = f"edited {n}"
            if store:
                store.save_notes(wall.id, [note])
        elif kind == "group" and len(note_ids) >= 3:
            cluster = Cluster(f"cluster {n}", id=f"c{n}")
            members = [i for i in note_ids if wall.notes[i].cluster_id is None][:3]
            wall.add_cluster(cluster, members)
            if store:
                with store.transaction():
                    store.save_clusters(wall.id, [cluster])
                    store.save_notes(wall.id, [wall.notes[i] for i in members])
        elif kind == "ungroup" and wall.clusters:
            cluster_id = pick(list(wall.clusters))
            wall.remove_cluster(cluster_id)
            if store:
                store.delete_clusters([cluster_id])
        elif kind == "vote" and note_ids:
            target = pick(note_ids)
            wall.vote(wall.rounds[0].id, target, 1)
            if store:
                store.save_round(wall.id, wall.rounds[0])
        elif kind == "delete" and note_ids:
            target = pick(note_ids)
            wall.remove_note(target)
            if store:
                store.delete_notes([target])
        elif kind == "import":
            batch = [
                Note(f"imported {n}.{k}", x=k * 200.0, y=-500.0, created=CREATED, id=f"i{n}.{k}") for k in range(40)
            ]
            for note in batch:
                wall.add_note(note)
            if store:
                store.save_notes(wall.id, batch)

    return apply


def model_after(seed: int, count: int) -> Wall:
    wall = initial_project(seed).walls[0]
    stream = edits(seed)
    for _ in range(count):
        next(stream)(wall, None)
    return wall


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    store = ProjectFile.open(path)
    wall = store.load().walls[0]
    print("ready", flush=True)
    for n, edit in enumerate(edits(seed), start=1):
        edit(wall, store)
        print(f"committed {n}", flush=True)


if __name__ == "__main__":
    main()
