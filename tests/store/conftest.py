import pytest


@pytest.fixture
def demo_db(make_demo_db):
    # More rows than the GUI tests' 60, so that searches and sorts meet ties.
    return make_demo_db(300, seed=7)
