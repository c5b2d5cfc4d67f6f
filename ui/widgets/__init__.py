"""Reusable widgets: the toggle switch, titled sections, notices and record lists."""
