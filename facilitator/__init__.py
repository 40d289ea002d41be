"""Facilitator: an offline desktop toolkit for running in-room co-design events."""

__version__ = "0.1.0"
