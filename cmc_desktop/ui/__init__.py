"""The Qt (PySide6) interface: the only package that imports Qt.

`app.run_app` starts it; `main_window.MainWindow` hosts the views registered in `views.py`
(see `navigation.register_view`).

Importing PySide6 installs an import hook for its `from __feature__ import …` switches (snake_case names,
true properties), which this application does not use. The hook reads the source of every module imported
after it and linecache keeps that text: measured here, the data layer then imports in ~330 ms instead of
~260 ms and holds ~7 MiB more. It is taken out as soon as PySide6 is in, and PySide's own import below it
kept (PySide 6.11 calls it `__orig_import__`); if a later PySide has no such name, the hook simply stays.
"""

import builtins

import PySide6.QtCore  # noqa: F401 - installs the hook taken out below

_below_the_hook = getattr(builtins, "__orig_import__", None)
if callable(_below_the_hook) and getattr(builtins.__import__, "__name__", "") == "__feature_import__":
    builtins.__import__ = _below_the_hook
