"""The packaging files, checked without building a bundle (tests/test_bundle.py builds one).

What a platform reads to show the app and open its projects must agree: the
``application/x-facilitator`` type and the ``.facil`` glob in the Linux files and the
macOS Info.plist, the icon sizes each platform asks for, and the bundle's filter
rules for Qt plugins and libraries.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import plistlib
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image, ImageChops

from tests.conftest import REPO

PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"
MIME = "application/x-facilitator"


def packaging_module(name: str) -> ModuleType:
    """A script from packaging/, loaded by path (the folder is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"facilitator_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle_filter() -> ModuleType:
    return packaging_module("bundle_filter")


@pytest.fixture(scope="module")
def entry() -> ModuleType:
    return packaging_module("facilitator_main")


# -- the Qt plugins and libraries the bundle keeps ---------------------------------------------


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqminimal.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
    ],
)
def test_the_bundle_keeps_the_plugins_and_libraries_we_use(bundle_filter: ModuleType, dest: str) -> None:
    assert bundle_filter.keep_binary(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/designer/libqwebengineview.so",
        "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
    ],
)
def test_the_bundle_drops_qt_plugins_we_do_not_use(bundle_filter: ModuleType, dest: str) -> None:
    assert not bundle_filter.keep_binary(dest)


def test_the_bundle_leaves_out_qt_translations_but_keeps_our_resources(bundle_filter: ModuleType) -> None:
    assert not bundle_filter.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundle_filter.keep_data("PySide6\\translations\\qt_fr.qm")
    assert bundle_filter.keep_data("resources/demo/active-care-day.json")
    assert bundle_filter.keep_data("resources/fonts/DejaVuSans.ttf")


