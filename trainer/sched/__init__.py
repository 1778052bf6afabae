"""Scheduling, pure: states and grades in, new states out; time is always passed in, never read."""

from trainer.sched.answer import LEECH_LAPSES, Outcome, Policy, grade
from trainer.sched.exam import days_until_exam
from trainer.sched.sm2 import State, review
from trainer.sched.state import Algorithm, Queue, Schedule

__all__ = [
    "LEECH_LAPSES",
    "Algorithm",
    "Outcome",
    "Policy",
    "Queue",
    "Schedule",
    "State",
    "days_until_exam",
    "grade",
    "review",
]
