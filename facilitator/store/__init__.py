"""The project file: the only package that speaks SQL."""

from facilitator.store.errors import (
    CorruptProject,
    NewerFormat,
    NotAProject,
    OpenElsewhere,
    ProjectError,
    WriteFailed,
)
from facilitator.store.project_file import ProjectFile

__all__ = [
    "CorruptProject",
    "NewerFormat",
    "NotAProject",
    "OpenElsewhere",
    "ProjectError",
    "ProjectFile",
    "WriteFailed",
]
