"""A big, believable wall for the wall benchmarks: N notes in 100 clusters, tidied, with some dots.

Not a benchmark itself (no ``bench_`` prefix); the ``bench_wall_*`` scripts import it.
"""

from __future__ import annotations

import random

from facilitator.core import layout
from facilitator.core.palette import NOTE_COLOURS
from facilitator.core.wall import Cluster, Dot, Note, VoteRound, Wall

_WORDS_TEXT = (
    "walking group clinic referral bus timetable carers confidence nurse physio leisure centre evening "
    "weekend cost transport pain motivation friends dog park stairs appointment link worker directory "
    "café garden allotment dance swimming bowls tai chi chair yoga Łódź Gdańsk São Paulo Zürich naïve "
    "coöperation façade résumé 東京 北京 मुंबई القاهرة"
)
WORDS = _WORDS_TEXT.split()
AUTHORS = ["Priya Shah", "Dr Tom Ellis", "Siân Morgan", "Ada Okafor", "Gareth Price", "Mo Hassan", "Nguyễn Thị Lan"]
GROUPS = ["Health", "Public health", "Sport and leisure", "Patient voice", "Local authority"]


def big_wall(notes: int, clusters: int = 100, seed: int = 7) -> Wall:
    rng = random.Random(seed)
    wall = Wall(name="Big wall")
    ids = []
    for i in range(clusters):
        cluster = wall.add_cluster(Cluster(title=f"Theme {i + 1}: " + " ".join(rng.sample(WORDS, 3))))
        ids.append(cluster.id)
    colours = list(NOTE_COLOURS)
    for i in range(notes):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 22)))
        wall.add_note(
            Note(
                text=text,
                colour=rng.choice(colours),
                author=rng.choice(AUTHORS),
                group=rng.choice(GROUPS),
                cluster_id=ids[i % clusters],
            )
        )
    vote_round = VoteRound(name="Round 1")
    for note in rng.sample(list(wall.notes.values()), min(notes, notes // 10 + 1)):
        for _ in range(rng.randint(1, 5)):
            dot = Dot(note.id)
            vote_round.dots[dot.id] = dot
    wall.rounds.append(vote_round)
    layout.tidy_wall_in_place(wall, width=24000)
    return wall
