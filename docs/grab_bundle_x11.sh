#!/bin/sh
# Remake docs/bundle-x11.png: the Linux desktop bundle itself, on a real X11 display (Xvfb), opened on the demo.
#
#   .venv/bin/python packaging/build.py /tmp/bundle          # build the bundle first (outside the source tree)
#   xvfb-run -a -s "-screen 0 1280x760x24" docs/grab_bundle_x11.sh /tmp/bundle/facilitator
#
# The bundle runs with the xcb platform plugin and a clean home; a second process grabs the screen with Qt.
set -eu
BUNDLE=${1:?usage: grab_bundle_x11.sh BUNDLE_DIR}
DOCS=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
export FACILITATOR_HOME="$WORK/home"
"$BUNDLE/facilitator" demo "$WORK/demo.facil" >/dev/null
env -u PYTHONPATH QT_QPA_PLATFORM=xcb "$BUNDLE/facilitator" "$WORK/demo.facil" >"$WORK/app.log" 2>&1 &
APP=$!
sleep 12
QT_QPA_PLATFORM=xcb "$PYTHON" -c "
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
app.primaryScreen().grabWindow(0).save(sys.argv[1])
" "$DOCS/bundle-x11.png"
kill "$APP"
echo "Wrote $DOCS/bundle-x11.png"
