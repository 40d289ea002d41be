"""The edit layer: one Qt-free path by which every source changes a project.

See docs/design/0007-edit-path.md. In short:
operations are plain values; :class:`Editor` validates, writes one
transaction, changes the model and tells subscribers with a :class:`Notice`;
:class:`Applied` carries the relative inverse; :class:`Batcher` groups other
origins' operations into shared commits.
"""

import importlib
from typing import TYPE_CHECKING

# Names load on first use (PEP 562): the window imports ``Notice`` and ``Editor`` at start-up, and
# the operations (two dozen frozen dataclasses, the costliest part of the layer to import) load
# with the first edit or the tabs built just after the first paint, not before it.
_WHERE = {
    "Refused": "facilitator.core.rules",
    "Batcher": "facilitator.edits.batcher",
    "Editor": "facilitator.edits.editor",
    "KINDS": "facilitator.edits.notice",
    "LOCAL": "facilitator.edits.notice",
    "ORIGIN_KINDS": "facilitator.edits.notice",
    "Applied": "facilitator.edits.notice",
    "Notice": "facilitator.edits.notice",
    "Origin": "facilitator.edits.notice",
}


def __getattr__(name: str):
    # Any other public name is an operation (or operation_from_dict) from ``ops``.
    module = _WHERE.get(name, "facilitator.edits.ops" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from facilitator.core.rules import Refused
    from facilitator.edits.batcher import Batcher
    from facilitator.edits.editor import Editor
    from facilitator.edits.notice import KINDS, LOCAL, ORIGIN_KINDS, Applied, Notice, Origin
    from facilitator.edits.ops import (
        AcceptNotes,
        AddAction,
        AddAgendaItem,
        AddCluster,
        AddDiamond,
        AddDot,
        AddGroup,
        AddNote,
        AddPhoto,
        AddRound,
        AddWall,
        ClearRound,
        Delete,
        HideNotes,
        MoveItems,
        Operation,
        RejectNotes,
        RemoveDot,
        Reorder,
        Restore,
        RevealNotes,
        SetNoteStatus,
        SetRun,
        SetSetting,
        Update,
        operation_from_dict,
    )

__all__ = [
    "KINDS",
    "LOCAL",
    "ORIGIN_KINDS",
    "AcceptNotes",
    "AddAction",
    "AddAgendaItem",
    "AddCluster",
    "AddDiamond",
    "AddDot",
    "AddGroup",
    "AddNote",
    "AddPhoto",
    "AddRound",
    "AddWall",
    "Applied",
    "Batcher",
    "ClearRound",
    "Delete",
    "Editor",
    "HideNotes",
    "MoveItems",
    "Notice",
    "Operation",
    "Origin",
    "Refused",
    "RejectNotes",
    "RemoveDot",
    "Reorder",
    "Restore",
    "RevealNotes",
    "SetNoteStatus",
    "SetRun",
    "SetSetting",
    "Update",
    "operation_from_dict",
]
