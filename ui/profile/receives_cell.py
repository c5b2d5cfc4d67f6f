"""How a cell of the what-they-receive grid is painted: its icon, its status and, below, the
model's reason in the muted colour (the grid itself is ui/profile/receives_grid.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
)

from resources import icon

#: Item data roles: a cell's state ("allowed", "blocked", "held"), its first line, and the
#: model's reason below it ('' for allowed and held cells, whose first line says it all).
STATE_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
REASON_ROLE = Qt.ItemDataRole.UserRole + 2
ICONS = {"allowed": "check", "blocked": "block", "held": "clock"}
PAD_X = 6
PAD_Y = 7
_ICON = 16
_ICON_GAP = 5
#: A status word wider than its cell ("Bloqueado" in a narrow column) is drawn this much
#: smaller at most, rather than cut off.
_LEAST_STATUS_SCALE = 0.8


class ReceivesCellDelegate(QStyledItemDelegate):
    """Paints a cell as its icon, its status and, below it in the muted colour, the reason."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint the background as the style does, then the icon and the two kinds of words."""
        state = index.data(STATE_ROLE)
        if state is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        status, reason = _lines(index)
        rect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        metrics = opt.fontMetrics
        icon_top = rect.top() + max(0, (metrics.height() - _ICON) // 2)
        icon(ICONS[state]).paint(painter, QRect(rect.left(), icon_top, _ICON, _ICON))
        # The status beside the icon (under it in a narrow cell, rather than cut off); the
        # reason below both, using the cell's full width.
        status_rect = (rect.adjusted(_ICON + _ICON_GAP, 0, 0, 0) if _beside(metrics, rect.width(), status)
                       else rect.adjusted(0, max(_ICON, metrics.height()) + 2, 0, 0))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        painter.save()
        try:
            painter.setFont(_fitted_font(opt.font, status_rect.width(), status))
            painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
            used = painter.boundingRect(status_rect, flags, status)
            painter.drawText(status_rect, flags, status)
            if reason:
                painter.setFont(opt.font)
                painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(rect.adjusted(0, used.bottom() + 1 - rect.top(), 0, 0), flags,
                                 reason)
        finally:
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The size of the cell's words wrapped at the column's width."""
        hint = super().sizeHint(option, index)
        if index.data(STATE_ROLE) is None or option.rect.width() <= 0:
            return hint
        status, reason = _lines(index)
        return QSize(hint.width(), cell_height(option.fontMetrics, option.rect.width(),
                                                status, reason))


def cell_height(metrics: QFontMetrics, width: int, status: str, reason: str) -> int:
    """The height a cell needs at ``width``: its status beside the icon, the reason below."""
    flags = int(Qt.TextFlag.TextWordWrap)
    if _beside(metrics, width - 2 * PAD_X, status):
        status_width, above = width - 2 * PAD_X - _ICON - _ICON_GAP, 0
    else:
        status_width, above = max(width - 2 * PAD_X, 20), max(_ICON, metrics.height()) + 2
    height = above + metrics.boundingRect(QRect(0, 0, status_width, 10_000), flags,
                                          status).height()
    if reason:
        reason_width = max(width - 2 * PAD_X, 20)
        height += metrics.boundingRect(QRect(0, 0, reason_width, 10_000), flags, reason).height()
    return height + 2 * PAD_Y


def _fitted_font(font: QFont, width: int, status: str) -> QFont:
    """`font`, or a little smaller when the status's longest word is wider than `width`: a
    longer word of another language shows whole in a narrow column (issue 14)."""
    widest = max((QFontMetrics(font).horizontalAdvance(word) for word in status.split()),
                 default=0)
    if widest <= width or width <= 0 or font.pointSizeF() <= 0:
        return font
    fitted = QFont(font)
    fitted.setPointSizeF(font.pointSizeF() * max(_LEAST_STATUS_SCALE, (width - 1) / widest))
    return fitted


def _beside(metrics: QFontMetrics, width: int, status: str) -> bool:
    """Whether the status's first word fits beside the icon in a cell's inner ``width``."""
    first = status.split(" ", 1)[0]
    return width - _ICON - _ICON_GAP >= metrics.horizontalAdvance(first)


def _lines(cell: QTableWidgetItem | QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
    """The status line and the reason line a cell paints."""
    return cell.data(STATUS_ROLE) or "", cell.data(REASON_ROLE) or ""
