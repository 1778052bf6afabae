"""trainer: spaced-repetition cloze drills for 申论 material, in the terminal."""

__version__ = "0.1.0"
