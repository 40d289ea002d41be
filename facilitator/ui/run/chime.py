"""The chime at the warning threshold and at zero, with a fallback when there is no audio.

PySide6-Essentials has no QtMultimedia, so the chime plays through
``QSoundEffect`` only when the full PySide6 (with QtMultimedia) is
installed; otherwise it falls back to the system beep, which is silent on a
machine without a sound device. Neither path can stop the run: a sound that
fails to play is logged and forgotten.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from facilitator.resources import resource

log = logging.getLogger(__name__)
CHIME = resource("sounds", "chime.wav")


def synthesise_chime(path: Path, rate: int = 22050) -> None:
    """Write the bundled chime: two soft bell partials (A5 and E6) that fade over 1.2 s.

    Made with Python's ``wave`` module so the sound is ours (no licence to track);
    ``python -m facilitator.ui.run.chime`` rewrites it.
    """
    seconds = 1.2
    frames = bytearray()
    for n in range(int(rate * seconds)):
        t = n / rate
        attack = min(1.0, t / 0.01)
        value = attack * (
            0.55 * math.sin(2 * math.pi * 880 * t) * math.exp(-t * 3.2)
            + 0.30 * math.sin(2 * math.pi * 1318.5 * t) * math.exp(-t * 4.5)
            + 0.12 * math.sin(2 * math.pi * 2637 * t) * math.exp(-t * 9.0)
        )
        frames += struct.pack("<h", int(max(-1.0, min(1.0, value)) * 0.7 * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


class Chime(QObject):
    """Plays the chime unless muted; ``backend`` says which way ("QtMultimedia" or "beep")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = False
        self.played = 0
        self._effect = None
        self.backend = "beep"
        try:
            from PySide6.QtMultimedia import QSoundEffect  # not in PySide6-Essentials
        except ImportError:
            return
        try:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(CHIME)))
            effect.setVolume(0.8)
        except Exception:  # no audio device, missing backend: the run goes on silently
            log.warning("chime: QtMultimedia present but unusable; using the system beep", exc_info=True)
            return
        self._effect = effect
        self.backend = "QtMultimedia"

    def play(self) -> None:
        if self.muted:
            return
        self.played += 1
        try:
            if self._effect is not None:
                self._effect.play()
            else:
                QApplication.beep()
        except Exception:
            log.warning("chime could not play", exc_info=True)


if __name__ == "__main__":
    CHIME.parent.mkdir(parents=True, exist_ok=True)
    synthesise_chime(CHIME)
    print(f"wrote {CHIME} ({CHIME.stat().st_size} bytes)")
