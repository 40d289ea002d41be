#!/bin/sh
# Add Facilitator to this user's application menu and make double-clicking a .facil
# project open it. Needs no administrator rights: everything goes under ~/.local/share.
# Run it again after moving the folder; run it with --remove to take the entries out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
icons="$here/_internal/resources/icons"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/facilitator.desktop" "$data/mime/packages/facilitator-mime.xml" \
        "$data/metainfo/org.facilitator.Facilitator.metainfo.xml" "$data/icons/hicolor/scalable/apps/facilitator.svg"
  for size in 16 24 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/facilitator.png"
  done
else
  mkdir -p "$data/applications" "$data/mime/packages" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
  sed -e "s|^Exec=facilitator |Exec=\"$here/facilitator\" |" -e "s|^TryExec=facilitator|TryExec=$here/facilitator|" \
    "$here/share/facilitator.desktop" > "$data/applications/facilitator.desktop"
  cp "$here/share/facilitator-mime.xml" "$data/mime/packages/"
  cp "$here/share/org.facilitator.Facilitator.metainfo.xml" "$data/metainfo/"
  cp "$icons/facilitator.svg" "$data/icons/hicolor/scalable/apps/facilitator.svg"
  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$icons/facilitator-$size.png" "$data/icons/hicolor/${size}x${size}/apps/facilitator.png"
  done
fi

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
if [ "${1:-}" != "--remove" ] && command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default facilitator.desktop application/x-facilitator || true
fi
if [ "${1:-}" = "--remove" ]; then done_what=removed; else done_what=installed; fi
echo "Facilitator: desktop entry $done_what under $data"
