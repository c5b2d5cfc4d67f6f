"""The Qt binding the project pins must not leak: the window runs all day at a front desk.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method
(setText, setPen, …); the process aborts with "none_dealloc" after some minutes of use.
pyproject.toml pins a release without that fault, and this test keeps it that way.
"""

import sys

import pytest


def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("Dana Reyes")
    assert abs(sys.getrefcount(None) - before) < 100
