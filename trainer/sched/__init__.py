"""Scheduling, pure: states and grades in, new states out; time is always passed in, never read."""

from trainer.sched.sm2 import State, review

__all__ = ["State", "review"]
