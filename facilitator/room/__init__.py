"""The room joins in: a small HTTP server that lets phones on the local network send notes and dot-votes.

No Qt here (checked by tests/test_core_has_no_qt.py): the server runs on whatever asyncio loop is
running (qasync's in the app, a plain one for ``facilitator serve``), never on a thread. Every edit it
makes goes through a :class:`~facilitator.room.backend.RoomBackend`, which in the app is the one edit path.
The HTTP contract is documented in docs/room-api.md.
"""
