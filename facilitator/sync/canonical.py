"""A project's content as one comparable value: what two copies must agree on after a merge or a sync.

Left out on purpose: which copy wrote what and when (replica ids, stamps, the
change log), settings and the run in progress. Photos appear as their bytes'
SHA-256. Deleted ids are in, so "deletes stay deleted" is compared too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from facilitator.core.project import Project
from facilitator.edits.records import encode, record


def canonical(project: Project, photo_data: Callable[[str], bytes], plan: bool = True) -> dict[str, Any]:
    """Everything two converged copies hold alike; ``plan`` False leaves out the event, agenda and lists."""
    walls = []
    for wall in sorted(project.walls, key=lambda w: (w.order, w.id)):
        walls.append(
            {
                **record("wall", wall),
                "clusters": sorted((record("cluster", c) for c in wall.clusters.values()), key=lambda r: r["id"]),
                "notes": sorted((record("note", n) for n in wall.notes.values()), key=lambda r: r["id"]),
                "rounds": [
                    {
                        **record("round", r),
                        "dots": sorted((record("dot", d) for d in r.dots.values()), key=lambda d: d["id"]),
                    }
                    for r in sorted(wall.rounds, key=lambda r: (r.order, r.id))
                ],
            }
        )
    photos = [
        {**record("photo", p), "sha256": hashlib.sha256(photo_data(p.id)).hexdigest()}
        for p in sorted(project.photos, key=lambda p: p.id)
    ]
    kinds = {"wall", "cluster", "round", "note", "dot", "photo"}
    dump: dict[str, Any] = {
        "walls": walls,
        "photos": photos,
        "deleted": sorted(i for i, k in project.tombstones.items() if plan or k in kinds),
    }
    if plan:
        ev = project.event
        dump["event"] = {
            name: encode("event", name, getattr(ev, name))
            for name in ("title", "date", "venue", "organiser", "planned_start", "planned_end")
        }
        for kind, items in (
            ("group", project.groups),
            ("diamond", project.diamonds),
            ("agenda", project.agenda),
            ("action", project.actions),
        ):
            dump[kind] = [record(kind, x) for x in sorted(items, key=lambda x: (x.order, x.id))]
    return dump


def canonical_text(project: Project, photo_data: Callable[[str], bytes], plan: bool = True) -> str:
    return json.dumps(canonical(project, photo_data, plan), sort_keys=True, ensure_ascii=False, default=str)
