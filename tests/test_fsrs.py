"""The quiz's FSRS-6 (docs/assets/fsrs.js, run in Node) against the `fsrs`
Python package on random review histories: same state, stability and
difficulty to 1e-6, and the same due date (so the same interval in days)."""

import json
import math
import random
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS
from review_log import LEARNER, generated_log

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


def test_js_scheduler_agrees_with_py_fsrs():
    cases = histories(250, seed=6)
    scheduler = Scheduler(enable_fuzzing=False)
    ms = lambda t: int(t.timestamp() * 1000)  # noqa: E731
    payload = json.dumps([{"start": ms(h[0][1]), "reviews": [[r, ms(t)] for r, t in h]} for h in cases])
    js = json.loads(subprocess.run(["node", str(REPLAY)], input=payload, capture_output=True, text=True,
                                   check=True).stdout)
    assert len(js) == len(cases)
    for history, js_states in zip(cases, js, strict=True):
        card = Card(card_id=1, due=history[0][1])
        assert len(js_states) == len(history)  # a state after every review, none skipped
        for (rating, at), (state, step, stability, difficulty, due) in zip(history, js_states, strict=True):
            card, _ = scheduler.review_card(card, Rating(rating), review_datetime=at)
            assert (state, step) == (int(card.state), card.step)
            assert abs(stability - card.stability) <= 1e-6 and abs(difficulty - card.difficulty) <= 1e-6
            assert due == ms(card.due), (history, rating, at)  # so the interval in days is the same too


LOSS = Path(__file__).parent / "js" / "fsrs_loss.cjs"


def reference_log_loss(histories: list[list[tuple[int, int]]], parameters) -> float:
    """The optimiser's measure computed with py-fsrs's own formulas: for each
    review a day or more after the one before, the log loss of the recall
    the memory state before it predicted."""
    s = Scheduler(parameters=parameters, enable_fuzzing=False)
    total, n = 0.0, 0
    for history in histories:
        stability = difficulty = None
        for rating, days in history:
            rating = Rating(rating)
            if stability is None:
                stability = s._initial_stability(rating=rating)
                difficulty = s._initial_difficulty(rating=rating, clamp=True)
                continue
            r = (1 + s._FACTOR * days / stability) ** s._DECAY
            if days >= 1:
                total -= math.log(r) if rating > 1 else math.log(1 - r)
                n += 1
                stability = s._next_stability(difficulty=difficulty, stability=stability, retrievability=r,
                                              rating=rating)
            else:
                stability = s._short_term_stability(stability=stability, rating=rating)
            difficulty = s._next_difficulty(difficulty=difficulty, rating=rating)
    return total / n


@pytest.mark.parametrize("parameters", [None, LEARNER])
def test_the_optimisers_measure_agrees_with_py_fsrs(parameters):
    """What "Optimise my schedule" compares (fsrs.js logLoss), and the items it
    trains on, from a generated review log."""
    log = generated_log(1000)
    out = json.loads(subprocess.run(["node", str(LOSS)], input=json.dumps({"log": log, "parameters": parameters}),
                                    capture_output=True, text=True, check=True).stdout)
    by_card: dict[str, list] = {}
    for key, _, rating, days in log:
        by_card.setdefault(key, []).append((rating, days))
    assert sorted(map(tuple, (map(tuple, h) for h in out["histories"]))) == sorted(
        tuple(h) for h in by_card.values())
    expected = reference_log_loss(list(by_card.values()), parameters or DEFAULT_PARAMETERS)
    assert 0.05 < expected < 1 and out["loss"] == pytest.approx(expected, rel=1e-9)
    items = out["items"]  # for every review a day or more after the one before: the history up to it
    assert len(items["lengths"]) == sum(days >= 1 for h in by_card.values() for _, days in h[1:]) > 500
    assert sum(items["lengths"]) == len(items["ratings"]) == len(items["days"])


def test_a_card_reviewed_before_the_log_began_is_left_out():
    log = [["a", 1, 3, 0], ["a", 2, 3, 2], ["b", 3, 3, 5], ["b", 4, 1, 3]]  # b's first review is missing
    out = json.loads(subprocess.run(["node", str(LOSS)], input=json.dumps({"log": log, "parameters": [1] * 20}),
                                    capture_output=True, text=True, check=True).stdout)
    assert out["histories"] == [[[3, 0], [3, 2]]]
    assert out["items"] == {"ratings": [3, 3], "days": [0, 2], "lengths": [2]}
