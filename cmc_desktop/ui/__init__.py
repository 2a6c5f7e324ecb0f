"""The Qt (PySide6) interface: the only package that imports Qt.

`app.run_app` starts it; `main_window.MainWindow` hosts the views registered in `views.py`
(see `navigation.register_view`).
"""
