"""Render the main screens of Opt-In Desk to PNG files, for the README and for review.

    python scripts/screenshots.py [--out docs/screenshots]

It builds a fresh demo studio in a temporary folder, signs in as Demo Employee and drives the
real window offscreen the way a person would: search, select, open dialogs. Nothing is mocked.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QAction, QColor, QPalette  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QWidget  # noqa: E402

SIZE = (1280, 720)


def _settle(app: QApplication, ms: int = 250) -> None:
    """Let timers (the search debounce, deferred counts) fire and the window paint."""
    QTest.qWait(ms)
    app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def dark_palette() -> QPalette:
    """A dark desktop theme, as a user's OS might set it."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26272a",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#4c8df6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2d2e31",
        QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Mid: "#5f6368", QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Light: "#3c4043", QPalette.ColorRole.Midlight: "#35363a",
        QPalette.ColorRole.Shadow: "#000000", QPalette.ColorRole.Link: "#8ab4f8",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8388"))
    return palette


def _save_pdf_page(pdf: Path, path: Path, width: int = 900) -> None:
    """Page 1 of a PDF as a PNG, rendered by Qt's own PDF reader."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    page = document.pagePointSize(0)
    size = QSize(width, round(width * page.height() / page.width()))
    document.render(0, size).save(str(path))
    print(path)


#: The small screens the first-run window must fit on (a front-desk laptop, a netbook).
SMALL_SCREENS = ((800, 560), (1024, 600))


def _on_screen(dialog: QWidget, size: tuple[int, int], path: Path) -> None:
    """`dialog` centred on an empty desktop of `size`, to show that it fits."""
    from PySide6.QtGui import QPainter, QPixmap
    shot = dialog.grab()
    desktop = QPixmap(*size)
    desktop.fill(QColor("#5f6b77"))
    with QPainter(desktop) as painter:
        painter.drawPixmap((size[0] - shot.width()) // 2, (size[1] - shot.height()) // 2, shot)
    desktop.save(str(path))
    print(path)


def first_run_shots(app: QApplication, out: Path) -> None:
    """The first-run window: creating a studio (half filled in) and connecting to a server."""
    from PySide6.QtWidgets import QLineEdit, QRadioButton
    from ui.first_run.first_run_dialog import FirstRunDialog

    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = "/home/front-desk/.local/share"  # a studio computer's paths
    try:
        for page in ("create", "server"):
            dialog = FirstRunDialog()
            dialog.show()
            _settle(app)
            if page == "create":
                for name, text in (("studioNameInput", "Sunrise Yoga"), ("ownerNameInput", "Olive Owner"),
                                   ("ownerPinInput", "2468")):
                    QTest.keyClicks(dialog.findChild(QLineEdit, name), text)
            else:
                QTest.mouseClick(dialog.findChild(QRadioButton, "connectServerChoice"),
                                 Qt.MouseButton.LeftButton)
                url = dialog.findChild(QLineEdit, "serverUrlInput")
                url.setFocus()
                QTest.keyClicks(url, "postgresql://desk:secret@studio-server.local/sunrise")
                QTest.keyClick(url, Qt.Key.Key_Tab)
            _settle(app)
            for size in SMALL_SCREENS:
                _on_screen(dialog, size, out / f"first-run-{page}-{size[0]}x{size[1]}.png")
            dialog.close()
    finally:
        if saved is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = saved
def _import_screens(app: QApplication, window: QWidget, folder: Path, out: Path) -> None:
    """File ▸ Import clients (preview, progress, result) and the message-log import (column
    choice, result), over the window at the two small screen sizes."""
    import csv

    from models.client_import import import_clients, preview_clients
    from models.message_log import import_messages
    from ui.clients.client_file_import import result_text
    from ui.clients.client_import_preview_dialog import ClientImportPreviewDialog
    from ui.messages.column_mapping_dialog import ColumnMappingDialog
    from ui.messages.import_progress_dialog import ImportProgressDialog
    from ui.messages.message_import import import_report
    from ui.widgets.import_result_dialog import ImportResultDialog

    clients = folder / "clientes (Excel).csv"
    with clients.open("w", newline="", encoding="cp1252") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [["first_name", "last_name", "email", "mobile", "home_phone", "status", "sms_marketing",
              "consent_method", "Notes"],
             ["José", "O’Brien", "jose@example.com", "(303) 555-0101", "", "member", "yes", "signed_form", "VIP"],
             ["Zoë", "Muñoz", "zoe@example", "", "", "prospect", "", "", ""],
             ["Iñaki", "Peña", "", "555-01", "", "member", "", "", "front desk"],
             ["Renée", "Dubois", "renee@example.com", "", "(303) 555-0188", "visitor", "", "", ""],
             ["Ana", "Silva", "ana@example.com", "(303) 555-0102", "", "member", "", "", ""]])
    log = folder / "api-export.csv"
    with log.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["SMS Message SID", "From", "To", "Date Created", "Date Sent", "Date Updated", "Status",
              "Direction", "Message Segments", "Price", "Body"],
             ["SM90", "(303) 555-0102", "+15550001111", "", "2026-11-26 09:14", "", "received", "inbound",
              "1", "0", "no more texts please"],
             ["SM91", "(303) 555-0199", "+15550001111", "", "last Tuesday", "", "received", "inbound",
              "1", "0", "STOP"]])
    preview = preview_clients(clients)
    summary = import_clients(clients)
    logged = import_messages(log)
    for width, height in ((800, 560), (1024, 600)):
        window.resize(width, height)
        _settle(app)
        size = f"{width}x{height}"
        shown: list[tuple[QWidget, str]] = [
            (ClientImportPreviewDialog(clients.name, preview, window), "import-clients-preview"),
            (ImportResultDialog("Import clients", result_text(clients, summary), summary.problems(),
                                window), "import-clients-result"),
            (ImportResultDialog("Import message log", import_report(log, logged, rows=False),
                                [{"row": b["row"], "column": "", "reason": b["error"]} for b in logged.bad_rows],
                                window, review_waiting=logged.actions["review"]), "import-messages-result"),
            (ColumnMappingDialog("export.csv", ["Id", "When", "Phone", "Message", "Channel"], window),
             "import-messages-columns"),
        ]
        progress = ImportProgressDialog(clients.name, window, title="Import clients",
                                        doing="Importing clients…", noun="row", cancellable=True)
        progress.show_progress(2000, 5210)
        shown.append((progress, "import-clients-progress"))
        for dialog, name in shown:
            dialog.show()
            _settle(app)
            _save(dialog, out / f"{name}-{size}.png")
            if isinstance(dialog, ImportProgressDialog):
                dialog.finish()
            else:
                dialog.close()
            dialog.deleteLater()
    window.resize(*SIZE)


def spanish_shots(app: QApplication, settings: QSettings, client_id: int, out: Path) -> None:
    """The profile of a STOP-locked client and the review queue in Spanish (issue 14), at the
    sizes where longer words are most likely to break the layout."""
    from ui.language import use_language
    from ui.main_window import MainWindow

    use_language("es")
    window = MainWindow(settings=settings, watch=False)
    window.show()
    for width, height in ((1024, 600), (800, 560)):
        window.resize(width, height)
        _settle(app, 400)
        window.panel().select_client(client_id)
        _settle(app, 400)
        _save(window, out / f"es-profile-{width}x{height}.png")
    queue = window.open_review_queue()
    queue.resize(980, 460)
    _settle(app)
    _save(queue, out / "es-review-queue.png")
    queue.close()
    window.close()
    use_language("en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from models.client_list import ClientFilter, client_ids
    from models.clients import archive_client
    from models.db import open_database
    from models.seed import build_demo, demo_sign_in_hint
    from models.staff import list_staff, sign_in
    from resources import stylesheet
    from ui.app import create_application
    from ui.app_events import app_events
    from ui.clients.client_actions import ClientActions
    from ui.main_window import MainWindow
    from models.record import client_record
    from ui.profile.consent_dialog import ConsentDialog
    from ui.profile.opt_out_dialog import OptOutDialog
    from ui.record_pdf import write_record_pdf
    from ui.session import set_current_staff
    from ui.sign_in_dialog import SignInDialog

    with tempfile.TemporaryDirectory() as folder:
        open_database("sqlite:///" + str(Path(folder) / "demo.db"))
        build_demo()
        app = create_application([sys.argv[0]])
        app.setStyle("Fusion")
        from ui.language import use_language
        use_language("en")  # whatever this computer's language; Spanish has its own shots
        light = app.palette()

        dialog = SignInDialog(demo_hint=demo_sign_in_hint())
        dialog.show()
        _settle(app)
        _save(dialog, args.out / "sign-in.png")
        dialog.close()
        first_run_shots(app, args.out)

        employee = next(s for s in list_staff() if s.name == "Demo Employee")
        set_current_staff(sign_in(employee.staff_id, "1357"))
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        from ui.widgets import remembered_size  # dialogs at their own sizes, not the user's
        remembered_size.settings_factory = lambda: settings
        window = MainWindow(settings=settings, watch=False)
        window.resize(*SIZE)
        window.show()
        _settle(app, 400)

        # The Reyes family, found by part of their shared mobile typed another way.
        search = window.findChild(QWidget, "clientSearch")
        search.setFocus()
        QTest.keyClicks(search, "555-0123")
        _settle(app, 400)
        dana = client_ids("dana reyes")[0]
        window.panel().select_client(dana)
        _settle(app)
        _save(window, args.out / "stop-locked-profile.png")
        # Small screens (issue 10): the window's minimum size, a netbook, a full-HD desktop.
        for width, height in ((800, 560), (1024, 600), (1920, 1080)):
            window.resize(width, height)
            _settle(app, 400)
            _save(window, args.out / f"main-window-{width}x{height}.png")
        # File ▸ Lock at the smallest size: only the sign-in shows (issue 10, shared desk).
        window.resize(800, 560)
        _settle(app)
        window.findChild(QAction, "lockAction").trigger()
        _settle(app)
        _save(window, args.out / "locked.png")
        picker = window.findChild(QComboBox, "staffPicker")
        picker.setCurrentIndex(picker.findText("Demo Employee", Qt.MatchFlag.MatchStartsWith))
        QTest.keyClicks(window.findChild(QWidget, "pinInput"), "1357")
        QTest.keyClick(window.findChild(QWidget, "pinInput"), Qt.Key.Key_Return)
        window.resize(*SIZE)
        _settle(app)

        leah = client_ids("leah")[0]
        search.clear()
        _settle(app, 400)
        window.panel().select_client(leah)
        _settle(app)
        _save(window, args.out / "client-profile.png")
        scroll = window.profile().findChild(QWidget, "profileScroll")
        bar = getattr(scroll, "verticalScrollBar", None)
        if bar is not None:
            bar().setValue(bar().maximum())
            _settle(app)
            _save(window, args.out / "receives-and-history.png")
            bar().setValue(0)

        consent = ConsentDialog("Leah Nguyen", "SMS – Marketing", window)
        consent.show()
        _settle(app)
        _save(consent, args.out / "consent-dialog.png")
        consent.close()

        opt_out = OptOutDialog("Dana Reyes", "SMS – All", (
            "SMS is already off: this number texted STOP. Recording that the client asked too "
            "keeps SMS off for them even after someone on this number texts START."), window)
        opt_out.show()
        _settle(app)
        _save(opt_out, args.out / "opt-out-dialog.png")
        opt_out.close()

        # The client editor (Clients ▸ Add client, Ctrl+N): empty, with typing errors, and a
        # mobile changed to a STOP-locked number, said before saving (R6, R18, R21).
        actions = window.findChild(ClientActions)
        editor = actions.add_client()
        _settle(app)
        _save(editor, args.out / "client-editor.png")
        for name, text in (("firstNameInput", "Jo"), ("emailInput", "jo@"),
                           ("mobileInput", "555 01"), ("homePhoneInput", "call me")):
            QTest.keyClicks(editor.findChild(QWidget, name), text)
        _settle(app, 400)
        _save(editor, args.out / "client-editor-errors.png")
        editor.reject()
        window.panel().select_client(leah)
        _settle(app)
        editor = actions.edit_shown_client()
        mobile = editor.findChild(QWidget, "mobileInput")
        mobile.selectAll()
        QTest.keyClicks(mobile, "(555) 555-0123")
        _settle(app, 500)
        _save(editor, args.out / "client-editor-consent.png")
        editor.reject()
        _settle(app)

        queue = window.open_review_queue()
        queue.resize(980, 460)
        _settle(app)
        _save(queue, args.out / "review-queue.png")
        queue.close()

        # A manager's views, after File ▸ Switch user.
        manager = next(s for s in list_staff() if s.name == "Demo Manager")
        set_current_staff(sign_in(manager.staff_id, "3579"))
        _settle(app)
        reports = window.open_reports()
        reports.resize(980, 720)
        _settle(app, 400)
        _save(reports, args.out / "reports.png")
        reports.close()
        audit = window.open_audit_log()
        audit.resize(1100, 620)
        _settle(app, 400)
        _save(audit, args.out / "audit-log.png")
        audit.close()
        settings_dialog = window.open_ai_settings()
        _settle(app)
        _save(settings_dialog, args.out / "studio-ai-settings.png")
        # With the master switch off, the switches below it read off and say why (issue 10).
        QTest.mouseClick(settings_dialog.switch("ai_enabled"), Qt.MouseButton.LeftButton)
        _settle(app)
        _save(settings_dialog, args.out / "studio-ai-settings-off.png")
        settings_dialog.reject()
        # Messages, searched by a number typed another way (issue 10).
        messages = window.open_messages()
        messages.resize(900, 420)
        _settle(app)
        QTest.keyClick(messages, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(messages.findChild(QWidget, "messageSearch"), "555 0123")
        _settle(app, 400)
        _save(messages, args.out / "messages-search.png")
        messages.close()
        # An archived client, found with the Archived filter: nothing reaches them (R14).
        archived = archive_client(sign_in(manager.staff_id, "3579"), client_ids("omar")[0])
        app_events().data_changed.emit(archived)  # as the profile's Archive button does
        window.panel().set_filter(ClientFilter.ARCHIVED)
        _settle(app, 400)
        window.panel().select_client(client_ids("omar", ClientFilter.ARCHIVED)[0])
        _settle(app)
        _save(window, args.out / "archived-client.png")
        window.panel().set_filter(ClientFilter.ALL)
        _import_screens(app, window, Path(folder), args.out)
        window.close()
        spanish_shots(app, settings, dana, args.out)

        # Page 1 of Dana's consent record, as Print / Save as PDF writes it (R14).
        pdf = Path(folder) / "record.pdf"
        write_record_pdf(client_record(dana), pdf)
        _save_pdf_page(pdf, args.out / "consent-record-page.png")

        # A dark OS theme is in place before the window is built, as on a real desktop: the
        # stylesheet resolves its palette() colours when widgets are polished.
        app.setPalette(dark_palette())
        app.setStyleSheet(stylesheet())
        dark = MainWindow(settings=settings, watch=False)
        dark.resize(*SIZE)
        dark.show()
        _settle(app, 400)
        dark.panel().select_client(dana)
        _settle(app, 400)
        _save(dark, args.out / "dark-theme.png")
        dark.close()
        app.setPalette(light)
    return 0


if __name__ == "__main__":
    sys.exit(main())
