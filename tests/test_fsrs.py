"""The quiz's FSRS-6 (docs/assets/fsrs.js, run in Node) against the `fsrs`
Python package on random review histories: same state, stability and
difficulty to 1e-6, and the same due date (so the same interval in days)."""

import json
import random
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler

REPLAY = Path(__file__).parent / "js" / "fsrs_replay.cjs"
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def histories(count: int, seed: int) -> list[list[tuple[int, datetime]]]:
    """Ratings at gaps a learner really leaves: seconds, minutes, hours, days, months."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        at, reviews = START + timedelta(minutes=rng.randrange(0, 10_000)), []
        for _ in range(rng.randrange(1, 25)):
            reviews.append((rng.choice([1, 2, 3, 3, 3, 4]), at))
            unit = rng.choice([timedelta(seconds=1), timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)])
            at += unit * rng.choice([1, 5, 10, 30, 90, 400])
        out.append(reviews)
    return out


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_js_scheduler_agrees_with_py_fsrs():
    cases = histories(250, seed=6)
    scheduler = Scheduler(enable_fuzzing=False)
    ms = lambda t: int(t.timestamp() * 1000)  # noqa: E731
    payload = json.dumps([{"start": ms(h[0][1]), "reviews": [[r, ms(t)] for r, t in h]} for h in cases])
    js = json.loads(subprocess.run(["node", str(REPLAY)], input=payload, capture_output=True, text=True,
                                   check=True).stdout)
    compared = 0
    for history, js_states in zip(cases, js):
        card = Card(card_id=1, due=history[0][1])
        for (rating, at), (state, step, stability, difficulty, due) in zip(history, js_states):
            card, _ = scheduler.review_card(card, Rating(rating), review_datetime=at)
            assert (state, step) == (int(card.state), card.step)
            assert abs(stability - card.stability) <= 1e-6 and abs(difficulty - card.difficulty) <= 1e-6
            assert due == ms(card.due), (history, rating, at)  # so the interval in days is the same too
            compared += 1
    assert len(cases) >= 200 and compared > 2000
