"""The agenda editor and the diamond necklace."""

from facilitator.ui.agenda.editor import AgendaEditor

__all__ = ["AgendaEditor"]
