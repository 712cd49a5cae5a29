"""A reader's review log as the quiz keeps it ([card key, time ms, rating,
whole days since the card's review before]), generated: a learner whose
memory follows FSRS-6 with parameters of their own (they forget new cards
faster than FSRS's defaults assume, and recall reviews better) studies with
the quiz's default schedule (py-fsrs, no fuzz) and answers each card as
their memory gives it: Again when forgotten, else mostly Good."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
LEARNER = list(DEFAULT_PARAMETERS)
LEARNER[0:4] = [0.1, 0.5, 1.2, 4.0]  # first memories weaker than the defaults
LEARNER[8] = 2.1  # and reviews that strengthen them more


def generated_log(reviews: int = 1000, seed: int = 14) -> list[list]:
    rng = random.Random(seed)
    schedule, memory = Scheduler(enable_fuzzing=False), Scheduler(parameters=LEARNER, enable_fuzzing=False)
    log: list[list] = []
    n = 0
    while len(log) < reviews:
        key, at = f"generated-card-{n}", START + timedelta(minutes=7 * n)
        shown, truth, last = Card(card_id=n + 1, due=at), Card(card_id=n + 1, due=at), None
        n += 1
        for _ in range(rng.randrange(4, 16)):
            if len(log) == reviews:
                break
            at = max(at, shown.due)
            recalled = last is None and rng.random() < 0.5 or (
                last is not None and rng.random() < memory.get_card_retrievability(truth, current_datetime=at))
            rating = (rng.choice([Rating.Hard, Rating.Good, Rating.Good, Rating.Good, Rating.Easy]) if recalled
                      else Rating.Again)
            log.append([key, int(at.timestamp() * 1000), int(rating), (at - last).days if last else 0])
            shown, _ = schedule.review_card(shown, rating, review_datetime=at)
            truth, _ = memory.review_card(truth, rating, review_datetime=at)
            last = at
    return sorted(log, key=lambda r: r[1])  # as the quiz appends it: in time order
