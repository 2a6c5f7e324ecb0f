"""The rules of career-mobility counselling, in plain Python (no Qt, no database)."""
