"""Printed and exported outputs: PDFs with reportlab and pillow, and CSV/JSON/Markdown.

Nothing here imports Qt: the renderers run in the command line, in tests
and in the export worker process alike.
"""
