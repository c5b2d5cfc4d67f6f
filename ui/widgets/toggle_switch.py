"""The on/off switch of the Opt-In section: a real checkable button drawn as a toggle.

``paint_toggle()`` does all the drawing, so that a table delegate can paint the same switch
in a cell that the widget ``ToggleSwitch`` paints on screen (STYLE §8).
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from PySide6.QtCore import (
    Property,
    QEasingCurve,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

__all__ = ["ToggleSwitch", "paint_toggle"]

# Geometry, in logical pixels for a 44x24 rect; paint_toggle() scales with its rect.
_TRACK_ASPECT = 2.0  # track width / track height
_RING_MARGIN = 3.0  # room around the track for the focus ring and its gap
_RING_GAP = 2.0  # distance from the track's edge to the centre of the focus ring's pen
_RING_WIDTH = 1.5

# How strongly the off track leans from the window colour to the text colour.
# A blend of two palette colours, rather than Mid or Dark alone, because in dark palettes
# Mid and Dark are darker than the window and an off switch would all but disappear.
_OFF_TRACK_MIX = 0.4
_GLYPH_MIX = 0.3  # padlock: from the dark end of Base/Text towards the knob
_SHADOW_ALPHA = 0.35
_HOVER_MIX = 0.12
_DISABLED_OPACITY = 0.4
_LOCKED_TRACK_OPACITY = 0.45


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return the colour ``t`` of the way from ``a`` to ``b`` (alpha included)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def _padlock_paths(knob: QRectF) -> tuple[QPainterPath, QPainterPath, float]:
    """Return the shackle (to stroke), body (to fill) and pen width of a padlock in ``knob``.

    Edges are snapped to whole pixels so that the glyph stays crisp at its small size.
    """
    d = knob.width()
    pen = max(1.0, round(d / 14.0))
    centre = knob.center()
    body_width = 2.0 * round(d * 0.22)
    body_height = float(round(d * 0.34))
    shackle_height = float(round(d * 0.28))
    # The body's top sits so that shackle and body together are centred in the knob.
    body = QRectF(
        round(centre.x() - body_width / 2),
        round(centre.y() - (body_height + shackle_height) / 2 + shackle_height),
        body_width,
        body_height,
    )
    body_path = QPainterPath()
    body_path.addRoundedRect(body, d * 0.05, d * 0.05)

    # The shackle's pen runs along the body's side edges, half a pen inside them.
    left, right = body.left() + pen / 2, body.right() - pen / 2
    arc = QRectF(left, body.top() - shackle_height, right - left, right - left)
    shackle = QPainterPath()
    shackle.moveTo(left, body.top())
    shackle.lineTo(left, arc.center().y())
    shackle.arcTo(arc, 180.0, -180.0)
    shackle.lineTo(right, body.top())
    return shackle, body_path, pen


def _paint_knob(painter: QPainter, knob: QRectF, fill: QColor, shadow: QColor) -> None:
    """Paint the round knob with a soft shadow under it."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(shadow)
    painter.drawEllipse(knob.translated(0.0, 0.75))
    painter.setBrush(fill)
    painter.drawEllipse(knob)


class _Colours(NamedTuple):
    """The colours of one toggle, all taken from the palette."""

    off_track: QColor
    on_track: QColor
    off_knob: QColor
    on_knob: QColor
    glyph: QColor
    shadow: QColor
    hover_tint: QColor


#: The colours of the palettes switches were painted with, by the palette's cache key and
#: colour group: a profile paints ten switches with the same palette (issue 12).
_COLOURS: dict[tuple[int, QPalette.ColorGroup], _Colours] = {}


def _colours(palette: QPalette) -> _Colours:
    # Disabled is drawn as the enabled colours faded, so that on and off stay apart;
    # the Disabled colour group of many palettes greys the highlight out entirely.
    group = palette.currentColorGroup()
    if group == QPalette.ColorGroup.Disabled:
        group = QPalette.ColorGroup.Active
    key = (palette.cacheKey(), group)
    colours = _COLOURS.get(key)
    if colours is None:
        if len(_COLOURS) > 64:  # palettes come and go with themes
            _COLOURS.clear()
        colours = _COLOURS[key] = _palette_colours(palette, group)
    return colours


