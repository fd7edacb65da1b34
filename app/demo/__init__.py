"""Deterministic demo data: synthetic companies, openings, organisations, initiatives,
young people with pathways, matches and referrals, and one login per role.

Nothing in it describes a real person or company: names are assembled from word lists,
CVR numbers fail the CVR check digit, e-mail addresses use example.com or
demo.ungeloftet.dk, and phone numbers start with +45 20 00.
"""

from app.demo.clock import REFERENCE_DATE
from app.demo.seed import DemoAlreadyLoadedError, DemoCounts, demo_is_loaded, seed_demo
from app.demo.users import DEMO_USERS, DemoUser

__all__ = [
    "DEMO_USERS",
    "REFERENCE_DATE",
    "DemoAlreadyLoadedError",
    "DemoCounts",
    "DemoUser",
    "demo_is_loaded",
    "seed_demo",
]
