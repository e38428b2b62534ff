"""A small dialog whose OK button runs one store write.

The write's ValidationError messages go under their fields and anything else
to the form's general line (``FieldErrors.refuse``); the dialog stays open and
nothing is written until the store accepts.
"""

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from govcredit_desktop.core.errors import UserError


class StoreDialog(QDialog):
    """Subclasses set ``self.form`` (a compiled form with a ``buttonBox``) and
    ``self.errors`` (a FieldErrors whose ``general`` is the form's
    ``generalError``), and implement ``save()``, which raises what the store
    refuses."""

    def save(self) -> None:
        raise NotImplementedError

    def _name_buttons(self, ok: str) -> None:
        self.form.buttonBox.button(QDialogButtonBox.Ok).setText(ok)
        self.form.buttonBox.button(QDialogButtonBox.Cancel).setText("取消")

    def accept(self) -> None:
        try:
            self.save()
        except UserError as exc:
            ok = self.form.buttonBox.button(QDialogButtonBox.Ok).text().replace("&", "")
            self.errors.refuse(exc, f"请按红字提示修改后再点“{ok}”。")
            return
        super().accept()
