# PyInstaller runtime hook (build.spec): a windowed Windows executable starts with
# sys.stdout and sys.stderr set to None, and every `sys.stderr.write` of the command line
# or of app.py's scripted paths would then raise AttributeError instead of saying its
# Chinese sentence.  They write into the null device instead; the log file still gets
# everything (ui/app.py setup_logging).
import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))