def _palette_colours(palette: QPalette, group: QPalette.ColorGroup) -> _Colours:
    """A switch's colours from one colour group of `palette`."""

    def colour(role: QPalette.ColorRole) -> QColor:
        return palette.color(group, role)

    window_text = colour(QPalette.ColorRole.WindowText)
    # The knob is the lighter of Base and Text: white on a light palette and near-white
    # on a dark one, where Base is dark and would vanish against the track.
    light_end, dark_end = sorted(
        (colour(QPalette.ColorRole.Base), colour(QPalette.ColorRole.Text)),
        key=QColor.lightnessF,
        reverse=True,
    )
    shadow = QColor(colour(QPalette.ColorRole.Shadow))
    shadow.setAlphaF(_SHADOW_ALPHA)
    return _Colours(
        off_track=_mix(colour(QPalette.ColorRole.Window), window_text, _OFF_TRACK_MIX),
        on_track=colour(QPalette.ColorRole.Highlight),
        off_knob=light_end,
        on_knob=colour(QPalette.ColorRole.HighlightedText),
        glyph=_mix(dark_end, light_end, _GLYPH_MIX),
        shadow=shadow,
        hover_tint=window_text,
    )


def _geometry(rect: QRectF, position: float) -> tuple[QRectF, QRectF]:
    """The track, the largest of the right aspect that fits centred in `rect`, and the
    knob at `position` (0.0 off … 1.0 on) along it."""
    available = rect.adjusted(_RING_MARGIN, _RING_MARGIN, -_RING_MARGIN, -_RING_MARGIN)
    height = max(min(available.height(), available.width() / _TRACK_ASPECT), 1.0)
    track = QRectF(0.0, 0.0, round(height * _TRACK_ASPECT), round(height))
    track.moveCenter(rect.center())
    track.moveTopLeft(QPointF(round(track.left()), round(track.top())))
    inset = max(2.0, round(track.height() * 0.11))
    diameter = track.height() - 2 * inset
    travel = track.width() - 2 * inset - diameter
    knob = QRectF(track.left() + inset + travel * position, track.top() + inset, diameter, diameter)
    return track, knob


def paint_toggle(
    painter: QPainter,
    rect: QRectF,
    palette: QPalette,
    *,
    checked: bool,
    enabled: bool,
    locked: bool,
    focused: bool,
    hovered: bool,
    position: float | None = None,
) -> None:
    """Paint a toggle switch centred in ``rect``, with colours taken only from ``palette``.

    ``position`` (0.0 off … 1.0 on) places the knob while it slides; by default it follows
    ``checked``. A locked switch is always drawn off, faded, with a padlock in its knob.
    """
    colours = _colours(palette)
    if locked:
        position = 0.0
    elif position is None:
        position = 1.0 if checked else 0.0
    position = min(max(position, 0.0), 1.0)

    track_colour = _mix(colours.off_track, colours.on_track, position)
    knob_colour = _mix(colours.off_knob, colours.on_knob, position)
    if hovered and enabled and not locked:
        track_colour = _mix(track_colour, colours.hover_tint, _HOVER_MIX)
    track, knob = _geometry(rect, position)
    radius = track.height() / 2

    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)

        if focused:
            ring = track.adjusted(-_RING_GAP, -_RING_GAP, _RING_GAP, _RING_GAP)
            painter.setPen(QPen(colours.on_track, _RING_WIDTH))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ring, radius + _RING_GAP, radius + _RING_GAP)
            painter.setPen(Qt.PenStyle.NoPen)

        base_opacity = painter.opacity()
        if not enabled and not locked:
            painter.setOpacity(base_opacity * _DISABLED_OPACITY)
        elif locked:
            painter.setOpacity(base_opacity * _LOCKED_TRACK_OPACITY)
        painter.setBrush(track_colour)
        painter.drawRoundedRect(track, radius, radius)

        if locked:
            # The knob and its padlock stay crisp: "locked" must read at a glance,
            # unlike a merely disabled switch, which fades as a whole.
            painter.setOpacity(base_opacity)
            _paint_knob(painter, knob, colours.off_knob, colours.shadow)
            _paint_padlock(painter, knob, colours.glyph)
        else:
            _paint_knob(painter, knob, knob_colour, colours.shadow)
    finally:
        painter.restore()


