"""The collector pause around bulk work (app.bulk_work): restored after, even on error; what was
made inside is moved to the oldest generation instead of being walked as young."""

from __future__ import annotations

import gc

import pytest

from app.bulk_work import collector_paused
from app.errors import InputError


def test_paused_inside_and_restored_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # nested: the outer block restores
                assert not gc.isenabled()
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_made_inside_land_in_the_oldest_generation():
    with collector_paused():
        made = [[n] for n in range(1000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(m) in oldest for m in made)
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(m) in young for m in made)


def test_a_refused_import_leaves_the_collector_on(tmp_path, db):
    from app.services.importing import preview_import
    from app.services.roster import ensure_branch

    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    with db.session() as s:
        branch = ensure_branch(s, "一支部").id
        with pytest.raises(InputError):
            preview_import(s, bad, branch)
    assert gc.isenabled()
