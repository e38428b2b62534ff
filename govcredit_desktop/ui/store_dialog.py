"""A small dialog whose OK button runs one store write.

The write's ValidationError messages go under their fields (``self.errors``),
anything else to the form's ``generalError`` label; the dialog stays open
and nothing is written until the store accepts.
"""

from PySide6.QtWidgets import QDialog

from govcredit_desktop.core.errors import UserError, ValidationError


class StoreDialog(QDialog):
    """Subclasses set ``self.form`` (with a ``generalError`` label) and
    ``self.errors`` (a FieldErrors), and implement ``save()``."""

    def save(self) -> None:
        raise NotImplementedError

    def _init_general_error(self) -> None:
        self.form.generalError.setStyleSheet("color: #c62828;")
        self.form.generalError.hide()

    def accept(self) -> None:
        try:
            self.save()
        except ValidationError as exc:
            rest = self.errors.show(exc.errors)
            self._general("；".join(rest.values()))
            return
        except UserError as exc:
            self.errors.clear()
            self._general(str(exc))
            return
        super().accept()

    def _general(self, message: str) -> None:
        self.form.generalError.setText(message)
        self.form.generalError.setVisible(bool(message))
