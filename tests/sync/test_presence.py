"""Who is here: laptops and phones with their last contact, on an injected clock."""

from __future__ import annotations

from facilitator.sync.presence import Present, ago_text, phone_name, who_is_here


def test_laptops_then_phones_most_recent_first():
    people = who_is_here([("Table 2", 1.0)], {"p-aaaa7f3a": 95.0, "p-bbbb0c1d": 99.0}, now=100.0)
    assert people == [
        Present("Table 2", "laptop", 1.0),
        Present("Phone 0C1D", "phone", 1.0),
        Present("Phone 7F3A", "phone", 5.0),
    ]
    assert [p.line() for p in people] == [
        "Table 2 (laptop), last contact just now",
        "Phone 0C1D (phone), last contact just now",
        "Phone 7F3A (phone), last contact 5 s ago",
    ]


def test_last_contact_reads_plainly():
    assert [ago_text(s) for s in (0, 3, 89, 90, 600, 7200)] == [
        "just now",
        "3 s ago",
        "89 s ago",
        "2 min ago",
        "10 min ago",
        "2 h 00 min ago",
    ]
    assert phone_name("abc") == "Phone ABC"
