"""The one rule by which every folder hands out slugs (cardsite.core.slugs.allocate)."""

import re

from hypothesis import given
from hypothesis import strategies as st

from cardsite.core.slugs import RESERVED, allocate

keys = st.dictionaries(st.text(min_size=1, max_size=6), st.sampled_from(["a", "b", "index", "a-x", "c"]),
                       min_size=1, max_size=12)


@given(keys, st.sets(st.sampled_from(["a", "b", "q"])), st.randoms())
def test_slugs_are_unique_free_and_independent_of_order(wanted, taken, rng):
    given_out = allocate(wanted, taken)
    assert given_out.keys() == wanted.keys()
    assert len(set(given_out.values())) == len(given_out)  # no two keys share a slug
    assert not set(given_out.values()) & (RESERVED | taken)  # nor take a reserved or taken one
    shuffled = list(wanted.items())
    rng.shuffle(shuffled)
    assert allocate(dict(shuffled), taken) == given_out  # the order files are read in changes nothing
    for key, slug in given_out.items():  # each keeps what it wanted or gets it with a suffix
        assert slug == wanted[key] or slug.startswith(wanted[key] + "-")


def test_the_first_key_keeps_the_slug_and_a_preferred_one_before_it():
    plain = allocate({"ai": "ai", "AI": "ai"})
    assert plain["AI"] == "ai" and re.fullmatch(r"ai-[0-9a-f]{6}", plain["ai"])
    chosen = allocate({"ai": "ai", "AI": "ai"}, first=lambda key: key != "ai")
    assert chosen["ai"] == "ai" and chosen["AI"].startswith("ai-")
    assert allocate({"list": "index"})["list"].startswith("index-")
    assert allocate({"x": "a"}, taken={"a"})["x"].startswith("a-")
