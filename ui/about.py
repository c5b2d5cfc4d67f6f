"""The About box's text: what a support person asks for first."""

from __future__ import annotations

import html
import platform

from models.app_info import app_version, database_in_use, log_path


def about_text() -> str:
    """The About box: the version, the database in use, where the log is, and the versions of
    what the program runs on — what a support person asks for first."""
    import PySide6
    from PySide6.QtCore import qVersion

    rows = [("Database", database_in_use()), ("Log", str(log_path())),
            ("Python", platform.python_version()), ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})")]
    table = "".join(f"<tr><td style='padding-right:12px'><b>{label}</b></td>"
                    f"<td>{html.escape(value)}</td></tr>" for label, value in rows)
    return (f"<h3>Opt-In Desk {html.escape(app_version())}</h3>"
            "<p>How each client may be contacted, STOP/START enforced without exception, "
            f"and the record of every consent.</p><table>{table}</table>")
