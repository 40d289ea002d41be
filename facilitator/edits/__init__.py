"""The edit layer: one Qt-free path by which every source changes a project.

See docs/design/0007-edit-path.md. In short:
operations are plain values; :class:`Editor` validates, writes one
transaction, changes the model and tells subscribers with a :class:`Notice`;
:class:`Applied` carries the relative inverse; :class:`Batcher` groups other
origins' operations into shared commits.
"""

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