def _paint_padlock(painter: QPainter, knob: QRectF, colour: QColor) -> None:
    shackle, body, pen_width = _padlock_paths(knob)
    painter.setPen(QPen(colour, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                        Qt.PenJoinStyle.MiterJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(body)


class ToggleSwitch(QAbstractButton):
    """A checkable on/off switch drawn as a pill track with a round knob.

    It is a real button: the whole rect is clickable, Space toggles it when it has focus,
    ``isChecked()`` changes at once (the knob slides after), and ``clicked`` fires only for
    a person's action. A locked switch (``setLocked(True)``) is drawn off with a padlock and
    refuses to become checked by click, key or ``setChecked(True)``; its owner should also
    disable it. For style sheets it carries the dynamic property ``state="locked"``.
    """

    locked_changed = Signal(bool)

    #: Knob slide duration in milliseconds; 0 turns the animation off.
    animation_duration: ClassVar[int] = 120

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locked = False
        self._animation = QVariantAnimation(self)
        self._setup_ui(accessible_name)
        self._connect_signals()

    def _setup_ui(self, accessible_name: str) -> None:
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)

    def _connect_signals(self) -> None:
        self._animation.valueChanged.connect(self._on_animation_value_changed)

    # -- public API ---------------------------------------------------------------------

    def isLocked(self) -> bool:
        """Return whether the switch is locked off (e.g. a STOP-locked number, R7)."""
        return self._locked

    @Slot(bool)
    def setLocked(self, locked: bool) -> None:
        """Lock the switch off (turning it off if it is on) or unlock it."""
        locked = bool(locked)
        if locked == self._locked:
            return
        self._locked = locked
        if locked and self.isChecked():
            super().setChecked(False)
        self._animation.stop()
        # Dynamic properties are matched when a widget is polished: polish it again.
        self.setProperty("state", "locked" if locked else None)
        style = self.style()
        style.unpolish(self)
        style.polish(self)
        self.update()
        self.locked_changed.emit(locked)

    locked = Property(bool, isLocked, setLocked, notify=locked_changed)

    def setChecked(self, checked: bool) -> None:
        """Set the state; while locked, the switch stays off whatever is asked."""
        checked = bool(checked) and not self._locked
        if checked == self.isChecked() and self._animation.state() != QVariantAnimation.State.Running:
            return  # Qt calls checkStateSet() even for the same state: a repaint for nothing
        super().setChecked(checked)

    def toggle(self) -> None:
        """Toggle the state; a locked switch does not turn on."""
        if self._locked and not self.isChecked():
            return
        super().toggle()

    def click(self) -> None:
        """Click the switch as a person would; a locked switch ignores it."""
        if not self._locked:
            super().click()

    def animateClick(self) -> None:
        """Click the switch with a visible press; a locked switch ignores it."""
        if not self._locked:
            super().animateClick()

    def _slide_knob(self) -> None:
        """Slide the knob towards the new state, if the switch is on screen."""
        duration = self.animation_duration
        if duration <= 0 or not self.isVisible():
            return
        end = 1.0 if self.isChecked() else 0.0
        start = 1.0 - end
        if self._animation.state() == QVariantAnimation.State.Running:
            start = float(self._animation.currentValue())
            self._animation.stop()
        self._animation.setDuration(duration)
        self._animation.setStartValue(start)
        self._animation.setEndValue(end)
        self._animation.start()

    # -- slots --------------------------------------------------------------------------

    @Slot(object)
    def _on_animation_value_changed(self, _value: object) -> None:
        self.update()

    # -- Qt overrides -------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        """Return the natural size of the switch, 44x24."""
        return QSize(44, 24)

    def minimumSizeHint(self) -> QSize:
        """Return the smallest useful size, which is the natural one."""
        return self.sizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        """Return whether ``pos`` hits the switch: the whole rect, unless locked."""
        return not self._locked and self.rect().contains(pos)

    def nextCheckState(self) -> None:
        """Advance the state on a click or key; a locked switch never turns on."""
        if self._locked:
            if self.isChecked():
                super().setChecked(False)
            return
        super().nextCheckState()
        self._slide_knob()

    def checkStateSet(self) -> None:
        """Show a state set from code at once, without sliding the knob."""
        super().checkStateSet()
        self._animation.stop()
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Let Space toggle the switch, unless it is locked."""
        if self._locked and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            # Swallowed, not ignored: a parent must not act on a key meant for this switch.
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the switch with paint_toggle()."""
        option = QStyleOptionButton()
        option.initFrom(self)
        position: float | None = None
        if self._animation.state() == QVariantAnimation.State.Running:
            position = float(self._animation.currentValue())
        with QPainter(self) as painter:
            if self.isRightToLeft():
                # Mirrored, as Qt mirrors check boxes: "on" is the knob at the leading end.
                painter.translate(self.width(), 0)
                painter.scale(-1.0, 1.0)
            paint_toggle(
                painter,
                QRectF(self.rect()),
                option.palette,
                checked=self.isChecked(),
                enabled=self.isEnabled(),
                locked=self._locked,
                focused=self.hasFocus(),
                hovered=bool(option.state & QStyle.StateFlag.State_MouseOver),
                position=position,
            )
