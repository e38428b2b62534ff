"""Modules generated from the Qt Designer forms in ``forms/*.ui``; do not edit them.

Regenerate after changing a form (tests/ui/test_forms_compiled.py fails until
you do), from the repository root:

    for f in forms/*.ui; do
        pyside6-uic "$f" -o "govcredit_desktop/ui/forms/ui_$(basename "$f" .ui).py"
    done
"""
