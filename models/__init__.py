"""Opt-In Desk's model layer: everything that is true without a screen (no Qt here)."""