def test_libraries_only_dropped_plugins_needed_are_dropped(bundle_filter: ModuleType) -> None:
    # A fake link graph: source path -> libraries it links to.
    links = {
        "/qt/plugins/platforms/libqxcb.so": ["/qt/lib/libQt6XcbQpa.so.6", "/qt/lib/libQt6Gui.so.6"],
        "/qt/lib/libQt6XcbQpa.so.6": ["/qt/lib/libQt6Gui.so.6"],
        "/qt/lib/libQt6Gui.so.6": ["/qt/lib/libQt6Core.so.6", "/usr/lib/libfreetype.so.6"],
        "/qt/lib/libQt6Core.so.6": [],
        "/qt/lib/libQt6Network.so.6": ["/qt/lib/libQt6Core.so.6"],
        "/qt/lib/libQt6OpenGL.so.6": ["/qt/lib/libQt6Gui.so.6"],
        "/usr/lib/libfreetype.so.6": [],
        "/usr/lib/libcairo.so.2": ["/usr/lib/libfreetype.so.6"],
        "/py/QtWidgets.abi3.so": ["/qt/lib/libQt6Core.so.6"],
        "/py/libpython3.11.so.1.0": [],
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/plugins/platforms/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/qt/lib/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/lib/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/qt/lib/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/qt/lib/libQt6Network.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", "/qt/lib/libQt6OpenGL.so.6", "BINARY"),
        ("libfreetype.so.6", "/usr/lib/libfreetype.so.6", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("PySide6/QtWidgets.abi3.so", "/py/QtWidgets.abi3.so", "EXTENSION"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]

    def get_imports(src: str) -> list[tuple[str, str | None]]:
        return [(Path(target).name, target) for target in links[src]]

    unused = bundle_filter.unreachable_libraries(binaries, get_imports)
    assert unused == {"PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "libcairo.so.2"}

    kept = {dest for dest, _src, _kind in bundle_filter.without(binaries, unused)}
    assert "libQt6Network.so.6" not in kept, "a symbolic link to a dropped library must go with it"
    assert {"libQt6Gui.so.6", "libpython3.11.so.1.0", "PySide6/Qt/lib/libQt6XcbQpa.so.6"} <= kept


# -- the icon ------------------------------------------------------------------------------------


def test_the_icon_comes_in_every_size_each_platform_asks_for() -> None:
    make_icons = packaging_module("make_icons")
    assert (ICONS / "facilitator.svg").is_file()
    for size in make_icons.PNG_SIZES:
        with Image.open(ICONS / f"facilitator-{size}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"
            assert png.getpixel((0, 0))[3] == 0, "the corners are transparent (rounded square)"
            assert png.getpixel((size // 2, size - 1 - size // 16))[3] > 0
    with Image.open(ICONS / "facilitator.ico") as ico:
        assert set(ico.info["sizes"]) >= {(16, 16), (32, 32), (48, 48), (256, 256)}
    with Image.open(ICONS / "facilitator.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]


def test_the_icon_rasters_are_drawn_from_the_svg(tmp_path: Path, qapp) -> None:
    """Regenerating the rasters from the SVG gives what is committed (within antialiasing)."""
    make_icons = packaging_module("make_icons")
    image = make_icons.render(ICONS / "facilitator.svg", 64)
    with Image.open(ICONS / "facilitator-64.png") as committed:
        extrema = ImageChops.difference(image, committed.convert("RGBA")).getextrema()
    assert max(high for _low, high in extrema) <= 8, "resources/icons is stale: run packaging/make_icons.py"


def test_the_app_gets_its_window_icon_from_the_bundled_pngs(qapp) -> None:
    from facilitator.ui.desktop import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (32, 32), (256, 256), (512, 512)} <= sizes


# -- opening a project from the desktop ------------------------------------------------------------


def test_a_file_open_event_opens_the_project_in_the_main_window(qtbot, demo_file: Path) -> None:
    """macOS hands a double-clicked project to the running app as a QFileOpenEvent."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from facilitator.ui.desktop import FileOpenForwarder
    from facilitator.ui.main_window import MainWindow

    app = QApplication.instance()
    forwarder = FileOpenForwarder(app)
    app.installEventFilter(forwarder)
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        assert window.document is None
        QApplication.sendEvent(app, QFileOpenEvent(str(demo_file)))
        assert window.document is not None
        assert Path(window.document.store.path) == demo_file
    finally:
        app.removeEventFilter(forwarder)
        forwarder.deleteLater()
        window = None


# -- what each platform reads ----------------------------------------------------------------------


def test_the_linux_desktop_entry_opens_facil_files() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "facilitator.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split() == ["facilitator", "%f"]
    assert desktop["Icon"] == "facilitator"
    assert MIME in desktop["MimeType"].split(";")
    assert desktop["StartupWMClass"] == "facilitator"  # what app.setDesktopFileName("facilitator") announces


def test_the_shared_mime_info_claims_facil_files() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / "facilitator-mime.xml").getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == MIME
    assert [glob.get("pattern") for glob in kind.findall("m:glob", ns)] == ["*.facil"]


def test_the_appstream_metainfo_names_the_desktop_entry_and_the_mime_type() -> None:
    root = ET.parse(PACKAGING / "linux" / "org.facilitator.Facilitator.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == "org.facilitator.Facilitator"  # the macOS CFBundleIdentifier too
    assert root.findtext("launchable") == "facilitator.desktop"
    assert root.findtext("provides/mediatype") == MIME
    assert root.findtext("provides/binary") == "facilitator"
    from facilitator import __version__

    assert __version__ in [release.get("version") for release in root.iter("release")]


def test_the_macos_info_plist_declares_the_facil_document_type() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as fh:
        plist = plistlib.load(fh)
    (doc,) = plist["CFBundleDocumentTypes"]
    assert doc["CFBundleTypeExtensions"] == ["facil"]
    assert doc["CFBundleTypeMIMETypes"] == [MIME]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["facil"]
    assert doc["CFBundleTypeIconFile"] == "facilitator.icns"


def test_the_windows_version_resource_takes_the_version_number() -> None:
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    filled = text.replace("@VERSION_TUPLE@", "(0, 1, 0, 0)").replace("@VERSION@", "0.1.0")
    assert "@" not in filled
    call = ast.parse(filled, mode="eval").body
    assert isinstance(call, ast.Call) and call.func.id == "VSVersionInfo"


def test_pyinstaller_is_an_optional_bundle_extra() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(req.startswith("pyinstaller>=6") for req in project["optional-dependencies"]["bundle"])
    assert not any(req.lower().startswith("pyinstaller") for req in project["dependencies"])
