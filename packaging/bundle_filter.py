"""What the bundle leaves out: Python modules, Qt plugins, and Qt libraries nothing kept links to.

Kept apart from the PyInstaller spec so the rules can be read in one place and
tested without building a bundle.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Modules the app never imports but that PyInstaller would follow from something else.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc_data",
    "lib2to3",
    "setuptools",
    "pip",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "IPython",
    "numpy",
    # The app never goes on the network: no TLS (http.client and urllib import it optionally).
    "ssl",
    "_ssl",
    "readline",
    # Qt modules a widgets app does not need: QML/Quick, web, network, SQL (we use sqlite3), tests, designer.
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtMultimedia",
]

# Qt plugin folder -> plugin names kept (without "lib"/"q" prefix handling: the stem as Qt ships it,
# minus a leading "lib" and the file suffix). A folder not listed here is dropped entirely.
KEEP_PLUGINS: dict[str, set[str]] = {
    # offscreen: CI and `render`; minimal: a fallback; xcb/wayland: Linux desktops; windows/cocoa: the others.
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows", "qcocoa"},
    "imageformats": {"qjpeg", "qsvg", "qico"},  # PNG is built into QtGui.
    "iconengines": {"qsvgicon"},
    # Native file dialogs through the desktop portal where there is one. Not qgtk3: it links the host's
    # GTK, and would make PyInstaller ship this machine's cairo/pango/glib to run against another's GTK.
    "platformthemes": {"qxdgdesktopportal"},
    # Typing accents and non-Latin scripts on Linux (compose key, IBus input methods).
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
    # The native widget look on Windows and macOS.
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
    # Printing, should a printing feature import QtPrintSupport.
    "printsupport": {"cupsprintersupport", "windowsprintersupport", "cocoaprintersupport"},
}

_SUFFIX = re.compile(r"(\.so(\.\d+)*|\.dll|\.dylib)$", re.IGNORECASE)
_QT_LIBRARY = re.compile(r"^(lib)?Qt6\w+(\.so(\.\d+)*|\.dll|\.dylib)$")


def plugin_stem(filename: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    stem = _SUFFIX.sub("", filename)
    return stem[3:] if stem.startswith("lib") else stem


def keep_binary(dest: str) -> bool:
    """False for a Qt plugin we do not ship (by its path inside the bundle); True for everything else."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if at == 0 or parts[at - 1] not in ("Qt", "PySide6") or len(parts) < at + 3:
        return True
    folder, name = parts[at + 1], parts[-1]
    return plugin_stem(name) in KEEP_PLUGINS.get(folder, set())


def keep_data(dest: str) -> bool:
    """False for Qt's own translations: the app speaks English and never installs a QTranslator (7 MB)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    return not ("translations" in parts and "PySide6" in parts and dest.endswith(".qm"))


def is_qt_library(dest: str) -> bool:
    return bool(_QT_LIBRARY.match(PurePosixPath(dest.replace("\\", "/")).name))


def is_prunable_library(dest: str) -> bool:
    """A shared library kept only if something else links to it: a Qt library, or one PyInstaller put
    at the top of the bundle as a dependency. Not libpython, which the bootloader opens by name."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if is_qt_library(dest):
        return True
    top_level_library = len(path.parts) == 1 and path.name.startswith("lib") and ".so" in path.name
    return top_level_library and not path.name.startswith("libpython")


def unreachable_libraries(
    binaries: Iterable[tuple[str, str, str]],
    get_imports: Callable[[str], Iterable[tuple[str, str | None]]],
    prunable: Callable[[str], bool] = is_prunable_library,
) -> set[str]:
    """Destinations of prunable libraries that no kept binary links to, directly or through other libraries.

    PyInstaller gathers every plugin of a type and then every library those plugins
    link to; once the plugin filter has run, the libraries only dropped plugins
    wanted (QtNetwork for VNC, QtOpenGL for EGLFS, cairo and pango for the GTK
    theme, ...) would still be shipped without this. Everything not prunable
    (extension modules, kept plugins, libpython) is a root; a prunable library is
    kept when a root reaches it.
    """
    entries = [entry for entry in binaries if entry[2] != "SYMLINK"]
    source_of = {dest: src for dest, src, _kind in entries}
    by_source = {_norm(src): dest for dest, src in source_of.items()}
    candidates = {dest for dest in source_of if prunable(dest)}
    by_name = {PurePosixPath(dest).name: dest for dest in candidates}
    reached: set[str] = set()
    pending = [dest for dest in source_of if dest not in candidates]
    seen = set(pending)
    while pending:
        dest = pending.pop()
        for name, full in get_imports(source_of[dest]):
            target = by_source.get(_norm(full)) if full else None
            if target is None and name:
                target = by_name.get(PurePosixPath(name.replace("\\", "/")).name)
            if target is None or target in seen:
                continue
            seen.add(target)
            reached.add(target)
            pending.append(target)
    return candidates - reached


def without(binaries: Iterable[tuple[str, str, str]], dropped: set[str]) -> list[tuple[str, str, str]]:
    """``binaries`` less the ``dropped`` destinations and the symbolic links that pointed at them."""
    gone = {_clean(dest) for dest in dropped}
    kept = []
    for dest, src, kind in binaries:
        if _clean(dest) in gone:
            continue
        if kind == "SYMLINK" and _clean(posixpath.join(posixpath.dirname(_clean(dest)), _clean(src))) in gone:
            continue
        kept.append((dest, src, kind))
    return kept


def _clean(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))


def _norm(path: str) -> str:
    return os.path.realpath(path)
